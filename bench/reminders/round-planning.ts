/**
 * Puts a round's reminders in place: every medication's next dose due at one instant, as
 * Agenda jobs or as rows of the bare loop's queue. A sample is planned through the engine
 * (`planMedication`) and timed; the rest is inserted with one statement each, writing the
 * same rows (the engine's unique index turns the sample's into no-ops), so the round starts
 * on time whatever planning costs on the machine.
 */
import { sql } from 'kysely';
import { AGENDA_TABLE, DOSE_REMINDER_JOB } from '../../src/medications/reminders/agenda-schema.js';
import type { Db } from '../../src/storage/database.js';

/** The occurrence key and ISO due time of `dueAt` for each medication's person. */
function occurrenceColumns(dueAt: Date) {
  return {
    key: sql<string>`to_char(${dueAt}::timestamptz at time zone p.time_zone, 'YYYY-MM-DD"T"HH24:MI')`,
    iso: sql<string>`to_char(${dueAt}::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  };
}

/**
 * Plans every medication's reminder at `dueAt` as an Agenda job, as `planMedication` does:
 * to run `prepareMs` before it is due.
 */
export async function insertAgendaJobs(db: Db, dueAt: Date, prepareMs: number): Promise<void> {
  const { key, iso } = occurrenceColumns(dueAt);
  const runAt = new Date(dueAt.getTime() - prepareMs);
  await sql`insert into ${sql.table(AGENDA_TABLE)} (name, next_run_at, data)
    select ${DOSE_REMINDER_JOB}, ${runAt}::timestamptz,
      jsonb_build_object('medicationId', m.id::text, 'occurrenceKey', ${key}, 'dueAt', ${iso})
    from medications m join people p on p.id = m.person_id
    on conflict do nothing`.execute(db);
}

/** Queues every medication's reminder at `dueAt` for the bare loop (it takes it ahead). */
export async function insertBareRows(db: Db, dueAt: Date): Promise<void> {
  const { key } = occurrenceColumns(dueAt);
  await sql`insert into bench_due_reminders (medication_id, occurrence_key, due_at)
    select m.id::text, ${key}, ${dueAt}::timestamptz
    from medications m join people p on p.id = m.person_id
    on conflict do nothing`.execute(db);
}

/** Drops every reminder job still waiting (the previous round's chain: the next day's). */
export async function dropWaitingAgendaJobs(db: Db): Promise<void> {
  await sql`delete from ${sql.table(AGENDA_TABLE)} where name = ${DOSE_REMINDER_JOB}`.execute(db);
}
