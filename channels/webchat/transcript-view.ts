/**
 * How stored transcript entries look to a Direct Line client, and the lookups web chat
 * needs on top of `src/storage/webchat-transcripts.ts`.
 */
import { sql } from 'kysely';
import type { Db } from '../../src/storage/database.js';
import type { TranscriptEntry } from '../../src/storage/webchat-transcripts.js';

/** channelData keys for CareLine's own bookkeeping; never shown to clients. */
export const OUTBOX_ID_KEY = 'careline:outboxId';

/** An `{ activities, watermark }` batch as Direct Line sends it. */
export interface ActivitySet {
  activities: Record<string, unknown>[];
  watermark: string;
}

/**
 * The batch for `entries` read after `watermark`. Each activity carries its sequence number
 * as `channelData['webchat:sequence-id']`, which Web Chat sorts by.
 */
export function toActivitySet(entries: TranscriptEntry[], watermark: number): ActivitySet {
  const last = entries.at(-1);
  return {
    activities: entries.map(toClientActivity),
    watermark: String(last ? last.seq : watermark),
  };
}

function toClientActivity({ seq, activity }: TranscriptEntry): Record<string, unknown> {
  const channelData = { ...(activity.channelData as Record<string, unknown> | undefined) };
  delete channelData[OUTBOX_ID_KEY];
  return { ...activity, channelData: { ...channelData, 'webchat:sequence-id': seq } };
}

/** The stored id of the message the client tagged `clientActivityId`, if any. */
export async function findActivityIdByClientId(
  db: Db,
  conversationId: string,
  clientActivityId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('webchat_activities')
    .select(sql<string>`activity->>'id'`.as('id'))
    .where('conversation_id', '=', conversationId)
    .where(sql<string>`activity->'channelData'->>'clientActivityID'`, '=', clientActivityId)
    .executeTakeFirst();
  return row?.id;
}

/** True when the outbox row was already appended (a retry after a crash mid-delivery). */
export async function isOutboxRowInTranscript(
  db: Db,
  conversationId: string,
  outboxId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('webchat_activities')
    .select('seq')
    .where('conversation_id', '=', conversationId)
    .where(sql<string>`activity->'channelData'->>${OUTBOX_ID_KEY}`, '=', outboxId)
    .executeTakeFirst();
  return row !== undefined;
}
