/**
 * Reminders prepared ahead against PostgreSQL with a fake clock: the job runs
 * `prepareMinutesAhead` before the dose is due and queues the reminder held until the due
 * time (or the end of quiet hours); follow-ups and the missed rule count from the release;
 * the held reminder is withdrawn when the dose is answered early, the medication is paused,
 * re-planned with other times, or deleted.
 */
import { describe, expect, it } from '@jest/globals';
import { resolveDose } from '../../storage/doses.js';
import { pauseMedication, resumeMedication } from '../../storage/medications.js';
import { runDoseReminder, type DoseReminderData } from './dose-reminder.js';
import { sendFollowUps } from './follow-ups.js';
import { markMissedDoses } from './missed-doses.js';
import {
  createMedication,
  createPerson,
  dosesOf,
  jobsOf,
  outboxOf,
  useReminderTestKit,
} from './testing/reminder-test-kit.js';

const settings = { prepareMinutesAhead: 15 };
const { clock, database: testDb, kit } = useReminderTestKit('2027-05-01T00:00:00Z', settings);

/** A person in UTC taking a medication at 08:00 from 1 May 2027, planned at midnight. */
async function plannedPatient(times = ['08:00']) {
  const person = await createPerson(testDb.db);
  const medication = await createMedication(testDb.db, person.id, {
    times_of_day: times,
    start_date: '2027-05-01',
  });
  clock.now = new Date('2027-05-01T00:00:00Z');
  await kit.plan(medication.id);
  return { person, medication };
}

/** Runs the medication's soonest job at the time Agenda would run it. */
async function runAtPlannedTime(medicationId: string) {
  const [job] = await jobsOf(testDb.db, medicationId);
  clock.now = job!.next_run_at!;
  return kit.runNextReminder(medicationId);
}

describe('preparing a reminder ahead', () => {
  it('runs the job ahead and holds the reminder until the due time', async () => {
    const { person, medication } = await plannedPatient();
    const [job] = await jobsOf(testDb.db, medication.id);
    expect(job!.next_run_at).toEqual(new Date('2027-05-01T07:45:00Z'));

    expect((await runAtPlannedTime(medication.id)).outcome).toBe('reminded');

    const [row] = await outboxOf(testDb.db, person.id);
    expect(row).toMatchObject({ status: 'pending' });
    expect(row!.hold_until).toEqual(new Date('2027-05-01T08:00:00Z'));
    const [dose] = await dosesOf(testDb.db, medication.id);
    expect(dose!.reminded_at).toEqual(new Date('2027-05-01T08:00:00Z'));
  });

  it('holds until quiet hours end when they start between preparing and the due time', async () => {
    const person = await createPerson(testDb.db);
    const medication = await createMedication(testDb.db, person.id, {
      times_of_day: ['21:05'],
      start_date: '2027-05-01',
    });
    clock.now = new Date('2027-05-01T00:00:00Z');
    await kit.plan(medication.id);

    // Prepared at 20:50 UTC, outside the default 21:00-08:00 quiet hours; due inside them.
    expect((await runAtPlannedTime(medication.id)).outcome).toBe('reminded');

    const [row] = await outboxOf(testDb.db, person.id);
    expect(row!.hold_until).toEqual(new Date('2027-05-02T08:00:00Z'));
    const [dose] = await dosesOf(testDb.db, medication.id);
    expect(dose!.reminded_at).toEqual(new Date('2027-05-02T08:00:00Z'));
  });

  it('counts the follow-up and the missed rule from the release, not the preparation', async () => {
    const { person, medication } = await plannedPatient();
    await runAtPlannedTime(medication.id);

    // 60 minutes after preparing (07:45) is not yet 60 minutes after the release (08:00).
    const keys = async () => (await outboxOf(testDb.db, person.id)).map((r) => r.idempotency_key);
    await sendFollowUps(kit.ctx, new Date('2027-05-01T08:50:00Z'));
    expect(await keys()).toHaveLength(1);
    await sendFollowUps(kit.ctx, new Date('2027-05-01T09:00:00Z'));
    const [dose] = await dosesOf(testDb.db, medication.id);
    expect(await keys()).toEqual([
      `reminder:${medication.id}:2027-05-01T08:00`,
      `followup:${dose!.id}`,
    ]);

    // Missed four hours after the release, and not before.
    const status = async () => (await dosesOf(testDb.db, medication.id))[0]!.status;
    await markMissedDoses(kit.ctx, new Date('2027-05-01T11:55:00Z'));
    expect(await status()).toBe('open');
    await markMissedDoses(kit.ctx, new Date('2027-05-01T12:00:00Z'));
    expect(await status()).toBe('missed');
  });

  it('does not hold a reminder whose job runs after the due time', async () => {
    const { person, medication } = await plannedPatient();
    clock.now = new Date('2027-05-01T08:03:00Z');

    expect((await kit.runNextReminder(medication.id)).outcome).toBe('reminded');

    const [row] = await outboxOf(testDb.db, person.id);
    expect(row!.hold_until).toBeNull();
    const [dose] = await dosesOf(testDb.db, medication.id);
    expect(dose!.reminded_at).toEqual(new Date('2027-05-01T08:03:00Z'));
  });
});

describe('withdrawing a held reminder', () => {
  it('withdraws it when the dose is taken before it is due', async () => {
    const { person, medication } = await plannedPatient();
    await runAtPlannedTime(medication.id);
    const [dose] = await dosesOf(testDb.db, medication.id);

    expect(await resolveDose(testDb.db, dose!.id, person.id, 'taken')).toBe(true);

    expect(await outboxOf(testDb.db, person.id)).toEqual([]);
    expect((await dosesOf(testDb.db, medication.id))[0]).toMatchObject({ status: 'taken' });
  });

  it('leaves a reminder already released to the dispatcher', async () => {
    const { person, medication } = await plannedPatient();
    await runAtPlannedTime(medication.id);
    const [dose] = await dosesOf(testDb.db, medication.id);
    await testDb.db
      .updateTable('outbox')
      .set({ hold_until: new Date(Date.now() - 60_000) })
      .where('person_id', '=', person.id)
      .execute();

    expect(await resolveDose(testDb.db, dose!.id, person.id, 'skipped')).toBe(true);

    expect(await outboxOf(testDb.db, person.id)).toHaveLength(1);
  });

  it('withdraws it on pause, and prepares it again on resume', async () => {
    const { person, medication } = await plannedPatient();
    await runAtPlannedTime(medication.id);

    clock.now = new Date('2027-05-01T07:50:00Z');
    await pauseMedication(testDb.db, medication.id, clock.now);
    await kit.plan(medication.id);
    expect(await outboxOf(testDb.db, person.id)).toEqual([]);
    expect(await dosesOf(testDb.db, medication.id)).toEqual([]);
    expect(await jobsOf(testDb.db, medication.id)).toEqual([]);

    clock.now = new Date('2027-05-01T07:55:00Z');
    await resumeMedication(testDb.db, medication.id);
    await kit.plan(medication.id);
    expect((await kit.runNextReminder(medication.id)).outcome).toBe('reminded');
    const [row] = await outboxOf(testDb.db, person.id);
    expect(row!.hold_until).toEqual(new Date('2027-05-01T08:00:00Z'));
  });

  it('withdraws it when the times change, and keeps it when they do not', async () => {
    const { person, medication } = await plannedPatient();
    await runAtPlannedTime(medication.id);

    clock.now = new Date('2027-05-01T07:50:00Z');
    await kit.plan(medication.id);
    expect(await outboxOf(testDb.db, person.id)).toHaveLength(1);
    expect(await dosesOf(testDb.db, medication.id)).toHaveLength(1);

    await testDb.db
      .updateTable('medications')
      .set({ times_of_day: ['09:00'], updated_at: clock.now })
      .where('id', '=', medication.id)
      .execute();
    await kit.plan(medication.id);
    expect(await outboxOf(testDb.db, person.id)).toEqual([]);
    expect(await dosesOf(testDb.db, medication.id)).toEqual([]);
    const jobs = await jobsOf(testDb.db, medication.id);
    expect(jobs.map((job) => job.data.occurrenceKey)).toEqual(['2027-05-01T09:00']);
  });

  it('withdraws it when the medication is deleted', async () => {
    const { person, medication } = await plannedPatient();
    await runAtPlannedTime(medication.id);

    await testDb.db.deleteFrom('medications').where('id', '=', medication.id).execute();
    await kit.cancel(medication.id);

    expect(await outboxOf(testDb.db, person.id)).toEqual([]);
    expect(await jobsOf(testDb.db, medication.id)).toEqual([]);
  });

  it('prepares nothing when the medication changed after the job read it', async () => {
    const { person, medication } = await plannedPatient();
    const [job] = await jobsOf(testDb.db, medication.id);
    clock.now = job!.next_run_at!;
    // The job reads the medication, then a pause commits before its transaction locks it.
    const paused = new Date('2027-05-01T07:46:00Z');
    let pausedOnce = false;
    const planNext = async () => {
      if (pausedOnce) return;
      pausedOnce = true;
      await pauseMedication(testDb.db, medication.id, paused);
    };
    const data = job!.data as unknown as DoseReminderData;

    expect(await runDoseReminder(kit.ctx, data, planNext)).toBe('not_scheduled');
    expect(await outboxOf(testDb.db, person.id)).toEqual([]);
    expect(await dosesOf(testDb.db, medication.id)).toEqual([]);
  });
});
