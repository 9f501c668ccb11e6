/**
 * The patient hears that a caregiver joined: in their language, where CareLine reaches
 * them, once per invitation, and not during their quiet hours.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { useTestDatabase } from '../../test/support/use-test-database.js';
import { createI18n } from '../i18n/i18n.js';
import { queueJoinNotice } from './join-notice.js';
import { createTestPerson, giveWebchatConversation } from './testing/care-circle-people.js';

const i18n = createI18n();

const database = useTestDatabase();

async function outboxOf(personId: string) {
  return database.db
    .selectFrom('outbox')
    .select(['channel', 'address', 'payload', 'hold_until', 'idempotency_key'])
    .where('person_id', '=', personId)
    .execute();
}

async function pair(locale: 'en' | 'es' = 'en', timeZone = 'America/Chicago') {
  const patient = await createTestPerson(database.db, {
    role: 'patient',
    name: 'Alex',
    locale,
    timeZone,
  });
  const caregiver = await createTestPerson(database.db, { role: 'caregiver', name: 'Maria' });
  const notice = { patientId: patient.id, caregiverId: caregiver.id, invitationId: randomUUID() };
  return { patient, caregiver, notice };
}

// 15:00 in Chicago (UTC-5 in June): outside the default quiet hours (21:00 to 08:00).
const AFTERNOON = new Date('2030-06-12T20:00:00Z');
// 23:00 in Chicago: inside them, held until 08:00 local time.
const NIGHT = new Date('2030-06-13T04:00:00Z');

describe('queueJoinNotice', () => {
  it("tells the patient in their language, at their conversation's address, once", async () => {
    const { patient, notice } = await pair('es');
    const conversationId = await giveWebchatConversation(database.db, patient.id);

    expect(await queueJoinNotice(database.db, i18n, notice, { at: AFTERNOON })).toBe(true);
    expect(await queueJoinNotice(database.db, i18n, notice, { at: AFTERNOON })).toBe(false);

    const rows = await outboxOf(patient.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: 'webchat',
      address: { conversationId },
      payload: {
        type: 'message',
        text: i18n.t('care-circle:joinNotice', { lng: 'es', name: 'Maria' }),
      },
      hold_until: null,
    });
  });

  it('waits for the end of quiet hours', async () => {
    const { patient, notice } = await pair();
    await giveWebchatConversation(database.db, patient.id);

    await queueJoinNotice(database.db, i18n, notice, { at: NIGHT });
    const [row] = await outboxOf(patient.id);
    expect(row!.hold_until).toEqual(new Date('2030-06-13T13:00:00Z'));
  });

  it('queues nothing when CareLine cannot reach the patient', async () => {
    const { patient, notice } = await pair();

    expect(await queueJoinNotice(database.db, i18n, notice)).toBe(false);
    expect(await outboxOf(patient.id)).toEqual([]);
  });
});
