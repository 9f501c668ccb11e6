/**
 * A phone number's SMS subscription: opted out (STOP, or Twilio reporting the number as
 * unsubscribed) or not. While opted out, nothing is texted but the one confirmation.
 */
import { writeAudit } from '../../src/storage/audit.js';
import type { Db } from '../../src/storage/database.js';

export interface SmsIdentity {
  id: string;
  person_id: string;
  opted_out_at: Date | null;
  unreachable_at: Date | null;
}

/** The SMS identity of `phone`, or undefined for a number CareLine does not know. */
export async function findSmsIdentity(db: Db, phone: string): Promise<SmsIdentity | undefined> {
  return db
    .selectFrom('channel_identities')
    .select(['id', 'person_id', 'opted_out_at', 'unreachable_at'])
    .where('channel', '=', 'sms')
    .where('external_id', '=', phone)
    .executeTakeFirst();
}

/** Marks the number opted out (keeping the first date); audited by id. */
export async function optOut(db: Db, phone: string, source: 'keyword' | 'carrier'): Promise<void> {
  const identity = await db
    .updateTable('channel_identities')
    .set({ opted_out_at: new Date() })
    .where('channel', '=', 'sms')
    .where('external_id', '=', phone)
    .where('opted_out_at', 'is', null)
    .returning(['id', 'person_id'])
    .executeTakeFirst();
  if (!identity) return;

  await writeAudit(db, {
    actor: 'person',
    action: 'sms.opted_out',
    personId: identity.person_id,
    details: { identityId: identity.id, source },
  });
}

/** Clears the opt-out (START); audited by id. */
export async function optIn(db: Db, phone: string): Promise<void> {
  const identity = await db
    .updateTable('channel_identities')
    .set({ opted_out_at: null })
    .where('channel', '=', 'sms')
    .where('external_id', '=', phone)
    .where('opted_out_at', 'is not', null)
    .returning(['id', 'person_id'])
    .executeTakeFirst();
  if (!identity) return;

  await writeAudit(db, {
    actor: 'person',
    action: 'sms.opted_in',
    personId: identity.person_id,
    details: { identityId: identity.id },
  });
}
