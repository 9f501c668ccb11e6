/**
 * Agenda's job table (`agenda_jobs`, apart from CareLine's own tables) and the indexes the
 * reminders engine adds to it. Created here rather than by the backend's `ensureSchema`, under
 * an advisory lock, because two processes starting together would otherwise race on
 * `create table` and `create function`.
 */
import {
  getCreateIndexesSQL,
  getCreateTableSQL,
  getUpdateTimestampTriggerSQL,
} from '@agendajs/postgres-backend';
import { sql } from 'kysely';
import type { Db } from '../../storage/database.js';

/** Agenda's table. */
export const AGENDA_TABLE = 'agenda_jobs';

/** Job names. */
export const DOSE_REMINDER_JOB = 'dose-reminder';
export const DOSE_SNOOZE_JOB = 'dose-snooze';
export const DOSES_SWEEP_JOB = 'doses-sweep';

/** The unique index that keeps one reminder job per dose occurrence. */
export const OCCURRENCE_INDEX = `${AGENDA_TABLE}_dose_occurrence`;
/** The unique index that keeps one snooze job per dose and snooze time. */
export const SNOOZE_INDEX = `${AGENDA_TABLE}_dose_snooze`;

const SCHEMA_LOCK_ID = 4_242_007;

/** The statements that create our indexes on Agenda's table. */
function reminderIndexes(): string[] {
  return [
    `create unique index if not exists ${OCCURRENCE_INDEX} on ${AGENDA_TABLE}
       ((data ->> 'medicationId'), (data ->> 'occurrenceKey')) where name = '${DOSE_REMINDER_JOB}'`,
    `create unique index if not exists ${SNOOZE_INDEX} on ${AGENDA_TABLE}
       ((data ->> 'doseId'), (data ->> 'until')) where name = '${DOSE_SNOOZE_JOB}'`,
    `create index if not exists ${AGENDA_TABLE}_medication on ${AGENDA_TABLE}
       ((data ->> 'medicationId')) where data ? 'medicationId'`,
  ];
}

/** Creates Agenda's table, its indexes and ours, once per database, whoever comes first. */
export async function ensureAgendaSchema(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SCHEMA_LOCK_ID})`.execute(trx);
    const statements = [
      getCreateTableSQL(AGENDA_TABLE),
      ...getCreateIndexesSQL(AGENDA_TABLE),
      getUpdateTimestampTriggerSQL(AGENDA_TABLE),
      ...reminderIndexes(),
    ];
    for (const statement of statements) await sql.raw(statement).execute(trx);
  });
}
