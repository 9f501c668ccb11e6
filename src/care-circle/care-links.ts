/**
 * A patient's care circle: the caregivers linked to them and what each may do. A new link
 * shares nothing; the patient turns on, per caregiver, managing their medications and
 * receiving adherence alerts, turns them off again, and removes caregivers. Every change
 * is audited with ids and flags only. Other features ask here who may act for whom.
 */
import { writeAudit } from '../storage/audit.js';
import {
  deleteCareLink,
  lockCareLink,
  selectCaregiverIdsSharingAdherence,
  selectCaregiversOf,
  selectPatientsOf,
  updateCareLink,
  type CareLinkMember,
  type CareLinkPermissions,
} from '../storage/care-links.js';
import type { Db } from '../storage/database.js';

export type { CareLinkMember, CareLinkPermissions };

/** Something a patient may let a caregiver do. */
export type CarePermission = 'manage_medications' | 'see_adherence';

/** A change to a caregiver's permissions; a field left out stays as it is. */
export interface PermissionChange {
  canManageMedications?: boolean;
  sharesAdherence?: boolean;
}

/** Who removed a link: the patient, or the caregiver leaving. */
export type UnlinkedBy = 'patient' | 'caregiver';

const PERMISSION_COLUMNS = {
  manage_medications: 'can_manage_medications',
  see_adherence: 'shares_adherence',
} as const satisfies Record<CarePermission, keyof CareLinkPermissions>;

/** Patients this caregiver may act for with `permission`, oldest link first. */
export async function patientsOf(
  db: Db,
  caregiverId: string,
  permission: CarePermission,
): Promise<Array<{ id: string; display_name: string | null }>> {
  const column = PERMISSION_COLUMNS[permission];
  const patients = await selectPatientsOf(db, caregiverId);
  return patients
    .filter((patient) => patient[column])
    .map(({ id, display_name }) => ({ id, display_name }));
}

/** Caregivers of the patient who may receive adherence alerts (ids, oldest link first). */
export async function caregiversSharingAdherence(db: Db, patientId: string): Promise<string[]> {
  return selectCaregiverIdsSharingAdherence(db, patientId);
}

/** The patient's caregivers with their names and permissions, oldest link first. */
export async function listCaregivers(db: Db, patientId: string): Promise<CareLinkMember[]> {
  return selectCaregiversOf(db, patientId);
}

/** The caregiver's patients with their names and permissions, oldest link first. */
export async function listPatients(db: Db, caregiverId: string): Promise<CareLinkMember[]> {
  return selectPatientsOf(db, caregiverId);
}

/**
 * Changes what a caregiver may do, as the patient decided. Returns the permissions now, or
 * undefined when the two are not linked. Audited only when something changed.
 */
export async function setPermissions(
  db: Db,
  patientId: string,
  caregiverId: string,
  change: PermissionChange,
): Promise<CareLinkPermissions | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await lockCareLink(trx, patientId, caregiverId);
    if (!before) return undefined;

    const after: CareLinkPermissions = {
      can_manage_medications: change.canManageMedications ?? before.can_manage_medications,
      shares_adherence: change.sharesAdherence ?? before.shares_adherence,
    };
    if (samePermissions(before, after)) return before;

    await updateCareLink(trx, patientId, caregiverId, after);
    await writeAudit(trx, {
      actor: 'person',
      action: 'care_link.permissions_changed',
      personId: patientId,
      details: {
        caregiverId,
        canManageMedications: after.can_manage_medications,
        sharesAdherence: after.shares_adherence,
      },
    });
    return after;
  });
}

/** Removes a caregiver from the patient's circle; false when they were not linked. */
export async function unlink(
  db: Db,
  patientId: string,
  caregiverId: string,
  by: UnlinkedBy = 'patient',
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await deleteCareLink(trx, patientId, caregiverId))) return false;

    await writeAudit(trx, {
      actor: 'person',
      action: 'care_link.removed',
      personId: patientId,
      details: { caregiverId, by },
    });
    return true;
  });
}

function samePermissions(a: CareLinkPermissions, b: CareLinkPermissions): boolean {
  return (
    a.can_manage_medications === b.can_manage_medications &&
    a.shares_adherence === b.shares_adherence
  );
}
