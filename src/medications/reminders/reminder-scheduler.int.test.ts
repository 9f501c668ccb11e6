/**
 * The scheduler with Agenda really running: two schedulers on one database (two processes'
 * worth) plan and run a dose that is due, and the person gets one reminder; a job run again
 * later changes nothing; both stop cleanly, leaving no job locked. Agenda runs on real time,
 * so the dose is due a minute ago and the test waits for rows, never for a duration.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { createI18n } from '../../i18n/i18n.js';
import { createLogger } from '../../logging/logger.js';
import { AGENDA_TABLE } from './agenda-schema.js';
import {
  createReminderScheduler,
  type RunningReminderScheduler,
} from './create-reminder-scheduler.js';
import {
  createMedication,
  createPerson,
  createReminderTestKit,
  dosesOf,
  jobsOf,
  outboxOf,
} from './testing/reminder-test-kit.js';

const MS_PER_MINUTE = 60_000;
const WAIT_LIMIT_MS = 15_000;

let testDb: TestDatabase;
let schedulers: RunningReminderScheduler[];
// Planning looks from two minutes ago, so the occurrence a minute ago is the next one.
const clock = () => new Date(Date.now() - 2 * MS_PER_MINUTE);

beforeAll(async () => {
  testDb = await createTestDatabase();
  schedulers = ['worker-a', 'worker-b'].map((name) =>
    createReminderScheduler({
      db: testDb.db,
      connectionString: testDb.url,
      logger: createLogger('silent'),
      i18n: createI18n(),
      clock,
      name,
      processEvery: 200,
      lockLifetimeMs: 2_000,
    }),
  );
  for (const scheduler of schedulers) await scheduler.start();
});
afterAll(async () => {
  await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
  await testDb.drop();
});

/** Resolves once `check` holds; throws after WAIT_LIMIT_MS. */
async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** 'HH:mm' (UTC) of the whole minute before the last. */
function minuteAgo(): string {
  const minute = new Date(Math.floor((Date.now() - MS_PER_MINUTE) / MS_PER_MINUTE) * MS_PER_MINUTE);
  return minute.toISOString().slice(11, 16);
}

async function pendingReminders(medicationId: string) {
  const jobs = await jobsOf(testDb.db, medicationId);
  return jobs.filter((job) => job.name === 'dose-reminder');
}

describe('two schedulers on one database', () => {
  it('send one reminder per occurrence, even when the job runs again', async () => {
    const person = await createPerson(testDb.db);
    const medication = await createMedication(testDb.db, person.id, {
      times_of_day: [minuteAgo()],
      start_date: '2020-01-01',
    });

    await Promise.all(schedulers.map((scheduler) => scheduler.planMedication(medication.id)));
    await waitFor('the reminder', async () => {
      const [dose] = await dosesOf(testDb.db, medication.id);
      return dose?.reminded_at != null && (await pendingReminders(medication.id)).length === 1;
    });
    const [dose] = await dosesOf(testDb.db, medication.id);
    const occurrence = {
      key: dose!.occurrence_key,
      dueAt: dose!.due_at,
      localDate: '',
      localTime: '',
    };
    const kit = await createReminderTestKit(testDb, clock);
    await kit.jobs.planOccurrence(medication.id, occurrence).finally(() => kit.close());
    await waitFor('the job run again', async () => {
      const jobs = await pendingReminders(medication.id);
      return jobs.every((job) => job.data.occurrenceKey !== dose!.occurrence_key);
    });

    const outbox = await outboxOf(testDb.db, person.id);
    expect(outbox.map((row) => row.idempotency_key)).toEqual([
      `reminder:${medication.id}:${dose!.occurrence_key}`,
    ]);
    expect(await dosesOf(testDb.db, medication.id)).toHaveLength(1);
    const [next] = await pendingReminders(medication.id);
    // The next day's, run the default 10 minutes ahead.
    const ahead = 24 * 60 - 10;
    expect(next!.next_run_at!.getTime() - dose!.due_at.getTime()).toBe(ahead * MS_PER_MINUTE);
  });

  it('plans a snooze as a job, and stops leaving nothing locked', async () => {
    const person = await createPerson(testDb.db);
    const medication = await createMedication(testDb.db, person.id, {
      times_of_day: [minuteAgo()],
      start_date: '2020-01-01',
    });
    await schedulers[0]!.planMedication(medication.id);
    await waitFor('the dose', async () => (await dosesOf(testDb.db, medication.id)).length > 0);
    const [dose] = await dosesOf(testDb.db, medication.id);

    const until = await schedulers[1]!.snoozeDose(dose!.id);

    expect(until.getTime() - clock().getTime()).toBeGreaterThanOrEqual(30 * MS_PER_MINUTE - 1_000);
    const snoozes = (await jobsOf(testDb.db, medication.id)).filter(
      (j) => j.name === 'dose-snooze',
    );
    expect(snoozes.map((job) => job.next_run_at)).toEqual([until]);
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
    const locked = await sql<{ n: string }>`select count(*) as n from ${sql.table(AGENDA_TABLE)}
      where locked_at is not null`.execute(testDb.db);
    expect(locked.rows[0]!.n).toBe('0');
  });
});
