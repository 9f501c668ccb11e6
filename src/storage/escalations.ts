/**
 * Escalations: a person who needs a human (crisis language, a medical emergency, or a plain
 * request), waiting in the staff queue.
 */
import type { Db } from './database.js';
import type { EscalationReason } from './schema.js';

/** Opens an escalation and returns its id. */
export async function openEscalation(
  db: Db,
  personId: string,
  conversationId: string | null,
  reason: EscalationReason,
): Promise<string> {
  const row = await db
    .insertInto('escalations')
    .values({ person_id: personId, conversation_id: conversationId, reason })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Open escalations, oldest first (what the staff queue shows). */
export async function listOpenEscalations(db: Db) {
  return db
    .selectFrom('escalations')
    .selectAll()
    .where('status', '=', 'open')
    .orderBy('created_at')
    .execute();
}

/** The person's escalation for `reason` that staff have not closed yet, if any. */
export async function findUnclosedEscalation(
  db: Db,
  personId: string,
  reason: EscalationReason,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('escalations')
    .select('id')
    .where('person_id', '=', personId)
    .where('reason', '=', reason)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
  return row?.id;
}
