/**
 * The patient's control over their care circle, against PostgreSQL: permissions turned on
 * and off per caregiver (and audited by id), who may act for whom, and removing a
 * caregiver.
 */
import { describe, expect, it } from '@jest/globals';
import { useTestDatabase } from '../../test/support/use-test-database.js';
import { eraseAllPersonData } from '../people/people-service.js';
import { insertCareLink } from '../storage/care-links.js';
import type { Person } from '../storage/schema.js';
import {
  caregiversSharingAdherence,
  listCaregivers,
  listPatients,
  patientsOf,
  setPermissions,
  unlink,
} from './care-links.js';
import { createTestPerson } from './testing/care-circle-people.js';

const database = useTestDatabase();

function person(role: 'patient' | 'caregiver', name: string): Promise<Person> {
  return createTestPerson(database.db, { role, name });
}

/** A patient and caregivers linked to them, in this order, sharing nothing. */
async function circle(...caregiverNames: string[]) {
  const patient = await person('patient', 'Alex');
  const caregivers: Person[] = [];
  for (const name of caregiverNames) {
    const caregiver = await person('caregiver', name);
    await insertCareLink(database.db, patient.id, caregiver.id);
    caregivers.push(caregiver);
  }
  return { patient, caregivers };
}

async function auditOf(personId: string) {
  return database.db
    .selectFrom('audit_log')
    .select(['actor', 'action', 'details'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
}

describe('setPermissions', () => {
  it('turns each permission on and off on its own, auditing ids and flags only', async () => {
    const { patient, caregivers } = await circle('Maria');
    const maria = caregivers[0]!;

    const shared = await setPermissions(database.db, patient.id, maria.id, {
      sharesAdherence: true,
    });
    expect(shared).toEqual({ can_manage_medications: false, shares_adherence: true });
    const managed = await setPermissions(database.db, patient.id, maria.id, {
      canManageMedications: true,
    });
    expect(managed).toEqual({ can_manage_medications: true, shares_adherence: true });
    const stopped = await setPermissions(database.db, patient.id, maria.id, {
      sharesAdherence: false,
    });
    expect(stopped).toEqual({ can_manage_medications: true, shares_adherence: false });

    expect(await auditOf(patient.id)).toEqual([
      {
        actor: 'person',
        action: 'care_link.permissions_changed',
        details: { caregiverId: maria.id, canManageMedications: false, sharesAdherence: true },
      },
      {
        actor: 'person',
        action: 'care_link.permissions_changed',
        details: { caregiverId: maria.id, canManageMedications: true, sharesAdherence: true },
      },
      {
        actor: 'person',
        action: 'care_link.permissions_changed',
        details: { caregiverId: maria.id, canManageMedications: true, sharesAdherence: false },
      },
    ]);
  });

  it('records nothing when nothing changes', async () => {
    const { patient, caregivers } = await circle('Maria');
    const unchanged = await setPermissions(database.db, patient.id, caregivers[0]!.id, {
      sharesAdherence: false,
    });

    expect(unchanged).toEqual({ can_manage_medications: false, shares_adherence: false });
    expect(await auditOf(patient.id)).toEqual([]);
  });

  it('changes nothing for a caregiver who is not linked to the patient', async () => {
    const { patient } = await circle('Maria');
    const { caregivers: others } = await circle('Sam');
    const sam = others[0]!;

    const result = await setPermissions(database.db, patient.id, sam.id, {
      canManageMedications: true,
    });
    expect(result).toBeUndefined();
    expect(await patientsOf(database.db, sam.id, 'manage_medications')).toEqual([]);
    expect(await auditOf(patient.id)).toEqual([]);
  });
});

describe('who may act for whom', () => {
  it('caregiversSharingAdherence returns only the caregivers the patient shares with', async () => {
    const { patient, caregivers } = await circle('Ana', 'Ben', 'Cai');
    const [ana, ben, cai] = caregivers as [Person, Person, Person];
    await setPermissions(database.db, patient.id, ana.id, { sharesAdherence: true });
    await setPermissions(database.db, patient.id, ben.id, { canManageMedications: true });
    await setPermissions(database.db, patient.id, cai.id, { sharesAdherence: true });

    expect(await caregiversSharingAdherence(database.db, patient.id)).toEqual([ana.id, cai.id]);

    await setPermissions(database.db, patient.id, ana.id, { sharesAdherence: false });
    expect(await caregiversSharingAdherence(database.db, patient.id)).toEqual([cai.id]);
  });

  it('patientsOf lists only the patients who gave the caregiver that permission', async () => {
    const maria = await person('caregiver', 'Maria');
    const [alex, robin, kim] = [
      await person('patient', 'Alex'),
      await person('patient', 'Robin'),
      await person('patient', 'Kim'),
    ];
    for (const patient of [alex, robin, kim]) {
      await insertCareLink(database.db, patient.id, maria.id);
    }
    await setPermissions(database.db, alex.id, maria.id, { canManageMedications: true });
    await setPermissions(database.db, robin.id, maria.id, { sharesAdherence: true });

    expect(await patientsOf(database.db, maria.id, 'manage_medications')).toEqual([
      { id: alex.id, display_name: 'Alex' },
    ]);
    expect(await patientsOf(database.db, maria.id, 'see_adherence')).toEqual([
      { id: robin.id, display_name: 'Robin' },
    ]);
    expect((await listPatients(database.db, maria.id)).map((p) => p.display_name)).toEqual([
      'Alex',
      'Robin',
      'Kim',
    ]);
  });
});

describe('unlink', () => {
  it('removes the caregiver and everything they were allowed, and audits who did it', async () => {
    const { patient, caregivers } = await circle('Maria', 'Sam');
    const [maria, sam] = caregivers as [Person, Person];
    await setPermissions(database.db, patient.id, maria.id, {
      sharesAdherence: true,
      canManageMedications: true,
    });

    expect(await unlink(database.db, patient.id, maria.id)).toBe(true);
    expect(await unlink(database.db, patient.id, maria.id)).toBe(false);
    expect(await unlink(database.db, patient.id, sam.id, 'caregiver')).toBe(true);

    expect(await listCaregivers(database.db, patient.id)).toEqual([]);
    expect(await caregiversSharingAdherence(database.db, patient.id)).toEqual([]);
    expect(await patientsOf(database.db, maria.id, 'manage_medications')).toEqual([]);
    const removals = (await auditOf(patient.id)).filter(
      (row) => row.action === 'care_link.removed',
    );
    expect(removals.map((row) => row.details)).toEqual([
      { caregiverId: maria.id, by: 'patient' },
      { caregiverId: sam.id, by: 'caregiver' },
    ]);
  });
});

describe('a person who deletes their data', () => {
  it('leaves no link behind, and the people on the other side keep theirs', async () => {
    const { patient, caregivers } = await circle('Maria', 'Sam');
    const [maria, sam] = caregivers as [Person, Person];
    await setPermissions(database.db, patient.id, maria.id, { sharesAdherence: true });
    await setPermissions(database.db, patient.id, sam.id, { sharesAdherence: true });

    await eraseAllPersonData(database.db, maria.id);
    expect(await caregiversSharingAdherence(database.db, patient.id)).toEqual([sam.id]);

    await eraseAllPersonData(database.db, patient.id);
    expect(await listPatients(database.db, sam.id)).toEqual([]);
    const rows = await database.db
      .selectFrom('care_links')
      .select('caregiver_id')
      .where('patient_id', '=', patient.id)
      .execute();
    expect(rows).toEqual([]);
  });
});
