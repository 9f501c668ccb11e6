/**
 * Escalations put a person in front of support staff: crisis language, a medical
 * emergency, or a plain request for a human. The staff queue lists open ones.
 */
import { writeAudit } from '../storage/audit.js';
import type { Db } from '../storage/database.js';
import { findUnclosedEscalation, openEscalation } from '../storage/escalations.js';
import type { EscalationReason } from '../storage/schema.js';

/** Opens an escalation for staff and audits it; returns the escalation id. */
export async function escalateToStaff(
  db: Db,
  personId: string,
  conversationId: string | null,
  reason: EscalationReason,
): Promise<string> {
  const escalationId = await openEscalation(db, personId, conversationId, reason);
  await writeAudit(db, {
    actor: 'careline',
    action: 'escalation.opened',
    personId,
    details: { escalationId, reason },
  });
  return escalationId;
}

/**
 * Asks for a person from the support team, once: while an earlier request is still open,
 * no second one is queued. Returns whether this call opened one.
 */
export async function requestHuman(
  db: Db,
  personId: string,
  conversationId: string | null,
): Promise<'opened' | 'already_open'> {
  const open = await findUnclosedEscalation(db, personId, 'human_requested');
  if (open) return 'already_open';

  await escalateToStaff(db, personId, conversationId, 'human_requested');
  return 'opened';
}
