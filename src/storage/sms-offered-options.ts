/**
 * The numbered options last texted to each phone ("Reply 1 for Patient, 2 for Caregiver"),
 * so that a reply of "2" can be read as the second option. Only the latest set counts.
 */
import type { Db } from './database.js';

export interface OfferedOption {
  value: string;
  title: string;
}

/** Remembers the options just sent to the identity (none: forgets earlier ones). */
export async function rememberOfferedOptions(
  db: Db,
  identityId: string,
  options: readonly OfferedOption[],
): Promise<void> {
  if (options.length === 0) {
    await db.deleteFrom('sms_offered_options').where('identity_id', '=', identityId).execute();
    return;
  }

  const row = { identity_id: identityId, options: JSON.stringify(options) };
  await db
    .insertInto('sms_offered_options')
    .values(row)
    .onConflict((oc) =>
      oc.column('identity_id').doUpdateSet({ options: row.options, offered_at: new Date() }),
    )
    .execute();
}

/** The options last sent to the identity, or none. */
export async function offeredOptions(db: Db, identityId: string): Promise<OfferedOption[]> {
  const row = await db
    .selectFrom('sms_offered_options')
    .select('options')
    .where('identity_id', '=', identityId)
    .executeTakeFirst();
  return row?.options ?? [];
}
