/**
 * The periodic sweep (the 'doses-sweep' job, every minute by default): marks missed doses
 * and alerts the care circle when they cross the threshold, sends due follow-ups, and plans
 * reminders for active medications that have none planned (added while the engine was down,
 * or whose chain of reminders broke), so a lost job costs at most one sweep interval.
 */
import { sql } from 'kysely';
import type { Db } from '../../storage/database.js';
import { AGENDA_TABLE, DOSE_REMINDER_JOB } from './agenda-schema.js';
import { sendFollowUps } from './follow-ups.js';
import { markMissedDoses, SWEEP_BATCH } from './missed-doses.js';
import type { ReminderContext } from './reminder-context.js';

export interface SweepReport {
  missed: number;
  followedUp: number;
  replanned: number;
}

export interface SweepSteps {
  /** (Re)plans one medication's reminders. */
  planMedication(medicationId: string): Promise<unknown>;
  /** Tells Agenda the sweep is alive between steps (its lock would expire otherwise). */
  touch(): Promise<void>;
}

/** Runs the sweep once at `now`. */
export async function sweepDoses(
  ctx: ReminderContext,
  steps: SweepSteps,
  now: Date,
): Promise<SweepReport> {
  const missed = await markMissedDoses(ctx, now);
  await steps.touch();
  const followedUp = await sendFollowUps(ctx, now);
  await steps.touch();
  const unplanned = await listUnplannedMedications(ctx.db, SWEEP_BATCH);
  for (const medicationId of unplanned) await steps.planMedication(medicationId);
  return { missed, followedUp, replanned: unplanned.length };
}

/**
 * Active medications (not as-needed, not paused, not ended before yesterday) with no
 * reminder job waiting to run. One that ends today with no dose left stays listed until
 * tomorrow; planning it again finds nothing, which is cheap.
 */
export async function listUnplannedMedications(db: Db, limit: number): Promise<string[]> {
  const result = await sql<{ id: string }>`
    select m.id from medications m
    where not m.as_needed and m.paused_at is null
      and (m.end_date is null or m.end_date >= current_date - 1)
      and not exists (
        select 1 from ${sql.table(AGENDA_TABLE)} j
        where j.data ->> 'medicationId' = m.id::text and j.name = ${DOSE_REMINDER_JOB}
          and (j.next_run_at is not null or j.locked_at is not null))
    limit ${limit}`.execute(db);
  return result.rows.map((row) => row.id);
}
