/**
 * The reminders engine's jobs in Agenda's table: one per upcoming dose occurrence (run
 * `prepareMinutesAhead` before it is due), one per snooze. Unique indexes (see `agenda-schema.ts`) make planning idempotent: planning an
 * occurrence twice, from two processes at once, leaves one job.
 */
import type { Agenda } from 'agenda';
import { sql } from 'kysely';
import type { Db } from '../../storage/database.js';
import type { DoseOccurrence } from '../schedule/dose-schedule.js';
import {
  AGENDA_TABLE,
  DOSE_REMINDER_JOB,
  DOSE_SNOOZE_JOB,
  OCCURRENCE_INDEX,
  SNOOZE_INDEX,
} from './agenda-schema.js';
import type { DoseReminderData } from './dose-reminder.js';
import type { DoseSnoozeData } from './dose-snooze.js';

const UNIQUE_VIOLATION = '23505';
const MS_PER_MINUTE = 60_000;

/** Plans and drops the reminders engine's jobs; what they do is in the job modules. */
export class ReminderJobs {
  /**
   * @param prepareMinutesAhead how long before the due time a reminder job runs, in
   *   minutes (see `ReminderSettings.prepareMinutesAhead`)
   */
  constructor(
    private readonly agenda: Agenda,
    private readonly db: Db,
    private readonly prepareMinutesAhead: number,
  ) {}

  /**
   * Plans the reminder of one occurrence, to run `prepareMinutesAhead` before it is due;
   * already planned, it is left as it is.
   */
  async planOccurrence(medicationId: string, occurrence: DoseOccurrence): Promise<void> {
    const data: DoseReminderData = {
      medicationId,
      occurrenceKey: occurrence.key,
      dueAt: occurrence.dueAt.toISOString(),
    };
    const runAt = new Date(occurrence.dueAt.getTime() - this.prepareMinutesAhead * MS_PER_MINUTE);
    await this.saveOnce(DOSE_REMINDER_JOB, data, runAt, OCCURRENCE_INDEX);
  }

  /** Plans the reminder again after a snooze. */
  async planSnooze(data: DoseSnoozeData): Promise<void> {
    await this.saveOnce(DOSE_SNOOZE_JOB, data, new Date(data.until), SNOOZE_INDEX);
  }

  /**
   * Drops the medication's planned jobs: its reminders, and with `includeSnoozes` its
   * snoozes. A job running right now finishes; its outcome is unaffected.
   */
  async cancelMedication(medicationId: string, includeSnoozes: boolean): Promise<number> {
    const names = includeSnoozes ? [DOSE_REMINDER_JOB, DOSE_SNOOZE_JOB] : [DOSE_REMINDER_JOB];
    // Our own delete rather than `agenda.cancel`, whose `data @>` filter has no index.
    const result = await sql`delete from ${sql.table(AGENDA_TABLE)}
      where data ->> 'medicationId' = ${medicationId} and name in (${sql.join(names)})`.execute(
      this.db,
    );
    return Number(result.numAffectedRows ?? 0);
  }

  private async saveOnce(name: string, data: object, runAt: Date, index: string): Promise<void> {
    try {
      await this.agenda.create(name, data).schedule(runAt).save();
    } catch (error) {
      if (isViolationOf(error, index)) return;
      throw error;
    }
  }
}

function isViolationOf(error: unknown, index: string): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === UNIQUE_VIOLATION && constraint === index;
}
