/**
 * Who may act on whose medications: a person always on their own; a caregiver on a
 * patient's only when that patient allowed it in their care link (manage medications, or
 * see adherence). Checked again at every change, so a permission taken back between two
 * messages is honoured at once.
 */
import { patientsOf, type CarePermission } from '../care-circle/care-links.js';
import type { Db } from '../storage/database.js';

export type { CarePermission };

/** A person whose medications someone may act on. */
export interface CareSubject {
  id: string;
  /** Their display name, for "Sam's medications"; null when they have none. */
  displayName: string | null;
  /** True when the person acting is this person. */
  self: boolean;
}

/** True when `actorId` may act with `permission` on the medications of `patientId`. */
export async function mayActFor(
  db: Db,
  actorId: string,
  patientId: string,
  permission: CarePermission,
): Promise<boolean> {
  if (actorId === patientId) return true;

  const patients = await patientsOf(db, actorId, permission);
  return patients.some((patient) => patient.id === patientId);
}

/** The patients `actorId` may act for with `permission` (not the actor themself). */
export async function patientsActorMayActFor(
  db: Db,
  actorId: string,
  permission: CarePermission,
): Promise<CareSubject[]> {
  const patients = await patientsOf(db, actorId, permission);
  return patients
    .filter((patient) => patient.id !== actorId)
    .map((patient) => ({ id: patient.id, displayName: patient.display_name, self: false }));
}
