/**
 * Consents: each decision a person makes about a notice, with the notice version and time.
 * The latest decision per kind is the one in force.
 */
import type { Db } from './database.js';

export type ConsentDecision = 'given' | 'declined' | 'withdrawn';

/** Records a decision on `kind` (for example 'privacy_notice'). */
export async function recordConsent(
  db: Db,
  personId: string,
  kind: string,
  noticeVersion: string,
  decision: ConsentDecision,
): Promise<void> {
  await db
    .insertInto('consents')
    .values({ person_id: personId, kind, notice_version: noticeVersion, decision })
    .execute();
}

/** The decision in force on `kind`, or undefined when the person was never asked. */
export async function latestConsent(
  db: Db,
  personId: string,
  kind: string,
): Promise<{ decision: ConsentDecision; noticeVersion: string; decidedAt: Date } | undefined> {
  const row = await db
    .selectFrom('consents')
    .select(['decision', 'notice_version', 'decided_at'])
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;

  return { decision: row.decision, noticeVersion: row.notice_version, decidedAt: row.decided_at };
}
