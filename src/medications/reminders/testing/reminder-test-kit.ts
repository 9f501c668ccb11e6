/**
 * Synthetic people, medications and a reminders context for the reminders engine's tests:
 * everything made straight in a test database, a fake clock, and readers for the rows the
 * jobs leave behind (doses, outbox, Agenda's jobs).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import type { TestDatabaseHandle } from '../../../../test/support/use-test-database.js';
import { createI18n } from '../../../i18n/i18n.js';
import { createLogger } from '../../../logging/logger.js';
import type { Db } from '../../../storage/database.js';
import { insertMedication, type NewMedication } from '../../../storage/medications.js';
import { insertPerson, updatePerson, type PersonPatch } from '../../../storage/people.js';
import type { MedicationRow, Person } from '../../../storage/schema.js';
import { AGENDA_TABLE, ensureAgendaSchema } from '../agenda-schema.js';
import { runDoseReminder, type DoseReminderData } from '../dose-reminder.js';
import { cancelMedicationReminders, planMedicationReminders } from '../plan-medication.js';
import { createReminderAgenda } from '../reminder-agenda.js';
import type { ReminderContext } from '../reminder-context.js';
import { ReminderJobs } from '../reminder-jobs.js';
import { resolveReminderSettings, type ReminderSettings } from '../reminder-settings.js';

/** A clock tests move by hand. */
export interface FakeClock {
  now: Date;
  (): Date;
}

export function fakeClock(iso: string): FakeClock {
  const clock = (() => clock.now) as FakeClock;
  clock.now = new Date(iso);
  return clock;
}

/** A reminders context on `testDb` with Agenda's table, and jobs that are saved, never run. */
export async function createReminderTestKit(
  testDb: TestDatabase,
  clock: () => Date,
  settings: Partial<ReminderSettings> = {},
) {
  await ensureAgendaSchema(testDb.db);
  const pool = new pg.Pool({ connectionString: testDb.url, max: 2 });
  const { agenda } = createReminderAgenda({
    pool,
    name: 'test',
    processEveryMs: 60_000,
    concurrency: 1,
    lockLimit: 1,
    lockLifetimeMs: 1_000,
  });
  const ctx: ReminderContext = {
    db: testDb.db,
    i18n: createI18n(),
    logger: createLogger('silent'),
    clock,
    announcer: { queued: () => undefined },
    settings: resolveReminderSettings(settings),
  };
  const jobs = new ReminderJobs(agenda, testDb.db, ctx.settings.prepareMinutesAhead);
  return {
    ctx,
    jobs,
    /** Plans the medication's reminders as the scheduler does. */
    plan: (medicationId: string) => planMedicationReminders(ctx, jobs, medicationId),
    /** Drops a deleted medication's reminders as the scheduler does. */
    cancel: (medicationId: string) => cancelMedicationReminders(ctx, jobs, medicationId),
    /** Runs the medication's soonest reminder job as Agenda would, at the clock's time. */
    async runNextReminder(medicationId: string) {
      const job = await takeNextJob(testDb.db, medicationId);
      const data = job.data as unknown as DoseReminderData;
      return { data, outcome: await runDoseReminder(ctx, data, jobs.planOccurrence.bind(jobs)) };
    },
    close: () => pool.end(),
  };
}

/** What `createReminderTestKit` makes. */
export type ReminderTestKit = Awaited<ReturnType<typeof createReminderTestKit>>;

/** A test file's reminders set-up; `database.db` and `kit` may be used from a test on. */
export interface ReminderTestSetup {
  /** The clock the kit reads, at the start time until a test moves it. */
  clock: FakeClock;
  /** The file's own test database. */
  database: TestDatabaseHandle;
  /** The file's kit; the hooks close it, so it has no `close`. */
  kit: Omit<ReminderTestKit, 'close'>;
}

/**
 * Registers the hooks that create this file's test database and a reminder kit on it
 * (`settings` as in `createReminderTestKit`), with a fake clock at `startIso`, and that
 * close and drop them again. Call once, at the top level of a test file.
 */
export function useReminderTestKit(
  startIso: string,
  settings: Partial<ReminderSettings> = {},
): ReminderTestSetup {
  const clock = fakeClock(startIso);
  let database: TestDatabase | undefined;
  let kit: ReminderTestKit | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    kit = await createReminderTestKit(database, clock, settings);
  });

  // One hook, kit first: jest runs afterAll hooks in the order they are declared, and
  // dropping the database `with (force)` ends the kit's pool connections under it.
  afterAll(async () => {
    await kit?.close();
    await database?.drop();
  });

  const currentKit = (): ReminderTestKit => {
    if (!kit) throw new Error('the reminder kit is made in beforeAll: use it in a test');
    return kit;
  };

  return {
    clock,
    database: {
      get db(): Db {
        if (!database) throw new Error('the test database is made in beforeAll: read db in a test');
        return database.db;
      },
    },
    kit: {
      get ctx() {
        return currentKit().ctx;
      },
      get jobs() {
        return currentKit().jobs;
      },
      plan: (medicationId: string) => currentKit().plan(medicationId),
      cancel: (medicationId: string) => currentKit().cancel(medicationId),
      runNextReminder: (medicationId: string) => currentKit().runNextReminder(medicationId),
    },
  };
}

/** A person reachable on web chat (unless `reachable` is false). */
export async function createPerson(
  db: Db,
  patch: PersonPatch & { reachable?: boolean } = {},
): Promise<Person> {
  const { reachable = true, ...fields } = patch;
  const person = await insertPerson(db, (fields.locale as string | undefined) ?? 'en');
  const updated = await updatePerson(db, person.id, { time_zone: 'UTC', ...fields });
  if (reachable) await giveWebchatConversation(db, person.id);
  return updated;
}

async function giveWebchatConversation(db: Db, personId: string): Promise<void> {
  const userId = `user-${randomUUID()}`;
  const address = {
    channelId: 'webchat',
    user: { id: userId },
    conversation: { id: randomUUID() },
  };
  await db
    .insertInto('channel_identities')
    .values({ person_id: personId, channel: 'webchat', external_id: userId })
    .execute();
  await db
    .insertInto('conversations')
    .values({
      person_id: personId,
      channel: 'webchat',
      external_id: randomUUID(),
      address: JSON.stringify(address),
    })
    .execute();
}

/** A recognised medication taken at `times_of_day` from `start_date` (defaults: 08:00). */
export async function createMedication(
  db: Db,
  personId: string,
  fields: Partial<NewMedication> = {},
): Promise<MedicationRow> {
  return insertMedication(db, {
    person_id: personId,
    name: 'tamoxifen',
    recognized: true,
    strength_value: 20,
    strength_unit: 'mg',
    times_of_day: ['08:00'],
    start_date: '2027-01-01',
    ...fields,
  });
}

/** Links a caregiver to a patient, sharing adherence unless told otherwise. */
export async function linkCaregiver(
  db: Db,
  patientId: string,
  caregiverId: string,
  sharesAdherence = true,
): Promise<void> {
  await db
    .insertInto('care_links')
    .values({ patient_id: patientId, caregiver_id: caregiverId, shares_adherence: sharesAdherence })
    .execute();
}

/** The person's outbox rows, oldest first. */
export async function outboxOf(db: Db, personId: string) {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
}

/** The medication's dose rows, oldest first. */
export async function dosesOf(db: Db, medicationId: string) {
  return db
    .selectFrom('doses')
    .selectAll()
    .where('medication_id', '=', medicationId)
    .orderBy('due_at')
    .execute();
}

/** One of Agenda's job rows, as far as the tests read them. */
export interface AgendaJobRow {
  name: string;
  next_run_at: Date | null;
  locked_at: Date | null;
  data: Record<string, string>;
}

/** Agenda's jobs for the medication (reminders and snoozes), soonest first. */
export async function jobsOf(db: Db, medicationId: string): Promise<AgendaJobRow[]> {
  const result = await sql<AgendaJobRow>`select name, next_run_at, locked_at, data
    from ${sql.table(AGENDA_TABLE)} where data ->> 'medicationId' = ${medicationId}
    order by next_run_at nulls last`.execute(db);
  return result.rows;
}

/** Removes and returns the medication's soonest job, as Agenda does when it has run one. */
export async function takeNextJob(db: Db, medicationId: string): Promise<AgendaJobRow> {
  const result = await sql<AgendaJobRow>`delete from ${sql.table(AGENDA_TABLE)} where id = (
      select id from ${sql.table(AGENDA_TABLE)} where data ->> 'medicationId' = ${medicationId}
      order by next_run_at limit 1)
    returning name, next_run_at, locked_at, data`.execute(db);
  const [job] = result.rows;
  if (!job) throw new Error(`no job is planned for medication ${medicationId}`);
  return job;
}
