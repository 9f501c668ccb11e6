/**
 * Escalations put a person in front of support staff: crisis language, a medical
 * emergency, or a plain request for a human. The staff queue lists open ones.
 */
import { writeAudit } from '../storage/audit.js';
import type { Db } from '../storage/database.js';
import { openEscalation } from '../storage/escalations.js';
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
