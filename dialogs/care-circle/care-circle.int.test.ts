/**
 * The care circle as people meet it, in English and Spanish: a patient invites, a caregiver
 * joins with the code (typed anywhere or from their view), the patient is told and chooses
 * what the caregiver may do, turns it off again and removes them; codes that do not work,
 * the limit on tries, and people in the wrong role.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  caregiversSharingAdherence,
  listCaregivers,
  patientsOf,
  unlink,
} from '../../src/care-circle/care-links.js';
import {
  INVITATION_TTL_HOURS,
  MAX_ACCEPT_ATTEMPTS,
} from '../../src/care-circle/invitation-service.js';
import {
  createTestPerson,
  giveWebchatConversation,
} from '../../src/care-circle/testing/care-circle-people.js';
import { createI18n } from '../../src/i18n/i18n.js';
import type { Person } from '../../src/storage/schema.js';
import { buttonsOf, textOf } from '../../test/support/dialog-test-kit.js';
import { useTestDatabase } from '../../test/support/use-test-database.js';
import {
  createCareCircleHarness,
  MAIN_MENU,
  OPEN_CARE_CIRCLE,
  type CareCircleHarness,
  type Reply,
} from './testing/care-circle-harness.js';

const i18n = createI18n();
const en = i18n.getFixedT('en');
const es = i18n.getFixedT('es');
const CODE = /CARE-[A-Z0-9]{4}-[A-Z0-9]{4}/;

const database = useTestDatabase();
let harness: CareCircleHarness;

beforeAll(() => {
  harness = createCareCircleHarness(database.db);
});

function patient(name = 'Alex', locale: 'en' | 'es' = 'en'): Promise<Person> {
  return createTestPerson(database.db, { role: 'patient', name, locale });
}

function caregiver(name = 'Maria', locale: 'en' | 'es' = 'en'): Promise<Person> {
  return createTestPerson(database.db, { role: 'caregiver', name, locale });
}

/** The patient opens the care circle, invites, and gets a code. */
async function inviteFrom(patientId: string): Promise<string> {
  await harness.send(patientId, OPEN_CARE_CIRCLE);
  const replies = await harness.send(patientId, 'care:invite');
  const code = CODE.exec(textOf(replies))?.[0];
  if (!code) throw new Error(`no code in ${textOf(replies)}`);
  return code;
}

/** A patient with a caregiver in their circle (nothing shared yet). */
async function linkedPair(locale: 'en' | 'es' = 'en') {
  const alex = await patient('Alex', locale);
  const maria = await caregiver('Maria', locale);
  await harness.send(maria.id, `join ${await inviteFrom(alex.id)}`);
  return { alex, maria };
}

function texts(replies: Reply[]): string[] {
  return replies.map((reply) => reply.text);
}

describe('a patient invites a caregiver', () => {
  it('shows an empty circle, then a code, how to use it, and the menu', async () => {
    const alex = await patient();

    const opened = await harness.send(alex.id, OPEN_CARE_CIRCLE);
    expect(texts(opened)).toEqual([
      [
        en('care-circle:patient.intro'),
        en('care-circle:patient.empty'),
        en('care-circle:patient.ask'),
      ].join('\n\n'),
    ]);
    expect(buttonsOf(opened)).toEqual([en('care-circle:patient.invite'), en('care-circle:done')]);

    const invited = await harness.press(alex.id, en('care-circle:patient.invite'));
    const code = CODE.exec(textOf(invited))![0];
    expect(texts(invited)).toEqual([
      en('care-circle:patient.code', { code, hours: INVITATION_TTL_HOURS }),
      MAIN_MENU,
    ]);
    expect(textOf(invited)).toContain(`join ${code}`);
  });

  it('in Spanish, tells the caregiver to type "unirme" and the code', async () => {
    const ana = await patient('Ana', 'es');

    const opened = await harness.send(ana.id, OPEN_CARE_CIRCLE);
    expect(buttonsOf(opened)).toEqual([es('care-circle:patient.invite'), es('care-circle:done')]);
    const invited = await harness.press(ana.id, es('care-circle:patient.invite'));
    const code = CODE.exec(textOf(invited))![0];
    expect(invited[0]!.text).toBe(
      es('care-circle:patient.code', { code, hours: INVITATION_TTL_HOURS }),
    );
    expect(invited[0]!.text).toContain(`unirme ${code}`);
  });

  it('closes with "Done"', async () => {
    const alex = await patient();
    await harness.send(alex.id, OPEN_CARE_CIRCLE);

    expect(texts(await harness.press(alex.id, en('care-circle:done')))).toEqual([MAIN_MENU]);
  });
});

describe('a caregiver joins', () => {
  it('with "join <code>" typed anywhere; the patient is told and the caregiver sees nothing yet', async () => {
    const alex = await patient();
    await giveWebchatConversation(database.db, alex.id);
    const maria = await caregiver();
    const code = await inviteFrom(alex.id);

    const joined = await harness.send(maria.id, `join ${code.toLowerCase()}`);
    expect(texts(joined)).toEqual([en('care-circle:accept.joined', { name: 'Alex' }), MAIN_MENU]);
    const notices = await database.db
      .selectFrom('outbox')
      .select('payload')
      .where('person_id', '=', alex.id)
      .execute();
    expect(notices.map((row) => (row.payload as { text?: string }).text)).toEqual([
      en('care-circle:joinNotice', { name: 'Maria' }),
    ]);

    const view = await harness.send(maria.id, OPEN_CARE_CIRCLE);
    expect(textOf(view)).toContain(
      en('care-circle:patients.member', {
        name: 'Alex',
        adherence: en('care-circle:no'),
        medications: en('care-circle:no'),
      }),
    );
  });

  it('hears "joined" again when the turn runs again, and the patient is told once', async () => {
    const alex = await patient();
    await giveWebchatConversation(database.db, alex.id);
    const maria = await caregiver();
    const code = await inviteFrom(alex.id);

    const first = await harness.send(maria.id, `join ${code}`);
    const again = await harness.send(maria.id, `join ${code}`);
    expect(texts(first)).toEqual([en('care-circle:accept.joined', { name: 'Alex' }), MAIN_MENU]);
    expect(texts(again)).toEqual(texts(first));
    const notices = await database.db
      .selectFrom('outbox')
      .select('payload')
      .where('person_id', '=', alex.id)
      .execute();
    expect(notices).toHaveLength(1);
    const linkAudits = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('person_id', '=', alex.id)
      .where('action', '=', 'care_link.created')
      .execute();
    expect(linkAudits).toHaveLength(1);
    expect((await listCaregivers(database.db, alex.id)).map((c) => c.id)).toEqual([maria.id]);

    const sam = await harness.send((await caregiver('Sam')).id, `join ${code}`);
    expect(texts(sam)).toEqual([
      en('care-circle:accept.invalid', { hours: INVITATION_TTL_HOURS }),
      MAIN_MENU,
    ]);
  });

  it('in Spanish, from their own view, after a typing slip', async () => {
    const ana = await patient('Ana', 'es');
    const luis = await caregiver('Luis', 'es');
    const code = await inviteFrom(ana.id);

    const empty = await harness.send(luis.id, OPEN_CARE_CIRCLE);
    expect(texts(empty)).toEqual([
      [es('care-circle:patients.empty'), es('care-circle:patients.ask')].join('\n\n'),
    ]);
    const asked = await harness.press(luis.id, es('care-circle:patients.enterCode'));
    expect(texts(asked)).toEqual([es('care-circle:accept.askCode')]);
    expect(buttonsOf(asked)).toEqual([es('care-circle:cancel')]);
    expect(texts(await harness.send(luis.id, 'no sé'))).toEqual([
      es('care-circle:accept.retryCode'),
    ]);

    const joined = await harness.send(luis.id, code.slice('CARE-'.length));
    const member = es('care-circle:patients.member', {
      name: 'Ana',
      adherence: es('care-circle:no'),
      medications: es('care-circle:no'),
    });
    expect(texts(joined)).toEqual([
      [
        es('care-circle:accept.joined', { name: 'Ana' }),
        [es('care-circle:patients.intro'), member].join('\n'),
        es('care-circle:patients.ask'),
      ].join('\n\n'),
    ]);
    expect((await listCaregivers(database.db, ana.id)).map((c) => c.id)).toEqual([luis.id]);
  });

  it('can cancel the code question', async () => {
    const luis = await caregiver('Luis');
    await harness.send(luis.id, OPEN_CARE_CIRCLE);
    await harness.press(luis.id, en('care-circle:patients.enterCode'));

    const cancelled = await harness.press(luis.id, en('care-circle:cancel'));
    expect(cancelled[0]!.text).toContain(en('care-circle:accept.cancelled'));
    expect(buttonsOf(cancelled)).toEqual([
      en('care-circle:patients.enterCode'),
      en('care-circle:done'),
    ]);
  });

  it('says so when already in the circle', async () => {
    const { alex, maria } = await linkedPair();
    const code = await inviteFrom(alex.id);

    const again = await harness.send(maria.id, code);
    expect(texts(again)).toEqual([
      en('care-circle:accept.alreadyLinked', { name: 'Alex' }),
      MAIN_MENU,
    ]);
  });
});

describe('codes that do not work', () => {
  it('answers a wrong, an expired and a used code the same way', async () => {
    const alex = await patient();
    const expiredCode = await inviteFrom(alex.id);
    await database.db
      .updateTable('care_invitations')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('patient_id', '=', alex.id)
      .execute();
    const usedCode = await inviteFrom(alex.id);
    await harness.send((await caregiver('Sam')).id, `join ${usedCode}`);
    const maria = await caregiver();

    const expired = await harness.send(maria.id, `join ${expiredCode}`);
    const wrong = await harness.send(maria.id, 'join CARE-WRNG-2345');
    const used = await harness.send(maria.id, `join ${usedCode}`);
    expect(texts(expired)).toEqual([
      en('care-circle:accept.invalid', { hours: INVITATION_TTL_HOURS }),
      MAIN_MENU,
    ]);
    expect(texts(wrong)).toEqual(texts(expired));
    expect(texts(used)).toEqual(texts(expired));
  });

  it(`pauses joining after ${MAX_ACCEPT_ATTEMPTS} tries`, async () => {
    const alex = await patient();
    const code = await inviteFrom(alex.id);
    const maria = await caregiver();
    for (let attempt = 0; attempt < MAX_ACCEPT_ATTEMPTS; attempt++) {
      await harness.send(maria.id, `join CARE-WRNG-234${attempt}`);
    }

    const limited = await harness.send(maria.id, `join ${code}`);
    expect(limited[0]!.text).toMatch(/^That's quite a few tries/);
    expect(limited[0]!.text).toBe(en('care-circle:accept.tooManyTries', { minutes: 15 }));
    expect(await listCaregivers(database.db, alex.id)).toEqual([]);
  });
});

describe('people in another role', () => {
  it('kindly tells a patient who types a code that codes are for caregivers', async () => {
    const alex = await patient();
    const code = await inviteFrom(alex.id);
    const robin = await patient('Robin', 'es');

    const replies = await harness.send(robin.id, `unirme ${code}`);
    expect(texts(replies)).toEqual([es('care-circle:accept.notCaregiver'), MAIN_MENU]);
    expect(await listCaregivers(database.db, alex.id)).toEqual([]);
  });

  it('explains that the circle needs a role first', async () => {
    const nobody = await createTestPerson(database.db, { role: null });

    const replies = await harness.send(nobody.id, OPEN_CARE_CIRCLE);
    expect(texts(replies)).toEqual([en('care-circle:noRole'), MAIN_MENU]);
  });
});

describe('the patient chooses what a caregiver may do', () => {
  it('turns adherence sharing and medication management on and off', async () => {
    const { alex, maria } = await linkedPair();

    const circle = await harness.send(alex.id, OPEN_CARE_CIRCLE);
    expect(textOf(circle)).toContain(
      en('care-circle:patient.member', {
        name: 'Maria',
        adherence: en('care-circle:no'),
        medications: en('care-circle:no'),
      }),
    );
    expect(buttonsOf(circle)).toEqual([
      en('care-circle:patient.invite'),
      en('care-circle:patient.manage', { name: 'Maria' }),
      en('care-circle:done'),
    ]);

    const detail = await harness.press(
      alex.id,
      en('care-circle:patient.manage', { name: 'Maria' }),
    );
    expect(buttonsOf(detail)).toEqual([
      en('care-circle:caregiver.adherenceOnButton'),
      en('care-circle:caregiver.medicationsOnButton'),
      en('care-circle:caregiver.remove', { name: 'Maria' }),
      en('care-circle:back'),
    ]);

    const shared = await harness.press(alex.id, en('care-circle:caregiver.adherenceOnButton'));
    expect(texts(shared)).toEqual([
      [
        en('care-circle:caregiver.adherenceOn', { name: 'Maria' }),
        en('care-circle:caregiver.detail', {
          name: 'Maria',
          adherence: en('care-circle:yes'),
          medications: en('care-circle:no'),
        }),
      ].join('\n\n'),
    ]);
    expect(await caregiversSharingAdherence(database.db, alex.id)).toEqual([maria.id]);

    await harness.press(alex.id, en('care-circle:caregiver.medicationsOnButton'));
    expect(await patientsOf(database.db, maria.id, 'manage_medications')).toEqual([
      { id: alex.id, display_name: 'Alex' },
    ]);

    const stopped = await harness.press(alex.id, en('care-circle:caregiver.adherenceOffButton'));
    expect(stopped[0]!.text).toContain(en('care-circle:caregiver.adherenceOff', { name: 'Maria' }));
    expect(await caregiversSharingAdherence(database.db, alex.id)).toEqual([]);
    expect(await patientsOf(database.db, maria.id, 'manage_medications')).toHaveLength(1);

    const back = await harness.press(alex.id, en('care-circle:back'));
    expect(back[0]!.text).toContain(
      en('care-circle:patient.member', {
        name: 'Maria',
        adherence: en('care-circle:no'),
        medications: en('care-circle:yes'),
      }),
    );
  });

  it('pressing an old button again changes nothing', async () => {
    const { alex, maria } = await linkedPair();
    await harness.send(alex.id, OPEN_CARE_CIRCLE);
    await harness.press(alex.id, en('care-circle:patient.manage', { name: 'Maria' }));

    await harness.send(alex.id, 'care:adherence:on');
    await harness.send(alex.id, 'care:adherence:on');
    expect(await caregiversSharingAdherence(database.db, alex.id)).toEqual([maria.id]);
  });

  it('in Spanish, removes a caregiver after asking, and can keep them', async () => {
    const { alex: ana, maria: luis } = await linkedPair('es');
    await harness.send(ana.id, OPEN_CARE_CIRCLE);
    await harness.press(ana.id, es('care-circle:patient.manage', { name: 'Maria' }));
    await harness.press(ana.id, es('care-circle:caregiver.adherenceOnButton'));

    const asked = await harness.press(
      ana.id,
      es('care-circle:caregiver.remove', { name: 'Maria' }),
    );
    expect(texts(asked)).toEqual([es('care-circle:caregiver.confirmRemove', { name: 'Maria' })]);
    const kept = await harness.press(ana.id, es('care-circle:caregiver.removeNo'));
    expect(kept[0]!.text).toContain(es('care-circle:caregiver.kept', { name: 'Maria' }));
    expect(await caregiversSharingAdherence(database.db, ana.id)).toEqual([luis.id]);

    await harness.press(ana.id, es('care-circle:caregiver.remove', { name: 'Maria' }));
    const removed = await harness.press(ana.id, es('care-circle:caregiver.removeYes'));
    expect(texts(removed)).toEqual([
      [
        es('care-circle:caregiver.removed', { name: 'Maria' }),
        es('care-circle:patient.empty'),
        es('care-circle:patient.ask'),
      ].join('\n\n'),
    ]);
    expect(await listCaregivers(database.db, ana.id)).toEqual([]);
    expect(await caregiversSharingAdherence(database.db, ana.id)).toEqual([]);
  });

  it('goes back to the circle when the caregiver left in the meantime', async () => {
    const { alex, maria } = await linkedPair();
    await harness.send(alex.id, OPEN_CARE_CIRCLE);
    await harness.press(alex.id, en('care-circle:patient.manage', { name: 'Maria' }));
    await unlink(database.db, alex.id, maria.id, 'caregiver');

    const replies = await harness.press(alex.id, en('care-circle:caregiver.medicationsOnButton'));
    expect(replies[0]!.text).toMatch(new RegExp(`^${en('care-circle:caregiver.gone')}`));
    expect(await patientsOf(database.db, maria.id, 'manage_medications')).toEqual([]);
  });

  it("cannot open another patient's caregiver by sending their button value", async () => {
    const { maria } = await linkedPair();
    const robin = await patient('Robin');
    await harness.send(robin.id, OPEN_CARE_CIRCLE);

    const replies = await harness.send(robin.id, `care:caregiver:${maria.id}`);
    expect(texts(replies)).toEqual([en('care-circle:patient.retry')]);
  });
});
