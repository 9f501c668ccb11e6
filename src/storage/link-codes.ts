/**
 * Link codes and what redeeming one touches: the codes (as keyed hashes only), the key they
 * are hashed with, failed attempts per redeeming identity, and moving a temporary person's
 * rows to the person a code belongs to.
 */
import { sql } from 'kysely';
import type { ChannelIdentity } from './channel-identities.js';
import type { Db } from './database.js';
import type { ChannelId } from './schema.js';

/** The database's clock, so every process agrees on when a code expires. */
export async function databaseNow(db: Db): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
  return rows[0]!.now;
}

/**
 * The link-code key. The first caller stores `candidate`; later callers (in any process)
 * get the stored one, so all agree.
 */
export async function loadOrCreateCodeKey(db: Db, candidate: Buffer): Promise<Buffer> {
  await db
    .insertInto('link_code_keys')
    .values({ id: 1, secret: candidate })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db
    .selectFrom('link_code_keys')
    .select('secret')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.secret;
}

/**
 * Stores a person's new code, deleting their earlier ones and every code that expired
 * before `now`. Returns false when the hash is taken (a collision: make another code).
 */
export async function replaceLinkCode(
  db: Db,
  personId: string,
  codeHash: string,
  now: Date,
  expiresAt: Date,
): Promise<boolean> {
  await db
    .deleteFrom('link_codes')
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('expires_at', '<=', now)]))
    .execute();
  const inserted = await db
    .insertInto('link_codes')
    .values({ person_id: personId, code_hash: codeHash, expires_at: expiresAt })
    .onConflict((oc) => oc.column('code_hash').doNothing())
    .executeTakeFirst();
  return inserted.numInsertedOrUpdatedRows === 1n;
}

/** The unexpired code with this hash, locked until the transaction ends; or undefined. */
export async function findLiveLinkCode(
  db: Db,
  codeHash: string,
  now: Date,
): Promise<{ id: string; person_id: string } | undefined> {
  return db
    .selectFrom('link_codes')
    .select(['id', 'person_id'])
    .where('code_hash', '=', codeHash)
    .where('expires_at', '>', now)
    .forUpdate()
    .executeTakeFirst();
}

/** Deletes a code once it has been used. */
export async function deleteLinkCode(db: Db, codeId: string): Promise<void> {
  await db.deleteFrom('link_codes').where('id', '=', codeId).execute();
}

/**
 * The identity for (channel, externalId), locked until the transaction ends so one
 * identity's redemptions are counted and applied one at a time.
 */
export async function lockIdentity(
  db: Db,
  channel: ChannelId,
  externalId: string,
): Promise<ChannelIdentity | undefined> {
  return db
    .selectFrom('channel_identities')
    .select(['id', 'person_id', 'channel', 'external_id', 'unreachable_at'])
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .forUpdate()
    .executeTakeFirst();
}

/** How many identities `personId` has besides `identityId`. */
export async function countOtherIdentities(
  db: Db,
  personId: string,
  identityId: string,
): Promise<number> {
  const row = await db
    .selectFrom('channel_identities')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('person_id', '=', personId)
    .where('id', '!=', identityId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Failed attempts by an identity since `since`: how many, and when the oldest was. */
export async function countFailedAttempts(
  db: Db,
  identityId: string,
  since: Date,
): Promise<{ count: number; oldest: Date | null }> {
  const row = await db
    .selectFrom('link_attempts')
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.min('failed_at').as('oldest')])
    .where('identity_id', '=', identityId)
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest as Date | null };
}

/** Records a failed attempt at `at`, forgetting the identity's attempts before `forgetBefore`. */
export async function recordFailedAttempt(
  db: Db,
  identityId: string,
  at: Date,
  forgetBefore: Date,
): Promise<void> {
  await db
    .deleteFrom('link_attempts')
    .where('identity_id', '=', identityId)
    .where('failed_at', '<=', forgetBefore)
    .execute();
  await db.insertInto('link_attempts').values({ identity_id: identityId, failed_at: at }).execute();
}

/** Attaches an identity to another person. */
export async function moveIdentity(db: Db, identityId: string, personId: string): Promise<void> {
  await db
    .updateTable('channel_identities')
    .set({ person_id: personId })
    .where('id', '=', identityId)
    .execute();
}

/**
 * Moves a person's conversations, with the escalations, staff queue and queued messages
 * that belong to them, to another person.
 */
export async function moveConversations(db: Db, fromPersonId: string, toPersonId: string) {
  await db
    .updateTable('conversations')
    .set({ person_id: toPersonId })
    .where('person_id', '=', fromPersonId)
    .execute();
  await db
    .updateTable('escalations')
    .set({ person_id: toPersonId })
    .where('person_id', '=', fromPersonId)
    .execute();
  await db
    .updateTable('staff_queue')
    .set({ person_id: toPersonId })
    .where('person_id', '=', fromPersonId)
    .execute();
  await db
    .updateTable('outbox')
    .set({ person_id: toPersonId })
    .where('person_id', '=', fromPersonId)
    .execute();
}
