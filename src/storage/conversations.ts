/**
 * Conversations: one per (channel, channel conversation id), with the address replies go
 * to and whether staff currently hold it.
 */
import type { Db } from './database.js';
import type { ChannelId, ConversationRow } from './schema.js';

export interface ConversationKey {
  channel: ChannelId;
  externalId: string;
}

/** Finds or creates the conversation, refreshing its reply address. */
export async function upsertConversation(
  db: Db,
  personId: string,
  key: ConversationKey,
  address: Record<string, unknown>,
): Promise<ConversationRow> {
  return db
    .insertInto('conversations')
    .values({
      person_id: personId,
      channel: key.channel,
      external_id: key.externalId,
      address: JSON.stringify(address),
    })
    .onConflict((oc) =>
      oc
        .columns(['channel', 'external_id'])
        .doUpdateSet({ address: JSON.stringify(address), person_id: personId }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Marks the conversation as held (or released) by staff. */
export async function setHeldByStaff(db: Db, conversationId: string, held: boolean): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ held_by_staff_at: held ? new Date() : null })
    .where('id', '=', conversationId)
    .execute();
}

/** Queues a message for staff while they hold the conversation. */
export async function queueForStaff(
  db: Db,
  conversation: ConversationRow,
  text: string,
): Promise<void> {
  await db
    .insertInto('staff_queue')
    .values({ conversation_id: conversation.id, person_id: conversation.person_id, text })
    .execute();
}

/** A person's conversations on every channel. */
export async function listConversations(db: Db, personId: string): Promise<ConversationRow[]> {
  return db.selectFrom('conversations').selectAll().where('person_id', '=', personId).execute();
}
