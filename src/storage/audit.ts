/**
 * The audit trail: who did what to whom. Details hold ids and kinds only, never message
 * text or health details, because rows outlive the people they are about.
 */
import type { Db } from './database.js';

export interface AuditEntry {
  actor: string;
  action: string;
  personId?: string;
  details?: Record<string, string | number | boolean>;
}

/** Appends one audit row. */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      action: entry.action,
      person_id: entry.personId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
