/**
 * Planning and running dose reminders against PostgreSQL with a fake clock: reminders at the
 * person's local time across daylight-saving changes, cycles, pauses and as-needed
 * medications, at most one reminder per occurrence however often the job runs, quiet hours,
 * and doses nobody can be reminded of.
 */
import { describe, expect, it } from '@jest/globals';
import { pauseMedication } from '../../storage/medications.js';
import { runDoseReminder, type DoseReminderData } from './dose-reminder.js';
import { planMedicationReminders } from './plan-medication.js';
import {
  createMedication,
  createPerson,
  dosesOf,
  jobsOf,
  outboxOf,
  takeNextJob,
  useReminderTestKit,
} from './testing/reminder-test-kit.js';

const { clock, database: testDb, kit } = useReminderTestKit('2027-03-13T12:00:00Z');

/** Runs the job Agenda would run next for the medication, at its due time. */
async function runNextJob(medicationId: string) {
  const job = await takeNextJob(testDb.db, medicationId);
  const data = job.data as unknown as DoseReminderData;
  clock.now = new Date(data.dueAt);
  const outcome = await runDoseReminder(kit.ctx, data, kit.jobs.planOccurrence.bind(kit.jobs));
  return { data, outcome };
}

async function plan(medicationId: string, at: string) {
  clock.now = new Date(at);
  return planMedicationReminders(kit.ctx, kit.jobs, medicationId);
}

describe('local times', () => {
  it('reminds at 08:00 New York time before and after the spring change', async () => {
    const person = await createPerson(testDb.db, { time_zone: 'America/New_York' });
    const medication = await createMedication(testDb.db, person.id, { start_date: '2027-03-01' });

    expect(await plan(medication.id, '2027-03-13T12:00:00Z')).toEqual(
      new Date('2027-03-13T13:00:00Z'),
    );
    const dueAts: string[] = [];
    for (let day = 0; day < 3; day++) dueAts.push((await runNextJob(medication.id)).data.dueAt);

    // 08:00 EST is 13:00Z; from 14 March, 08:00 EDT is 12:00Z.
    expect(dueAts).toEqual([
      '2027-03-13T13:00:00.000Z',
      '2027-03-14T12:00:00.000Z',
      '2027-03-15T12:00:00.000Z',
    ]);
    const outbox = await outboxOf(testDb.db, person.id);
    expect(outbox.map((row) => row.payload.text)).toEqual([
      "It's time for your 8:00 AM medicine.",
      "It's time for your 8:00 AM medicine.",
      "It's time for your 8:00 AM medicine.",
    ]);
    const [next] = await jobsOf(testDb.db, medication.id);
    // Run the default 10 minutes ahead of the 08:00 EDT (12:00Z) dose.
    expect(next?.next_run_at).toEqual(new Date('2027-03-16T11:50:00Z'));
  });

  it('stays at 21:30 Madrid time across the autumn change', async () => {
    const person = await createPerson(testDb.db, {
      time_zone: 'Europe/Madrid',
      quiet_hours_start: '23:00',
      quiet_hours_end: '07:00',
    });
    const medication = await createMedication(testDb.db, person.id, {
      times_of_day: ['21:30'],
      start_date: '2027-10-01',
    });

    await plan(medication.id, '2027-10-30T12:00:00Z');
    const dueAts = [];
    for (let day = 0; day < 2; day++) dueAts.push((await runNextJob(medication.id)).data.dueAt);

    expect(dueAts).toEqual(['2027-10-30T19:30:00.000Z', '2027-10-31T20:30:00.000Z']);
    expect(await outboxOf(testDb.db, person.id)).toHaveLength(2);
  });
});

describe('schedules without a reminder', () => {
  it('skips the off days of a cycle', async () => {
    const person = await createPerson(testDb.db);
    const medication = await createMedication(testDb.db, person.id, {
      times_of_day: ['09:00'],
      start_date: '2027-05-01',
      cycle_days_on: 2,
      cycle_days_off: 1,
    });

    await plan(medication.id, '2027-05-02T10:00:00Z');
    const dueAts = [];
    for (let run = 0; run < 3; run++) dueAts.push((await runNextJob(medication.id)).data.dueAt);

    // On 1-2 May, off 3 May, on 4-5 May, off 6 May, on 7 May.
    expect(dueAts).toEqual([
      '2027-05-04T09:00:00.000Z',
      '2027-05-05T09:00:00.000Z',
      '2027-05-07T09:00:00.000Z',
    ]);
  });

  it('plans nothing for an as-needed medication', async () => {
    const person = await createPerson(testDb.db);
    const medication = await createMedication(testDb.db, person.id, {
      as_needed: true,
      times_of_day: [],
    });

    expect(await plan(medication.id, '2027-06-01T00:00:00Z')).toBeUndefined();
    expect(await jobsOf(testDb.db, medication.id)).toEqual([]);
  });

  it('drops the planned reminder on pause, and sends nothing if it runs anyway', async () => {
    const person = await createPerson(testDb.db);
    const medication = await createMedication(testDb.db, person.id);
    await plan(medication.id, '2027-06-01T00:00:00Z');
    const [planned] = await jobsOf(testDb.db, medication.id);

    await pauseMedication(testDb.db, medication.id, new Date('2027-06-01T01:00:00Z'));
    expect(await plan(medication.id, '2027-06-01T01:00:00Z')).toBeUndefined();
    expect(await jobsOf(testDb.db, medication.id)).toEqual([]);

    clock.now = new Date('2027-06-01T08:00:00Z');
    const data = planned!.data as unknown as DoseReminderData;
    const planNext = kit.jobs.planOccurrence.bind(kit.jobs);
    expect(await runDoseReminder(kit.ctx, data, planNext)).toBe('not_scheduled');
    expect(await outboxOf(testDb.db, person.id)).toEqual([]);
    expect(await dosesOf(testDb.db, medication.id)).toEqual([]);
  });

  it('replans when the times change, dropping the old occurrence', async () => {
    const person = await createPerson(testDb.db);
    const medication = await createMedication(testDb.db, person.id);
    await plan(medication.id, '2027-06-01T00:00:00Z');
    await testDb.db
      .updateTable('medications')
      .set({ times_of_day: ['10:00'] })
      .where('id', '=', medication.id)
      .execute();

    await plan(medication.id, '2027-06-01T00:00:00Z');

    const jobs = await jobsOf(testDb.db, medication.id);
    expect(jobs.map((job) => job.data.occurrenceKey)).toEqual(['2027-06-01T10:00']);
  });
});

describe('one reminder per occurrence', () => {
  it('queues one reminder and one dose however often the job runs', async () => {
    const person = await createPerson(testDb.db);
    const medication = await createMedication(testDb.db, person.id);
    await plan(medication.id, '2027-07-01T00:00:00Z');
    const [job] = await jobsOf(testDb.db, medication.id);
    const data = job!.data as unknown as DoseReminderData;
    clock.now = new Date('2027-07-01T08:00:05Z');
    const planNext = kit.jobs.planOccurrence.bind(kit.jobs);

    const outcomes = await Promise.all(
      [1, 2, 3].map(() => runDoseReminder(kit.ctx, data, planNext)),
    );
    outcomes.push(await runDoseReminder(kit.ctx, data, planNext));

    expect(outcomes.sort()).toEqual([
      'already_reminded',
      'already_reminded',
      'already_reminded',
      'reminded',
    ]);
    const doses = await dosesOf(testDb.db, medication.id);
    expect(doses).toHaveLength(1);
    const outbox = await outboxOf(testDb.db, person.id);
    expect(outbox.map((row) => row.idempotency_key)).toEqual([
      `reminder:${medication.id}:2027-07-01T08:00`,
    ]);
    expect(outbox[0]!.payload).toMatchObject({
      suggestedActions: {
        actions: [
          { value: `dose:taken:${doses[0]!.id}`, title: 'Taken' },
          { value: `dose:snooze:${doses[0]!.id}`, title: 'Snooze 30 min' },
          { value: `dose:skip:${doses[0]!.id}`, title: 'Skipped' },
        ],
      },
    });
    // The chain was planned once too: the next day's reminder.
    const jobs = await jobsOf(testDb.db, medication.id);
    expect(jobs.map((row) => row.data.occurrenceKey)).toEqual([
      '2027-07-01T08:00',
      '2027-07-02T08:00',
    ]);
  });
});

describe('when a reminder cannot go out now', () => {
  it('holds a reminder due in quiet hours until they end', async () => {
    const person = await createPerson(testDb.db, { time_zone: 'America/Chicago' });
    const medication = await createMedication(testDb.db, person.id, { times_of_day: ['22:00'] });
    await plan(medication.id, '2027-08-01T12:00:00Z');

    expect((await runNextJob(medication.id)).outcome).toBe('reminded');

    // 22:00 CDT is 03:00Z; the default quiet hours end at 08:00 CDT, 13:00Z.
    const [row] = await outboxOf(testDb.db, person.id);
    expect(row?.hold_until).toEqual(new Date('2027-08-02T13:00:00Z'));
    const [dose] = await dosesOf(testDb.db, medication.id);
    expect(dose?.reminded_at).toEqual(new Date('2027-08-02T13:00:00Z'));
  });

  it('records the dose without a reminder when nobody can be reached', async () => {
    const person = await createPerson(testDb.db, { reachable: false });
    const medication = await createMedication(testDb.db, person.id);
    await plan(medication.id, '2027-08-01T00:00:00Z');

    expect((await runNextJob(medication.id)).outcome).toBe('unreachable');

    expect(await outboxOf(testDb.db, person.id)).toEqual([]);
    const [dose] = await dosesOf(testDb.db, medication.id);
    expect(dose).toMatchObject({ status: 'open', reminded_at: null });
  });

  it('sends no reminder hours after an outage, but records the dose', async () => {
    const person = await createPerson(testDb.db);
    const medication = await createMedication(testDb.db, person.id);
    await plan(medication.id, '2027-08-01T00:00:00Z');
    const [job] = await jobsOf(testDb.db, medication.id);
    clock.now = new Date('2027-08-01T13:00:00Z');

    const planNext = kit.jobs.planOccurrence.bind(kit.jobs);
    const data = job!.data as unknown as DoseReminderData;
    expect(await runDoseReminder(kit.ctx, data, planNext)).toBe('too_late');

    expect(await outboxOf(testDb.db, person.id)).toEqual([]);
    expect(await dosesOf(testDb.db, medication.id)).toHaveLength(1);
  });

  it('does nothing for a deleted medication', async () => {
    const person = await createPerson(testDb.db);
    const medication = await createMedication(testDb.db, person.id);
    await plan(medication.id, '2027-08-01T00:00:00Z');
    const [job] = await jobsOf(testDb.db, medication.id);
    await testDb.db.deleteFrom('medications').where('id', '=', medication.id).execute();

    const planNext = kit.jobs.planOccurrence.bind(kit.jobs);
    const data = job!.data as unknown as DoseReminderData;
    expect(await runDoseReminder(kit.ctx, data, planNext)).toBe('medication_gone');
    expect(await outboxOf(testDb.db, person.id)).toEqual([]);
  });
});
