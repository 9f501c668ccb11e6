/**
 * Care links and care invitations: which caregiver is linked to which patient, what the
 * patient lets them do and see, and the invitations (keyed hashes of codes only) a patient
 * hands out, with who spent each. Rules and auditing live in src/care-circle/; this file
 * only reads and writes.
 */
import type { Db } from './database.js';

/** What a patient lets one caregiver do and see. */
export interface CareLinkPermissions {
  can_manage_medications: boolean;
  shares_adherence: boolean;
}

/** The other person of a link (a caregiver, or a patient) and the link's permissions. */
export interface CareLinkMember extends CareLinkPermissions {
  id: string;
  display_name: string | null;
  created_at: Date;
}

/** An invitation as accepting a code sees it. */
export interface CareInvitation {
  id: string;
  patient_id: string;
  /** The caregiver who spent the code; null while it is unspent. */
  used_by: string | null;
}

/** Which column holds the person a list is about, and which the people listed. */
type Side = 'patient_id' | 'caregiver_id';

/**
 * Stores a new invitation and returns its id; undefined when the hash is taken (a
 * collision: make another code), and nothing is stored then.
 */
export async function insertInvitation(
  db: Db,
  patientId: string,
  codeHash: string,
  expiresAt: Date,
): Promise<string | undefined> {
  const inserted = await db
    .insertInto('care_invitations')
    .values({ patient_id: patientId, code_hash: codeHash, expires_at: expiresAt })
    .onConflict((oc) => oc.column('code_hash').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/** Deletes every invitation that expired before `now`, whoever made it. */
export async function deleteExpiredInvitations(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('care_invitations').where('expires_at', '<=', now).execute();
  return result.reduce((total, row) => total + Number(row.numDeletedRows), 0);
}

/**
 * Deletes the patient's oldest unspent invitations so that at most `keep` remain unspent.
 * Spent ones are left to expire: they no longer let anyone in.
 */
export async function keepNewestInvitations(db: Db, patientId: string, keep: number) {
  const newest = db
    .selectFrom('care_invitations')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('used_by', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(keep);
  await db
    .deleteFrom('care_invitations')
    .where('patient_id', '=', patientId)
    .where('used_by', 'is', null)
    .where('id', 'not in', newest)
    .execute();
}

/**
 * The unexpired invitation with this hash, spent or not, locked until the transaction ends;
 * or undefined.
 */
export async function findUnexpiredInvitation(
  db: Db,
  codeHash: string,
  now: Date,
): Promise<CareInvitation | undefined> {
  return db
    .selectFrom('care_invitations')
    .select(['id', 'patient_id', 'used_by'])
    .where('code_hash', '=', codeHash)
    .where('expires_at', '>', now)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks an invitation spent by `caregiverId`; it is kept until it expires. */
export async function markInvitationUsed(
  db: Db,
  invitationId: string,
  caregiverId: string,
): Promise<void> {
  await db
    .updateTable('care_invitations')
    .set({ used_by: caregiverId })
    .where('id', '=', invitationId)
    .execute();
}

/**
 * Links a caregiver to a patient with nothing shared. Returns false when they were
 * already linked (the existing link is left as it is).
 */
export async function insertCareLink(
  db: Db,
  patientId: string,
  caregiverId: string,
): Promise<boolean> {
  const inserted = await db
    .insertInto('care_links')
    .values({ patient_id: patientId, caregiver_id: caregiverId })
    .onConflict((oc) => oc.columns(['patient_id', 'caregiver_id']).doNothing())
    .executeTakeFirst();
  return inserted.numInsertedOrUpdatedRows === 1n;
}

/** True when the caregiver is linked to the patient. */
export async function hasCareLink(
  db: Db,
  patientId: string,
  caregiverId: string,
): Promise<boolean> {
  const link = await db
    .selectFrom('care_links')
    .select('patient_id')
    .where('patient_id', '=', patientId)
    .where('caregiver_id', '=', caregiverId)
    .executeTakeFirst();
  return link !== undefined;
}

/** The link's permissions, locked until the transaction ends; undefined when not linked. */
export async function lockCareLink(
  db: Db,
  patientId: string,
  caregiverId: string,
): Promise<CareLinkPermissions | undefined> {
  return db
    .selectFrom('care_links')
    .select(['can_manage_medications', 'shares_adherence'])
    .where('patient_id', '=', patientId)
    .where('caregiver_id', '=', caregiverId)
    .forUpdate()
    .executeTakeFirst();
}

/** Applies `patch` to the link and returns its permissions now; undefined when not linked. */
export async function updateCareLink(
  db: Db,
  patientId: string,
  caregiverId: string,
  patch: Partial<CareLinkPermissions>,
): Promise<CareLinkPermissions | undefined> {
  return db
    .updateTable('care_links')
    .set(patch)
    .where('patient_id', '=', patientId)
    .where('caregiver_id', '=', caregiverId)
    .returning(['can_manage_medications', 'shares_adherence'])
    .executeTakeFirst();
}

/** Deletes the link; false when there was none. */
export async function deleteCareLink(
  db: Db,
  patientId: string,
  caregiverId: string,
): Promise<boolean> {
  const deleted = await db
    .deleteFrom('care_links')
    .where('patient_id', '=', patientId)
    .where('caregiver_id', '=', caregiverId)
    .executeTakeFirst();
  return deleted.numDeletedRows === 1n;
}

/** The patient's caregivers, oldest link first. */
export async function selectCaregiversOf(db: Db, patientId: string): Promise<CareLinkMember[]> {
  return selectMembers(db, 'patient_id', patientId);
}

/** The caregiver's patients, oldest link first. */
export async function selectPatientsOf(db: Db, caregiverId: string): Promise<CareLinkMember[]> {
  return selectMembers(db, 'caregiver_id', caregiverId);
}

/** Ids of the patient's caregivers the patient shares adherence with, oldest link first. */
export async function selectCaregiverIdsSharingAdherence(
  db: Db,
  patientId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('care_links')
    .select('caregiver_id')
    .where('patient_id', '=', patientId)
    .where('shares_adherence', '=', true)
    .orderBy('created_at')
    .orderBy('caregiver_id')
    .execute();
  return rows.map((row) => row.caregiver_id);
}

async function selectMembers(db: Db, side: Side, personId: string): Promise<CareLinkMember[]> {
  const other: Side = side === 'patient_id' ? 'caregiver_id' : 'patient_id';
  return db
    .selectFrom('care_links')
    .innerJoin('people', 'people.id', `care_links.${other}`)
    .select([
      'people.id',
      'people.display_name',
      'care_links.can_manage_medications',
      'care_links.shares_adherence',
      'care_links.created_at',
    ])
    .where(`care_links.${side}`, '=', personId)
    .orderBy('care_links.created_at')
    .orderBy('people.id')
    .execute();
}
