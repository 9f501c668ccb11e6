/**
 * "My medications": the list, pausing, resuming, changing and deleting one medication (each
 * replanning or cancelling its reminders), and a caregiver acting for a patient, with and
 * without the patient's permission.
 */
import { describe, expect, it } from '@jest/globals';
import { createI18n } from '../../src/i18n/i18n.js';
import { buttonsOf, textOf } from '../../test/support/dialog-test-kit.js';
import { useOnboardedHarness } from '../../test/support/onboarded-harness.js';
import { useTestDatabase } from '../../test/support/use-test-database.js';
import {
  linkCaregiver,
  medicationsOf,
  seedDose,
  seedMedication,
} from './testing/medication-test-kit.js';

const i18n = createI18n();
const en = i18n.getFixedT('en');

const database = useTestDatabase();
const harness = useOnboardedHarness(database);

describe('the list', () => {
  it('says when there is nothing yet and offers to add one', async () => {
    const { user } = await harness.onboardNew();

    const replies = await harness.send(user, '', { value: 'menu:medications' });
    expect(textOf(replies)).toBe(en('medications:list.empty'));
    expect(buttonsOf(replies)).toEqual([
      en('medications:button.add'),
      en('medications:button.done'),
    ]);

    expect(textOf(await harness.send(user, '', { value: 'med:add' }))).toBe(
      en('medications:add.ask'),
    );
  });

  it('lists each medication with its schedule, and offers what can be done with one', async () => {
    const { user, person } = await harness.onboardNew();
    const letrozole = await seedMedication(database.db, person.id);
    await seedMedication(database.db, person.id, {
      name: 'ondansetron',
      generic_name: 'ondansetron',
      strength_value: 8,
      times_of_day: [],
      as_needed: true,
      paused_at: new Date(),
    });

    const list = await harness.send(user, 'my medications');
    expect(textOf(list)).toContain(en('medications:list.title'));
    expect(textOf(list)).toContain('1. letrozole (generic) 2.5 mg, every day at 09:00, from');
    expect(textOf(list)).toContain(
      `2. ondansetron (generic) 8 mg, only when needed, from Jan 1, 2027 ${en('medications:list.paused')}`,
    );
    expect(buttonsOf(list)).toEqual([
      '1. letrozole 2.5 mg',
      '2. ondansetron 8 mg',
      en('medications:button.add'),
      en('medications:button.done'),
    ]);

    const actions = await harness.send(user, '', { value: `med:${letrozole.id}` });
    expect(textOf(actions)).toContain(en('medications:action.ask'));
    expect(buttonsOf(actions)).toEqual(
      ['pause', 'change', 'delete', 'back'].map((action) => en(`medications:button.${action}`)),
    );
    expect(textOf(await harness.send(user, '2'))).toContain(en('medications:action.retry'));
  });
});

describe('one medication', () => {
  it('pauses and resumes its reminders', async () => {
    const { user, person } = await harness.onboardNew();
    const medication = await seedMedication(database.db, person.id);

    await harness.send(user, 'my medications');
    await harness.send(user, '1');
    const paused = await harness.send(user, 'Pause reminders');
    expect(textOf(paused)).toContain(en('medications:action.paused'));
    const [afterPause] = await medicationsOf(database.db, person.id);
    expect(afterPause?.paused_at).toBeInstanceOf(Date);

    await harness.send(user, 'my medications');
    const actions = await harness.send(user, '1');
    expect(buttonsOf(actions)).toContain(en('medications:button.resume'));
    expect(textOf(await harness.send(user, '', { value: 'med:resume' }))).toContain(
      en('medications:action.resumed'),
    );
    const [afterResume] = await medicationsOf(database.db, person.id);
    expect(afterResume?.paused_at).toBeNull();
    expect(harness.reminders.callsFor(medication.id)).toEqual(['planMedication', 'planMedication']);
  });

  it('deletes it with its dose history after confirming, and cancels its reminders', async () => {
    const { user, person } = await harness.onboardNew();
    const medication = await seedMedication(database.db, person.id);
    await seedDose(database.db, medication, new Date(Date.now() - 3_600_000), 'taken');

    await harness.send(user, 'my medications');
    await harness.send(user, '', { value: `med:${medication.id}` });
    const confirm = await harness.send(user, 'delete');
    expect(textOf(confirm)).toBe(en('medications:delete.ask', { name: 'letrozole' }));
    expect(textOf(await harness.send(user, 'No, keep it'))).toContain(
      en('medications:delete.kept'),
    );
    expect(await medicationsOf(database.db, person.id)).toHaveLength(1);

    await harness.send(user, 'my medications');
    await harness.send(user, '1');
    await harness.send(user, '', { value: 'med:delete' });
    const deleted = await harness.send(user, '', { value: 'answer:yes' });
    expect(textOf(deleted)).toContain(en('medications:delete.done'));

    expect(await medicationsOf(database.db, person.id)).toEqual([]);
    const doses = await database.db
      .selectFrom('doses')
      .select('id')
      .where('person_id', '=', person.id)
      .execute();
    expect(doses).toEqual([]);
    expect(harness.reminders.callsFor(medication.id)).toEqual(['cancelMedication']);
  });

  it('changes a saved medication through the same review, and replans it', async () => {
    const { user, person } = await harness.onboardNew();
    const medication = await seedMedication(database.db, person.id);

    await harness.send(user, 'my medications');
    await harness.send(user, '1');
    expect(textOf(await harness.send(user, 'change'))).toBe(en('medications:change.ask'));
    await harness.send(user, 'times');
    const review = await harness.send(user, '8:00 and 20:00');
    expect(textOf(review)).toContain('letrozole (generic) 2.5 mg, every day at 08:00 and 20:00');
    const saved = await harness.send(user, 'yes');
    expect(textOf(saved)).toContain(en('medications:changed.self', { name: 'letrozole' }));

    const [row, ...others] = await medicationsOf(database.db, person.id);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ id: medication.id, times_of_day: ['08:00', '20:00'] });
    expect(harness.reminders.callsFor(medication.id)).toEqual(['planMedication']);
  });
});

describe('a caregiver', () => {
  it("with permission manages the patient's medications", async () => {
    const patient = await harness.onboardNew({ name: 'Rosa' });
    const caregiver = await harness.onboardNew({ role: 'caregiver', name: 'Luis' });
    await linkCaregiver(database.db, patient.person.id, caregiver.person.id, { manage: true });
    await seedMedication(database.db, patient.person.id);

    const whose = await harness.send(caregiver.user, 'my medications');
    expect(textOf(whose)).toBe(en('medications:subject.ask.manage_medications'));
    expect(buttonsOf(whose)).toEqual([
      en('medications:subject.self'),
      'Rosa',
      en('medications:button.cancel'),
    ]);
    const list = await harness.send(caregiver.user, 'Rosa');
    expect(textOf(list)).toContain(en('medications:list.titleFor', { name: 'Rosa' }));
    expect(textOf(list)).toContain('letrozole');

    await harness.send(caregiver.user, '', { value: 'med:add' });
    await harness.send(caregiver.user, 'ondansetron 8 mg as needed');
    const saved = await harness.send(caregiver.user, 'yes');
    expect(textOf(saved)).toContain(
      en('medications:saved.other', { name: 'ondansetron', person: 'Rosa' }),
    );

    const rows = await medicationsOf(database.db, patient.person.id);
    expect(rows.map((row) => [row.name, row.added_by])).toEqual([
      ['letrozole', patient.person.id],
      ['ondansetron', caregiver.person.id],
    ]);
    expect(await medicationsOf(database.db, caregiver.person.id)).toEqual([]);
  });

  it("without permission is not offered the patient's medications", async () => {
    const patient = await harness.onboardNew({ name: 'Rosa' });
    const caregiver = await harness.onboardNew({ role: 'caregiver', name: 'Luis' });
    await linkCaregiver(database.db, patient.person.id, caregiver.person.id, {
      seeAdherence: true,
    });
    await seedMedication(database.db, patient.person.id);

    const list = await harness.send(caregiver.user, 'my medications');
    expect(textOf(list)).toBe(en('medications:list.empty'));
    expect(textOf(list)).not.toContain('letrozole');
  });

  it('is stopped when the patient takes the permission back mid-way', async () => {
    const patient = await harness.onboardNew({ name: 'Rosa' });
    const caregiver = await harness.onboardNew({ role: 'caregiver', name: 'Luis' });
    await linkCaregiver(database.db, patient.person.id, caregiver.person.id, { manage: true });

    await harness.send(caregiver.user, 'add medication');
    expect(textOf(await harness.send(caregiver.user, 'Rosa'))).toBe(
      en('medications:add.askFor', { name: 'Rosa' }),
    );
    const review = await harness.send(caregiver.user, 'tamoxifen 20 mg every morning');
    expect(textOf(review)).toContain(en('medications:review.introFor', { name: 'Rosa' }));
    await database.db
      .updateTable('care_links')
      .set({ can_manage_medications: false })
      .where('patient_id', '=', patient.person.id)
      .execute();

    const callsBefore = harness.reminders.calls.length;
    const refused = await harness.send(caregiver.user, 'yes');
    expect(textOf(refused)).toContain(en('medications:notAllowed', { name: 'Rosa' }));
    expect(await medicationsOf(database.db, patient.person.id)).toEqual([]);
    expect(harness.reminders.calls).toHaveLength(callsBefore);
  });
});
