/**
 * The SMS each outbox row was sent as: one row per part, with Twilio's message SID and its
 * latest delivery receipt. A retried outbox row sends only the parts Twilio has not taken;
 * a receipt is matched to its outbox row by SID.
 */
import type { Db } from './database.js';
import type { Selectable } from 'kysely';
import type { SmsPartsTable } from './schema.js';

export type SmsPart = Selectable<SmsPartsTable>;

/** Statuses that mean Twilio has the part: it must not be sent again. */
const TAKEN_STATUSES = ['accepted', 'queued', 'sending', 'sent', 'delivered', 'read'];

/** Parts of the row Twilio already has, by part index. */
export async function takenParts(db: Db, outboxId: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('sms_parts')
    .select('part')
    .where('outbox_id', '=', outboxId)
    .where('status', 'in', TAKEN_STATUSES)
    .execute();
  return new Set(rows.map((row) => row.part));
}

/** Records that Twilio took part `part` of the row (replacing an earlier failed attempt). */
export async function recordSentPart(
  db: Db,
  part: Omit<SmsPart, 'updated_at' | 'error_code'>,
): Promise<void> {
  await db
    .insertInto('sms_parts')
    .values(part)
    .onConflict((oc) =>
      oc.columns(['outbox_id', 'part']).doUpdateSet({
        message_sid: part.message_sid,
        from_number: part.from_number,
        segments: part.segments,
        status: part.status,
        error_code: null,
        updated_at: new Date(),
      }),
    )
    .execute();
}

/**
 * Records a delivery receipt on the part and its outbox row; returns the part (with its
 * outbox row's person and attempts), or undefined for a SID CareLine did not send.
 */
export async function recordReceipt(
  db: Db,
  messageSid: string,
  status: string,
  errorCode: string | null,
): Promise<(SmsPart & { person_id: string | null; attempts: number }) | undefined> {
  return db.transaction().execute(async (trx) => {
    const part = await trx
      .updateTable('sms_parts')
      .set({ status, error_code: errorCode, updated_at: new Date() })
      .where('message_sid', '=', messageSid)
      .returningAll()
      .executeTakeFirst();
    if (!part) return undefined;

    const outbox = await trx
      .updateTable('outbox')
      .set({ delivery_status: status, delivery_error_code: errorCode })
      .where('id', '=', part.outbox_id)
      .returning(['person_id', 'attempts'])
      .executeTakeFirstOrThrow();
    return { ...part, ...outbox };
  });
}
