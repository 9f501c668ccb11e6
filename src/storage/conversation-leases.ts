/**
 * Conversation leases: the process holding a conversation's lease is the one running its
 * waiting turns, so two processes never run turns of one conversation at once. A lease
 * expires, so one left by a process that died is taken over.
 */
import { sql } from 'kysely';
import type { Db } from './database.js';

/**
 * Takes (or extends) the lease on `conversationKey` for `holder`, for `leaseMs`. True when
 * `holder` has it now; false when another holder's lease has not expired.
 */
export async function takeConversationLease(
  db: Db,
  conversationKey: string,
  holder: string,
  leaseMs: number,
): Promise<boolean> {
  const { rows } = await sql<{ holder: string }>`
    insert into conversation_leases (conversation_key, holder, expires_at)
    values (${conversationKey}, ${holder}, now() + ${leaseMs} * interval '1 millisecond')
    on conflict (conversation_key) do update
      set holder = excluded.holder, expires_at = excluded.expires_at
      where conversation_leases.holder = excluded.holder
        or conversation_leases.expires_at < now()
    returning holder`.execute(db);
  return rows.length > 0;
}

/**
 * Gives the lease back and tells whether turns of the conversation are still waiting: one
 * recorded while the lease was held was left to the holder, which must look again.
 */
export async function releaseConversationLease(
  db: Db,
  conversationKey: string,
  holder: string,
): Promise<{ turnsWaiting: boolean }> {
  const { rows } = await sql<{ waiting: boolean }>`
    with released as (
      delete from conversation_leases
      where conversation_key = ${conversationKey} and holder = ${holder}
    )
    select exists (
      select 1 from inbox where conversation_key = ${conversationKey} and status = 'received'
    ) as waiting`.execute(db);
  return { turnsWaiting: rows[0]?.waiting ?? false };
}

/** Deletes leases that expired: each was left by a process that stopped without giving it back. */
export async function deleteExpiredLeases(db: Db): Promise<void> {
  await db
    .deleteFrom('conversation_leases')
    .where('expires_at', '<', sql<Date>`now()`)
    .execute();
}
