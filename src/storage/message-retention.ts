/**
 * Forgets message text older than a cutoff. What a person wrote and what CareLine answered
 * is health information; it is kept only as long as it serves them:
 * - web chat transcript activities are deleted (the conversation stays; its history starts
 *   later);
 * - outbound messages that were delivered or failed keep their row (its idempotency key
 *   still stops a second send) but their payload becomes `{}`;
 * - inbox rows already processed or failed are deleted (a processed one has no payload; a
 *   delivery that old will not be retried by any channel);
 * - staff-queue messages staff have seen are deleted.
 */
import { sql } from 'kysely';
import type { Db } from './database.js';

/** Rows changed per statement at most, so no statement holds its locks for long. */
const BATCH_ROWS = 5000;

/** How many rows of each kind were forgotten. */
export interface ForgottenMessages {
  transcriptActivities: number;
  outboxPayloads: number;
  inboxRows: number;
  staffQueueRows: number;
}

/** Forgets what is older than `cutoff`; safe to run in several processes at once. */
export async function forgetMessagesBefore(db: Db, cutoff: Date): Promise<ForgottenMessages> {
  return {
    transcriptActivities: await inBatches(
      () => sql`delete from webchat_activities where ctid in (
        select ctid from webchat_activities where created_at < ${cutoff} limit ${BATCH_ROWS})`,
      db,
    ),
    outboxPayloads: await inBatches(
      () => sql`update outbox set payload = '{}'::jsonb where id in (
        select id from outbox
        where created_at < ${cutoff} and status in ('delivered', 'failed')
          and payload <> '{}'::jsonb
        limit ${BATCH_ROWS})`,
      db,
    ),
    inboxRows: await inBatches(
      () => sql`delete from inbox where id in (
        select id from inbox
        where received_at < ${cutoff} and status in ('processed', 'failed')
        limit ${BATCH_ROWS})`,
      db,
    ),
    staffQueueRows: await inBatches(
      () => sql`delete from staff_queue where id in (
        select id from staff_queue where seen_at < ${cutoff} limit ${BATCH_ROWS})`,
      db,
    ),
  };
}

/** Runs `statement` until it changes fewer than a batch; returns the rows changed. */
async function inBatches(statement: () => ReturnType<typeof sql>, db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const { numAffectedRows } = await statement().execute(db);
    const changed = Number(numAffectedRows ?? 0);
    total += changed;
    if (changed < BATCH_ROWS) return total;
  }
}
