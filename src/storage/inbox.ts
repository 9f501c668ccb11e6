/**
 * The inbox: every inbound message, recorded before it is processed and unique on
 * (channel, external id), so a re-delivered message is acknowledged but not processed twice.
 */
import { sql } from 'kysely';
import type { Db } from './database.js';
import type { ChannelId } from './schema.js';

export interface InboxEntry {
  id: string;
  channel: ChannelId;
  externalId: string;
  payload: Record<string, unknown>;
}

/**
 * Records an inbound message. Returns its inbox id, or undefined when (channel, externalId)
 * was already recorded: a retried delivery.
 */
export async function recordInbound(
  db: Db,
  channel: ChannelId,
  externalId: string,
  payload: Record<string, unknown>,
): Promise<string | undefined> {
  const row = await db
    .insertInto('inbox')
    .values({ channel, external_id: externalId, payload: JSON.stringify(payload) })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Records several inbound messages in one statement. Returns, for each, its new inbox id,
 * or undefined when it was recorded before (or earlier in the same batch).
 */
export async function recordInboundBatch(
  db: Db,
  messages: Array<{ channel: ChannelId; externalId: string; payload: Record<string, unknown> }>,
): Promise<Array<string | undefined>> {
  if (messages.length === 0) return [];

  // One statement text whatever the batch size (arrays, not a VALUES list per row), so
  // PostgreSQL and the driver do the same small amount of work for every batch.
  const { rows } = await sql<{ id: string; channel: ChannelId; external_id: string }>`
    insert into inbox (channel, external_id, payload)
    select * from unnest(
      ${messages.map((m) => m.channel)}::text[],
      ${messages.map((m) => m.externalId)}::text[],
      ${messages.map((m) => JSON.stringify(m.payload))}::jsonb[]
    )
    on conflict (channel, external_id) do nothing
    returning id, channel, external_id`.execute(db);
  const idByKey = new Map(rows.map((row) => [`${row.channel}\u0000${row.external_id}`, row.id]));
  return messages.map((m) => {
    const key = `${m.channel}\u0000${m.externalId}`;
    const id = idByKey.get(key);
    // A key twice in one batch: the first gets the id, the rest are re-deliveries.
    idByKey.delete(key);
    return id;
  });
}

/** Marks the message processed and drops its payload: the turn has what it needed. */
export async function markInboundProcessed(db: Db, inboxId: string): Promise<void> {
  await db
    .updateTable('inbox')
    .set({ status: 'processed', payload: null, processed_at: new Date() })
    .where('id', '=', inboxId)
    .execute();
}

/** Counts a failed attempt; after `maxAttempts` the message is marked failed for staff. */
export async function recordInboundFailure(
  db: Db,
  inboxId: string,
  maxAttempts: number,
): Promise<'retry' | 'failed'> {
  const row = await db
    .updateTable('inbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', inboxId)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  if (row.attempts < maxAttempts) return 'retry';

  await db.updateTable('inbox').set({ status: 'failed' }).where('id', '=', inboxId).execute();
  return 'failed';
}

/** Messages recorded but never processed (a crash between accepting and running). */
export async function listUnprocessed(db: Db, receivedBefore: Date): Promise<InboxEntry[]> {
  const rows = await db
    .selectFrom('inbox')
    .select(['id', 'channel', 'external_id', 'payload'])
    .where('status', '=', 'received')
    .where('received_at', '<', receivedBefore)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    externalId: row.external_id,
    payload: row.payload ?? {},
  }));
}
