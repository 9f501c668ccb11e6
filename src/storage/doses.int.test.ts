/**
 * The doses table: one row per occurrence, only open doses move, answers only from their
 * person, and the queries the reminders sweep and the dialogs rely on.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import {
  createMedication,
  createPerson,
} from '../medications/reminders/testing/reminder-test-kit.js';
import {
  claimDoseOccurrence,
  doseReminderKey,
  findDoseForLateReply,
  followUpKey,
  listDosesAwaitingFollowUp,
  listDosesSince,
  listMissableDoses,
  markDoseFollowedUp,
  markDoseReminded,
  markDoseSnoozed,
  markDosesMissed,
  resolveDose,
  withdrawHeldFollowUps,
} from './doses.js';
import { enqueueOutbound } from './outbox.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

/** A person with one medication, and a way to record its doses. */
async function patientWithMedication() {
  const person = await createPerson(testDb.db);
  const medication = await createMedication(testDb.db, person.id);
  const record = async (occurrenceKey: string, dueAt: string) => {
    const occurrence = { medicationId: medication.id, personId: person.id, occurrenceKey };
    return (await claimDoseOccurrence(testDb.db, { ...occurrence, dueAt: new Date(dueAt) })).dose;
  };
  return { person, medication, record };
}

describe('claimDoseOccurrence', () => {
  it('creates the occurrence once and finds it afterwards', async () => {
    const { person, medication } = await patientWithMedication();
    const occurrence = {
      medicationId: medication.id,
      personId: person.id,
      occurrenceKey: '2030-01-01T08:00',
      dueAt: new Date('2030-01-01T08:00:00Z'),
    };

    const first = await claimDoseOccurrence(testDb.db, occurrence);
    const second = await claimDoseOccurrence(testDb.db, occurrence);

    expect(first.created).toBe(true);
    expect(second).toEqual({ dose: first.dose, created: false });
  });
});

describe('resolveDose', () => {
  it('resolves an open dose of the person once, keeping a reason only when skipped', async () => {
    const { person, record } = await patientWithMedication();
    const taken = await record('2030-01-01T08:00', '2030-01-01T08:00:00Z');
    const skipped = await record('2030-01-01T20:00', '2030-01-01T20:00:00Z');
    const stranger = await createPerson(testDb.db);

    expect(await resolveDose(testDb.db, taken.id, stranger.id, 'taken')).toBe(false);
    expect(await resolveDose(testDb.db, taken.id, person.id, 'taken', 'ignored')).toBe(true);
    expect(await resolveDose(testDb.db, taken.id, person.id, 'skipped')).toBe(false);
    expect(await resolveDose(testDb.db, skipped.id, person.id, 'skipped', 'nausea')).toBe(true);
    expect(await resolveDose(testDb.db, 'dose:1', person.id, 'taken')).toBe(false);

    const rows = await listDosesSince(testDb.db, person.id, new Date('2030-01-01T00:00:00Z'));
    expect(rows.map((row) => [row.status, row.skip_reason])).toEqual([
      ['taken', null],
      ['skipped', 'nausea'],
    ]);
  });

  it('withdraws the dose’s held reminders and follow-up, and no one else’s', async () => {
    const { person, medication, record } = await patientWithMedication();
    const dose = await record('2030-04-01T08:00', '2030-04-01T08:00:00Z');
    const other = await record('2030-04-02T08:00', '2030-04-02T08:00:00Z');
    const key = doseReminderKey(medication.id, dose.occurrence_key);
    const held = new Date(Date.now() + 3_600_000);
    const message = (idempotencyKey: string, holdUntil?: Date) => ({
      personId: person.id,
      channel: 'webchat' as const,
      address: { conversationId: `conv-${person.id}` },
      payload: {},
      idempotencyKey,
      holdUntil,
    });
    await enqueueOutbound(testDb.db, [
      message(key, held),
      message(`${key}:snooze:1`, held),
      message(followUpKey(dose.id), held),
      message(`${key}:snooze:2`),
      message(doseReminderKey(medication.id, other.occurrence_key), held),
    ]);

    expect(await resolveDose(testDb.db, dose.id, person.id, 'taken')).toBe(true);

    const left = await testDb.db
      .selectFrom('outbox')
      .select('idempotency_key')
      .where('person_id', '=', person.id)
      .orderBy('id')
      .execute();
    expect(left.map((row) => row.idempotency_key)).toEqual([
      `${key}:snooze:2`,
      doseReminderKey(medication.id, other.occurrence_key),
    ]);
  });
});

describe('withdrawHeldFollowUps', () => {
  it('withdraws the held follow-ups of the medication’s doses, and no others', async () => {
    const { person, medication, record } = await patientWithMedication();
    const other = await patientWithMedication();
    const dose = await record('2030-06-01T08:00', '2030-06-01T08:00:00Z');
    const sent = await record('2030-06-02T08:00', '2030-06-02T08:00:00Z');
    const otherDose = await other.record('2030-06-01T08:00', '2030-06-01T08:00:00Z');
    const held = new Date(Date.now() + 3_600_000);
    const message = (personId: string, idempotencyKey: string, holdUntil?: Date) => ({
      personId,
      channel: 'webchat' as const,
      address: { conversationId: `conv-${personId}` },
      payload: {},
      idempotencyKey,
      holdUntil,
    });
    await enqueueOutbound(testDb.db, [
      message(person.id, followUpKey(dose.id), held),
      message(person.id, followUpKey(sent.id)),
      message(other.person.id, followUpKey(otherDose.id), held),
    ]);

    expect(await withdrawHeldFollowUps(testDb.db, medication.id)).toBe(1);

    const left = await testDb.db
      .selectFrom('outbox')
      .select('idempotency_key')
      .where('person_id', 'in', [person.id, other.person.id])
      .where('idempotency_key', 'like', 'followup:%')
      .orderBy('id')
      .execute();
    expect(left.map((row) => row.idempotency_key)).toEqual([
      followUpKey(sent.id),
      followUpKey(otherDose.id),
    ]);
  });
});

describe('findDoseForLateReply', () => {
  it('finds the most recent open dose of the last day, or nothing', async () => {
    const { person, record } = await patientWithMedication();
    const old = await record('2030-02-01T08:00', '2030-02-01T08:00:00Z');
    const recent = await record('2030-02-02T08:00', '2030-02-02T08:00:00Z');
    const at = (iso: string) => findDoseForLateReply(testDb.db, person.id, new Date(iso));

    expect((await at('2030-02-02T15:00:00Z'))?.id).toBe(recent.id);
    expect(await at('2030-02-04T09:00:00Z')).toBeUndefined();
    await resolveDose(testDb.db, recent.id, person.id, 'taken');
    expect((await at('2030-02-02T07:59:00Z'))?.id).toBe(old.id);
  });

  it('finds a dose prepared ahead for an early reply, unless one is due already', async () => {
    const { person, record } = await patientWithMedication();
    const upcoming = await record('2030-03-01T12:00', '2030-03-01T12:00:00Z');
    const at = (iso: string) => findDoseForLateReply(testDb.db, person.id, new Date(iso));

    expect((await at('2030-03-01T11:50:00Z'))?.id).toBe(upcoming.id);
    expect(await at('2030-03-01T10:59:00Z')).toBeUndefined();

    // The reminder the person has seen is the due one's; the next one's is still held.
    const due = await record('2030-03-01T11:00', '2030-03-01T11:00:00Z');
    expect((await at('2030-03-01T11:50:00Z'))?.id).toBe(due.id);
    expect((await at('2030-03-01T12:00:00Z'))?.id).toBe(upcoming.id);
  });
});

describe('listDosesSince', () => {
  it('lists the person’s doses since a time, optionally of one medication', async () => {
    const { person, medication, record } = await patientWithMedication();
    const other = await createMedication(testDb.db, person.id, { name: 'ondansetron' });
    await record('2030-03-01T08:00', '2030-03-01T08:00:00Z');
    const later = await record('2030-03-02T08:00', '2030-03-02T08:00:00Z');
    const since = new Date('2030-03-02T00:00:00Z');
    const otherDose = await claimDoseOccurrence(testDb.db, {
      medicationId: other.id,
      personId: person.id,
      occurrenceKey: '2030-03-02T09:00',
      dueAt: new Date('2030-03-02T09:00:00Z'),
    });

    const all = await listDosesSince(testDb.db, person.id, since);
    const one = await listDosesSince(testDb.db, person.id, since, medication.id);

    expect(all.map((row) => row.id)).toEqual([later.id, otherDose.dose.id]);
    expect(one.map((row) => row.id)).toEqual([later.id]);
  });
});

describe('sweep queries', () => {
  it('lists doses a later due dose or four hours make missable, and marks them once', async () => {
    const { record } = await patientWithMedication();
    const early = await record('2030-04-01T08:00', '2030-04-01T08:00:00Z');
    const late = await record('2030-04-01T12:00', '2030-04-01T12:00:00Z');
    const now = new Date('2030-04-01T12:30:00Z');

    const missable = await listMissableDoses(testDb.db, now, 4, 100);
    const mine = missable.filter((row) => [early.id, late.id].includes(row.id));

    expect(mine.map((row) => [row.id, row.next_due_at])).toEqual([[early.id, late.due_at]]);
    expect((await markDosesMissed(testDb.db, [early.id], now)).map((row) => row.id)).toEqual([
      early.id,
    ]);
    expect(await markDosesMissed(testDb.db, [early.id], now)).toEqual([]);
  });

  it('pages through missable doses in (due time, id) order, after a given position', async () => {
    const { record } = await patientWithMedication();
    const first = await record('2031-06-01T06:00', '2031-06-01T06:00:00Z');
    const second = await record('2031-06-01T07:00', '2031-06-01T07:00:00Z');
    const now = new Date('2031-06-01T12:00:00Z');
    // Other tests' doses are all due before this position.
    const start = { dueAt: new Date('2031-05-31T00:00:00Z'), id: first.id };
    const page = async (after: { dueAt: Date; id: string }) =>
      (await listMissableDoses(testDb.db, now, 4, 1, after)).map((row) => row.id);

    expect(await page(start)).toEqual([first.id]);
    expect(await page({ dueAt: first.due_at, id: first.id })).toEqual([second.id]);
    expect(await page({ dueAt: second.due_at, id: second.id })).toEqual([]);
  });

  it('lists reminded doses waiting for a follow-up, not while snoozed, and follows up once', async () => {
    const { record } = await patientWithMedication();
    const dose = await record('2030-05-01T08:00', '2030-05-01T08:00:00Z');
    await markDoseReminded(testDb.db, dose.id, new Date('2030-05-01T08:00:00Z'));
    const waiting = async (iso: string) =>
      (await listDosesAwaitingFollowUp(testDb.db, new Date(iso), 60, 100)).map((row) => row.id);

    expect(await waiting('2030-05-01T08:59:00Z')).not.toContain(dose.id);
    expect(await waiting('2030-05-01T09:00:00Z')).toContain(dose.id);
    await markDoseSnoozed(testDb.db, dose.id, new Date('2030-05-01T09:30:00Z'));
    expect(await waiting('2030-05-01T09:10:00Z')).not.toContain(dose.id);
    expect(await markDoseFollowedUp(testDb.db, dose.id, new Date('2030-05-01T09:31:00Z'))).toBe(
      true,
    );
    expect(await markDoseFollowedUp(testDb.db, dose.id, new Date('2030-05-01T09:32:00Z'))).toBe(
      false,
    );
    expect(await waiting('2030-05-01T10:00:00Z')).not.toContain(dose.id);
  });
});
