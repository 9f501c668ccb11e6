/**
 * Web chat's Direct Line conversations and their transcripts. Each activity gets the next
 * sequence number of its conversation (the Direct Line watermark); the counter row's lock
 * keeps numbers gapless and ordered when several writers append at once.
 */
import type { Db } from './database.js';

export interface TranscriptEntry {
  seq: number;
  activity: Record<string, unknown>;
}

/** Creates a conversation for `userId`. */
export async function createWebchatConversation(db: Db, id: string, userId: string) {
  await db.insertInto('webchat_conversations').values({ id, user_id: userId }).execute();
}

/** The conversation's owner, or undefined when it does not exist. */
export async function findWebchatConversation(
  db: Db,
  id: string,
): Promise<{ id: string; userId: string; lastSeq: number } | undefined> {
  const row = await db
    .selectFrom('webchat_conversations')
    .select(['id', 'user_id', 'last_seq'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, userId: row.user_id, lastSeq: Number(row.last_seq) };
}

/**
 * Appends an activity, stamping its id as `<conversation>|<seq>`. Returns the stored
 * activity, or undefined when the conversation does not exist.
 */
export async function appendActivity(
  db: Db,
  conversationId: string,
  activity: Record<string, unknown>,
): Promise<TranscriptEntry | undefined> {
  // The counter's row lock must be held until the activity is inserted, or a reader could
  // see seq n+1 before n and move its watermark past n for good.
  if (!db.isTransaction)
    return db.transaction().execute((trx) => appendActivity(trx, conversationId, activity));

  const counter = await db
    .updateTable('webchat_conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', '1') }))
    .where('id', '=', conversationId)
    .returning('last_seq')
    .executeTakeFirst();
  if (!counter) return undefined;

  const seq = Number(counter.last_seq);
  const stored = { ...activity, id: `${conversationId}|${String(seq).padStart(7, '0')}` };
  await db
    .insertInto('webchat_activities')
    .values({ conversation_id: conversationId, seq: String(seq), activity: JSON.stringify(stored) })
    .execute();
  return { seq, activity: stored };
}

/** Activities after `watermark` (exclusive), oldest first, at most `limit`. */
export async function listActivitiesAfter(
  db: Db,
  conversationId: string,
  watermark: number,
  limit = 500,
): Promise<TranscriptEntry[]> {
  const rows = await db
    .selectFrom('webchat_activities')
    .select(['seq', 'activity'])
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', String(watermark))
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ seq: Number(row.seq), activity: row.activity }));
}

/** Erases the transcripts of these conversations (their ids stay, holding nothing personal). */
export async function eraseTranscripts(db: Db, conversationIds: string[]): Promise<void> {
  if (conversationIds.length === 0) return;

  await db
    .deleteFrom('webchat_activities')
    .where('conversation_id', 'in', conversationIds)
    .execute();
}
