/** Watching bench/sms's outbox rows: waiting for them to be sent, and counting by status. */
import type { Db } from '../../src/storage/database.js';

const DRAIN_POLL_MS = 200;

/**
 * Waits until no row whose idempotency key starts with `keyPrefix` is pending or being sent,
 * or until `deadline` (epoch ms); true when they all left.
 */
export async function waitUntilSent(db: Db, keyPrefix: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const open = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('rows'))
      .where('idempotency_key', 'like', `${keyPrefix}%`)
      .where('status', 'in', ['pending', 'sending'])
      .executeTakeFirstOrThrow();
    if (Number(open.rows) === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
  }
  return false;
}

/** Rows whose idempotency key starts with `keyPrefix`, counted by status. */
export async function outboxStatuses(db: Db, keyPrefix: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll<string>().as('rows')])
    .where('idempotency_key', 'like', `${keyPrefix}%`)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.rows)]));
}

/** Claims beyond the first, over rows whose idempotency key starts with `keyPrefix`. */
export async function extraAttempts(db: Db, keyPrefix: string): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.sum<string>(eb('attempts', '-', 1)).as('extra'))
    .where('idempotency_key', 'like', `${keyPrefix}%`)
    .executeTakeFirstOrThrow();
  return Number(row.extra ?? 0);
}
