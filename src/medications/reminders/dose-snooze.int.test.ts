/**
 * Snooze against PostgreSQL with a fake clock: the reminder comes again after the snooze,
 * once, pushing the follow-up back; pressing Snooze twice snoozes once; an answered dose is
 * not reminded again.
 */
import { describe, expect, it } from '@jest/globals';
import { resolveDose } from '../../storage/doses.js';
import { runDoseSnooze, snoozeOpenDose, type DoseSnoozeData } from './dose-snooze.js';
import { sweepDoses } from './doses-sweep.js';
import {
  createMedication,
  createPerson,
  dosesOf,
  jobsOf,
  outboxOf,
  useReminderTestKit,
} from './testing/reminder-test-kit.js';

const { clock, database: testDb, kit } = useReminderTestKit('2027-09-01T07:00:00Z');

/** A patient reminded of their 08:00 dose on 1 September 2027; returns the dose. */
async function remindedDose() {
  const patient = await createPerson(testDb.db);
  const medication = await createMedication(testDb.db, patient.id, { start_date: '2027-09-01' });
  clock.now = new Date('2027-09-01T07:00:00Z');
  await kit.plan(medication.id);
  clock.now = new Date('2027-09-01T08:00:00Z');
  await kit.runNextReminder(medication.id);
  const [dose] = await dosesOf(testDb.db, medication.id);
  return { patient, medication, dose: dose! };
}

async function snoozeAt(iso: string, doseId: string) {
  clock.now = new Date(iso);
  const snoozed = await snoozeOpenDose(kit.ctx, doseId);
  if (snoozed.plan) await kit.jobs.planSnooze(snoozed.plan);
  return snoozed;
}

describe('snooze', () => {
  it('reminds again once after the snooze, and follows up from then', async () => {
    const { patient, medication, dose } = await remindedDose();

    const first = await snoozeAt('2027-09-01T08:05:00Z', dose.id);
    const again = await snoozeAt('2027-09-01T08:06:00Z', dose.id);
    expect(first.until).toEqual(new Date('2027-09-01T08:35:00Z'));
    expect(again.until).toEqual(first.until);
    const snoozes = (await jobsOf(testDb.db, medication.id)).filter(
      (j) => j.name === 'dose-snooze',
    );
    expect(snoozes.map((job) => job.next_run_at)).toEqual([first.until]);

    clock.now = first.until;
    const data = snoozes[0]!.data as unknown as DoseSnoozeData;
    expect(await runDoseSnooze(kit.ctx, data)).toBe('reminded');
    await runDoseSnooze(kit.ctx, data);
    const steps = { planMedication: kit.plan, touch: async () => undefined };
    await sweepDoses(kit.ctx, steps, new Date('2027-09-01T09:30:00Z'));

    const outbox = await outboxOf(testDb.db, patient.id);
    expect(outbox.map((row) => row.idempotency_key)).toEqual([
      `reminder:${medication.id}:2027-09-01T08:00`,
      `reminder:${medication.id}:2027-09-01T08:00:snooze:${first.until.getTime()}`,
    ]);
    expect(outbox[1]!.payload.text).toBe(
      "Here's your reminder again: it's time for your 8:00 AM medicine.",
    );
    await sweepDoses(kit.ctx, steps, new Date('2027-09-01T09:35:00Z'));
    expect(await outboxOf(testDb.db, patient.id)).toHaveLength(3);
  });

  it('sends nothing when the dose was answered during the snooze', async () => {
    const { patient, medication, dose } = await remindedDose();
    const { plan } = await snoozeAt('2027-09-01T08:05:00Z', dose.id);
    await resolveDose(testDb.db, dose.id, patient.id, 'skipped', 'felt sick');

    clock.now = new Date('2027-09-01T08:35:00Z');
    expect(await runDoseSnooze(kit.ctx, plan!)).toBe('not_open');
    expect(await outboxOf(testDb.db, patient.id)).toHaveLength(1);
    const [stored] = await dosesOf(testDb.db, medication.id);
    expect(stored).toMatchObject({ status: 'skipped', skip_reason: 'felt sick' });
  });

  it('plans nothing for a dose that is no longer open', async () => {
    const { patient, dose } = await remindedDose();
    await resolveDose(testDb.db, dose.id, patient.id, 'taken');

    expect((await snoozeAt('2027-09-01T08:05:00Z', dose.id)).plan).toBeUndefined();
  });
});
