/**
 * The baseline of bench/reminders: a bare `FOR UPDATE SKIP LOCKED` queue of due reminders in
 * its own table, doing the same work per reminder as the Agenda job (the dose-reminder
 * transaction, and planning the next occurrence as a row of its own queue). Each of
 * `concurrency` loops claims a few rows under a lease, runs them, and marks them done. Like
 * the engine, it takes a reminder `prepareMinutesAhead` (from the context's settings) before
 * it is due, so the reminder is queued held until its due time.
 */
import { sql } from 'kysely';
import type { Db } from '../../src/storage/database.js';
import {
  runDoseReminder,
  type DoseReminderData,
} from '../../src/medications/reminders/dose-reminder.js';
import type { ReminderContext } from '../../src/medications/reminders/reminder-context.js';
import type { DoseOccurrence } from '../../src/medications/schedule/dose-schedule.js';

const CLAIM_BATCH = 5;
const LEASE_SECONDS = 30;
const IDLE_POLL_MS = 50;

/** Creates the queue table. */
export async function createBareQueue(db: Db): Promise<void> {
  await sql`create table if not exists bench_due_reminders (
      medication_id text not null,
      occurrence_key text not null,
      due_at timestamptz not null,
      claimed_until timestamptz,
      done_at timestamptz,
      primary key (medication_id, occurrence_key))`.execute(db);
  await sql`create index if not exists bench_due_reminders_due on bench_due_reminders (due_at)
      where done_at is null`.execute(db);
}

/** Queues one reminder; already queued, it is left as it is. */
export async function queueBareReminder(
  db: Db,
  medicationId: string,
  occurrence: Pick<DoseOccurrence, 'key' | 'dueAt'>,
): Promise<void> {
  await sql`insert into bench_due_reminders (medication_id, occurrence_key, due_at)
    values (${medicationId}, ${occurrence.key}, ${occurrence.dueAt})
    on conflict do nothing`.execute(db);
}

/** Starts `concurrency` loops; the returned function stops them and resolves when they have. */
export function startBareLoops(ctx: ReminderContext, concurrency: number): () => Promise<void> {
  let running = true;
  const planNext = (medicationId: string, occurrence: DoseOccurrence) =>
    queueBareReminder(ctx.db, medicationId, occurrence);
  const loop = async () => {
    while (running) {
      const claimed = await claimDue(ctx.db, ctx.settings.prepareMinutesAhead);
      if (claimed.length === 0) await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
      for (const data of claimed) await runDoseReminder(ctx, data, planNext);
      await markDone(ctx.db, claimed);
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return async () => {
    running = false;
    await Promise.all(loops);
  };
}

async function claimDue(db: Db, prepareMinutesAhead: number): Promise<DoseReminderData[]> {
  const lead = sql`make_interval(secs => ${prepareMinutesAhead * 60})`;
  const result = await sql<{ medication_id: string; occurrence_key: string; due_at: Date }>`
    update bench_due_reminders
    set claimed_until = now() + make_interval(secs => ${LEASE_SECONDS})
    where (medication_id, occurrence_key) in (
      select medication_id, occurrence_key from bench_due_reminders
      where done_at is null and due_at <= now() + ${lead}
        and (claimed_until is null or claimed_until < now())
      order by due_at limit ${CLAIM_BATCH}
      for update skip locked)
    returning medication_id, occurrence_key, due_at`.execute(db);
  return result.rows.map((row) => ({
    medicationId: row.medication_id,
    occurrenceKey: row.occurrence_key,
    dueAt: row.due_at.toISOString(),
  }));
}

async function markDone(db: Db, claimed: DoseReminderData[]): Promise<void> {
  if (claimed.length === 0) return;

  const keys = claimed.map((data) => sql`(${data.medicationId}, ${data.occurrenceKey})`);
  await sql`update bench_due_reminders set done_at = now()
    where (medication_id, occurrence_key) in (${sql.join(keys)})`.execute(db);
}
