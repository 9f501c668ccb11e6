/**
 * Consent to the privacy notice. Nothing but onboarding runs until it is given; a person
 * can decline and come back to it later.
 */
import { latestConsent, recordConsent, type ConsentDecision } from '../storage/consents.js';
import type { Db } from '../storage/database.js';
import { writeAudit } from '../storage/audit.js';

export const PRIVACY_NOTICE = 'privacy_notice';

/** Records the person's decision on the notice `noticeVersion`. */
export async function recordPrivacyDecision(
  db: Db,
  personId: string,
  noticeVersion: string,
  decision: ConsentDecision,
): Promise<void> {
  await recordConsent(db, personId, PRIVACY_NOTICE, noticeVersion, decision);
  await writeAudit(db, {
    actor: 'person',
    action: `consent.${decision}`,
    personId,
    details: { kind: PRIVACY_NOTICE, noticeVersion },
  });
}

/** True when the person's latest decision on the notice is 'given'. */
export async function hasPrivacyConsent(db: Db, personId: string): Promise<boolean> {
  const latest = await latestConsent(db, personId, PRIVACY_NOTICE);
  return latest?.decision === 'given';
}
