/**
 * What one round of bench/reminders delivered, read from the outbox: the reminders queued
 * for doses due at the round's instant, how late each was, how fast they were queued, and
 * who got more than one reminder or none.
 *
 * Lateness is when the reminder became deliverable minus its due time, never below zero. A
 * reminder prepared ahead is deliverable at its `hold_until` (the due time, the dispatcher
 * releases it then), or when it was queued if that is later (prepared too late); one queued
 * without a hold is deliverable when queued. Nothing in the bench sends messages, so this
 * measures the reminders engine, not the dispatcher.
 */
import { sql } from 'kysely';
import type { Db } from '../../src/storage/database.js';
import { quantile } from '../support/stats.js';

export interface RoundResult {
  reminders: number;
  /** Reminders queued per second, from the instant they could first run to the last. */
  perSecond: number;
  p50LatenessMs: number;
  p99LatenessMs: number;
  /** People with more than one reminder queued in the round. */
  duplicates: number;
  /** People with none. */
  lost: number;
}

const POLL_MS = 250;

/** Reminders queued since `since` (the round's start), one row per outbox row. */
async function roundReminders(db: Db, since: Date) {
  const result = await sql<{ person_id: string; created_at: Date; deliverable_at: Date }>`
    select person_id, created_at, greatest(created_at, coalesce(hold_until, created_at))
      as deliverable_at
    from outbox
    where idempotency_key like 'reminder:%' and created_at >= ${since}`.execute(db);
  return result.rows;
}

/** How many doses due at `dueAt` have been reminded (queued in the same transaction). */
export async function countReminded(db: Db, dueAt: Date): Promise<number> {
  const result = await sql<{ n: string }>`select count(*) as n from doses
    where status = 'open' and due_at = ${dueAt} and reminded_at is not null`.execute(db);
  return Number(result.rows[0]!.n);
}

/** Waits until `expected` doses due at `dueAt` were reminded, or until `deadline` (epoch ms). */
export async function waitForReminders(
  db: Db,
  dueAt: Date,
  expected: number,
  deadline: number,
  onProgress: (reminded: number) => Promise<void> = async () => undefined,
): Promise<void> {
  while (Date.now() < deadline) {
    const reminded = await countReminded(db, dueAt);
    await onProgress(reminded);
    if (reminded >= expected) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Reads the round's outcome for `personIds`, all of whose doses were due at `dueAt` and
 * could first be prepared at `runnableAt` (the due time minus the prepare lead).
 */
export async function measureRound(
  db: Db,
  personIds: string[],
  round: { dueAt: Date; runnableAt: Date; since: Date },
): Promise<RoundResult> {
  const rows = await roundReminders(db, round.since);
  const perPerson = new Map<string, number>();
  for (const row of rows) perPerson.set(row.person_id, (perPerson.get(row.person_id) ?? 0) + 1);
  const lateness = rows.map((row) =>
    Math.max(0, row.deliverable_at.getTime() - round.dueAt.getTime()),
  );
  const queuedAfter = rows.map((row) => row.created_at.getTime() - round.runnableAt.getTime());
  const spanSeconds = Math.max(...queuedAfter, 1) / 1000;
  return {
    reminders: rows.length,
    perSecond: rows.length / spanSeconds,
    p50LatenessMs: quantile(lateness, 0.5),
    p99LatenessMs: quantile(lateness, 0.99),
    duplicates: [...perPerson.values()].filter((count) => count > 1).length,
    lost: personIds.filter((id) => !perPerson.has(id)).length,
  };
}
