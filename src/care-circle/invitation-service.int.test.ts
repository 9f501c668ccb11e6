/**
 * Invitations against PostgreSQL: only patients make them and only caregivers use them; a
 * code is stored only as a hash, works once and for 24 hours, answers every bad code the
 * same way (except to the caregiver who spent it, typing it again), and is limited per
 * person trying codes.
 */
import { describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { useTestDatabase } from '../../test/support/use-test-database.js';
import { issueLinkCode } from '../linking/linking-service.js';
import { deletePersonRow } from '../storage/people.js';
import type { Person } from '../storage/schema.js';
import { listCaregivers, listPatients, unlink } from './care-links.js';
import {
  acceptInvitation,
  ACCEPT_ATTEMPT_WINDOW_MINUTES,
  createInvitation,
  INVITATION_TTL_HOURS,
  MAX_ACCEPT_ATTEMPTS,
  MAX_LIVE_INVITATIONS,
  type InvitationResult,
} from './invitation-service.js';
import { createTestPerson } from './testing/care-circle-people.js';

const HOUR_MS = 3_600_000;

const database = useTestDatabase();

function patient(name = 'Alex'): Promise<Person> {
  return createTestPerson(database.db, { role: 'patient', name });
}

function caregiver(name = 'Maria'): Promise<Person> {
  return createTestPerson(database.db, { role: 'caregiver', name });
}

/** The person's role changes to caregiver, as it may in their profile. */
async function becomeCaregiver(personId: string): Promise<void> {
  await database.db
    .updateTable('people')
    .set({ role: 'caregiver' })
    .where('id', '=', personId)
    .execute();
}

/** A new patient's invitation code. */
async function invitationOf(patientId: string, clock?: () => Date): Promise<string> {
  const result = await createInvitation(database.db, patientId, { clock });
  if (result.kind !== 'issued') throw new Error(`no invitation: ${result.kind}`);
  return result.code;
}

async function invitationRows(patientId: string) {
  return database.db
    .selectFrom('care_invitations')
    .selectAll()
    .where('patient_id', '=', patientId)
    .execute();
}

async function auditRows(personId: string) {
  return database.db
    .selectFrom('audit_log')
    .select(['action', 'details'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
}

describe('making an invitation', () => {
  it('gives a patient a code that expires in 24 hours, storing only its keyed hash', async () => {
    const alex = await patient();
    const result = (await createInvitation(database.db, alex.id)) as Extract<
      InvitationResult,
      { kind: 'issued' }
    >;

    expect(result.kind).toBe('issued');
    expect(result.code).toMatch(/^CARE-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const rows = await invitationRows(alex.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.code_hash).not.toContain(result.code.replace(/-/g, '').slice(4));
    const lifetime = rows[0]!.expires_at.getTime() - rows[0]!.created_at.getTime();
    expect(Math.round(lifetime / HOUR_MS)).toBe(INVITATION_TTL_HOURS);
    expect(result.expiresAt.getTime()).toBe(rows[0]!.expires_at.getTime());
    expect(await auditRows(alex.id)).toEqual([
      { action: 'care_invitation.created', details: { invitationId: rows[0]!.id } },
    ]);
  });

  it('keeps earlier invitations working, up to the most recent few', async () => {
    const alex = await patient();
    const codes: string[] = [];
    for (let i = 0; i < MAX_LIVE_INVITATIONS + 1; i++) codes.push(await invitationOf(alex.id));

    expect(await invitationRows(alex.id)).toHaveLength(MAX_LIVE_INVITATIONS);
    const oldest = await acceptInvitation(database.db, (await caregiver()).id, codes[0]!);
    expect(oldest).toEqual({ kind: 'invalid' });
    const second = await acceptInvitation(database.db, (await caregiver()).id, codes[1]!);
    expect(second).toMatchObject({ kind: 'joined', patientId: alex.id });
  });

  it('is only for patients', async () => {
    const maria = await caregiver();
    const nobody = await createTestPerson(database.db, { role: null });

    expect(await createInvitation(database.db, maria.id)).toEqual({ kind: 'not_patient' });
    expect(await createInvitation(database.db, nobody.id)).toEqual({ kind: 'not_patient' });
    expect(await invitationRows(maria.id)).toEqual([]);
  });
});

describe('accepting an invitation', () => {
  it('links the caregiver with nothing shared, once, and audits it by id', async () => {
    const alex = await patient();
    const maria = await caregiver();
    const code = await invitationOf(alex.id);
    const [invitation] = await invitationRows(alex.id);

    const outcome = await acceptInvitation(database.db, maria.id, code.toLowerCase());
    expect(outcome).toEqual({ kind: 'joined', patientId: alex.id, invitationId: invitation!.id });
    expect(await listCaregivers(database.db, alex.id)).toEqual([
      expect.objectContaining({
        id: maria.id,
        display_name: 'Maria',
        can_manage_medications: false,
        shares_adherence: false,
      }),
    ]);
    expect((await invitationRows(alex.id)).map((row) => row.used_by)).toEqual([maria.id]);
    const audit = await auditRows(alex.id);
    expect(audit[audit.length - 1]).toEqual({
      action: 'care_link.created',
      details: { caregiverId: maria.id, invitationId: invitation!.id },
    });
    expect(JSON.stringify(audit)).not.toContain('Maria');

    const again = await acceptInvitation(database.db, (await caregiver()).id, code);
    expect(again).toEqual({ kind: 'invalid' });
  });

  it('accepts the code without its prefix or separators', async () => {
    const alex = await patient();
    const code = await invitationOf(alex.id);
    const typed = code.slice('CARE-'.length).replace('-', ' ');

    const outcome = await acceptInvitation(database.db, (await caregiver()).id, typed);
    expect(outcome).toMatchObject({ kind: 'joined', patientId: alex.id });
  });

  it('works until it expires, then answers exactly like a wrong code', async () => {
    const alex = await patient();
    const madeAt = new Date();
    const code = await invitationOf(alex.id, () => madeAt);
    const justBefore = () => new Date(madeAt.getTime() + INVITATION_TTL_HOURS * HOUR_MS - 1000);
    const justAfter = () => new Date(madeAt.getTime() + INVITATION_TTL_HOURS * HOUR_MS + 1000);
    const maria = await caregiver();

    const expired = await acceptInvitation(database.db, maria.id, code, { clock: justAfter });
    const wrong = await acceptInvitation(database.db, maria.id, 'CARE-WRNG-2345');
    expect(expired).toEqual({ kind: 'invalid' });
    expect(wrong).toEqual(expired);

    const inTime = await acceptInvitation(database.db, maria.id, code, { clock: justBefore });
    expect(inTime).toMatchObject({ kind: 'joined', patientId: alex.id });
  });

  it('does not take a link code for an invitation', async () => {
    const alex = await patient();
    const { code } = await issueLinkCode(database.db, alex.id);

    const outcome = await acceptInvitation(database.db, (await caregiver()).id, code);
    expect(outcome).toEqual({ kind: 'invalid' });
  });

  it('leaves the code for someone else when the caregiver is already linked', async () => {
    const alex = await patient();
    const maria = await caregiver();
    await acceptInvitation(database.db, maria.id, await invitationOf(alex.id));
    const code = await invitationOf(alex.id);

    expect(await acceptInvitation(database.db, maria.id, code)).toEqual({
      kind: 'already_linked',
      patientId: alex.id,
    });
    expect(await acceptInvitation(database.db, (await caregiver('Sam')).id, code)).toMatchObject({
      kind: 'joined',
    });
    expect((await listCaregivers(database.db, alex.id)).map((c) => c.display_name)).toEqual([
      'Maria',
      'Sam',
    ]);
  });

  it('refuses people who are not caregivers before looking at the code', async () => {
    const alex = await patient();
    const code = await invitationOf(alex.id);
    const otherPatient = await patient('Robin');

    expect(await acceptInvitation(database.db, otherPatient.id, code)).toEqual({
      kind: 'not_caregiver',
    });
    expect(await listPatients(database.db, otherPatient.id)).toEqual([]);
    expect(await invitationRows(alex.id)).toHaveLength(1);
  });

  it('does not link a person to themselves', async () => {
    const alex = await patient();
    const code = await invitationOf(alex.id);
    await becomeCaregiver(alex.id);

    expect(await acceptInvitation(database.db, alex.id, code)).toEqual({
      kind: 'own_invitation',
    });
    expect(await listCaregivers(database.db, alex.id)).toEqual([]);
  });

  it('does not link to someone who is no longer a patient', async () => {
    const alex = await patient();
    const code = await invitationOf(alex.id);
    await becomeCaregiver(alex.id);

    expect(await acceptInvitation(database.db, (await caregiver()).id, code)).toEqual({
      kind: 'invalid',
    });
  });

  it('lets only one of two caregivers racing for the same code join', async () => {
    const alex = await patient();
    const code = await invitationOf(alex.id);
    const [first, second] = [await caregiver('Ana'), await caregiver('Ben')];

    const outcomes = await Promise.all([
      acceptInvitation(database.db, first.id, code),
      acceptInvitation(database.db, second.id, code),
    ]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['invalid', 'joined']);
    expect(await listCaregivers(database.db, alex.id)).toHaveLength(1);
  });
});

describe('a spent code typed again', () => {
  it('answers "joined" again to the caregiver who spent it, linking and auditing once', async () => {
    const alex = await patient();
    const maria = await caregiver();
    const code = await invitationOf(alex.id);

    const first = await acceptInvitation(database.db, maria.id, code);
    const again = await acceptInvitation(database.db, maria.id, code);
    expect(first).toMatchObject({ kind: 'joined', patientId: alex.id });
    expect(again).toEqual(first);
    expect((await listCaregivers(database.db, alex.id)).map((c) => c.id)).toEqual([maria.id]);
    const linkAudits = (await auditRows(alex.id)).filter(
      (row) => row.action === 'care_link.created',
    );
    expect(linkAudits).toHaveLength(1);
  });

  it('answers anyone else exactly like a wrong code, and links nobody', async () => {
    const alex = await patient();
    const code = await invitationOf(alex.id);
    await acceptInvitation(database.db, (await caregiver()).id, code);
    const sam = await caregiver('Sam');

    const spent = await acceptInvitation(database.db, sam.id, code);
    const wrong = await acceptInvitation(database.db, sam.id, 'CARE-WRNG-2345');
    expect(spent).toEqual({ kind: 'invalid' });
    expect(spent).toEqual(wrong);
    expect(await listPatients(database.db, sam.id)).toEqual([]);
  });

  it('no longer works for the caregiver once the patient removed them', async () => {
    const alex = await patient();
    const maria = await caregiver();
    const code = await invitationOf(alex.id);
    await acceptInvitation(database.db, maria.id, code);
    await unlink(database.db, alex.id, maria.id);

    expect(await acceptInvitation(database.db, maria.id, code)).toEqual({ kind: 'invalid' });
    expect(await listCaregivers(database.db, alex.id)).toEqual([]);
  });

  it("does not push out the patient's older unspent invitations", async () => {
    const alex = await patient();
    const codes: string[] = [];
    for (let i = 0; i < MAX_LIVE_INVITATIONS; i++) codes.push(await invitationOf(alex.id));
    const maria = await caregiver();
    await acceptInvitation(database.db, maria.id, codes[MAX_LIVE_INVITATIONS - 1]!);
    await invitationOf(alex.id);

    const oldest = await acceptInvitation(database.db, (await caregiver('Sam')).id, codes[0]!);
    expect(oldest).toMatchObject({ kind: 'joined', patientId: alex.id });
    const again = await acceptInvitation(database.db, maria.id, codes[MAX_LIVE_INVITATIONS - 1]!);
    expect(again).toMatchObject({ kind: 'joined', patientId: alex.id });
  });
});

describe(`the limit of ${MAX_ACCEPT_ATTEMPTS} tries`, () => {
  it('refuses even a valid code once a person has used their tries, until the window ends', async () => {
    const alex = await patient();
    const code = await invitationOf(alex.id);
    const maria = await caregiver();
    for (let attempt = 0; attempt < MAX_ACCEPT_ATTEMPTS; attempt++) {
      const outcome = await acceptInvitation(database.db, maria.id, `CARE-WRNG-234${attempt}`);
      expect(outcome).toEqual({ kind: 'invalid' });
    }

    const limited = await acceptInvitation(database.db, maria.id, code);
    expect(limited).toEqual({
      kind: 'rate_limited',
      retryAfterMinutes: ACCEPT_ATTEMPT_WINDOW_MINUTES,
    });
    expect(await listCaregivers(database.db, alex.id)).toEqual([]);
    // Someone else is not held back by Maria's tries.
    const sam = await caregiver('Sam');
    expect(await acceptInvitation(database.db, sam.id, 'CARE-WRNG-2349')).toEqual({
      kind: 'invalid',
    });

    // The window ends (moved back rather than waited for).
    // rate_limits belongs to rate-limiter-flexible, so Kysely's schema does not list it.
    await sql`update rate_limits set expire = ${Date.now() - 1000} where key like ${`%${maria.id}`}`.execute(
      database.db,
    );
    expect(await acceptInvitation(database.db, maria.id, code)).toMatchObject({ kind: 'joined' });
  });
});

describe('deleting a person', () => {
  it('deletes their invitations and every link they had, on either side', async () => {
    const alex = await patient();
    const maria = await caregiver();
    await acceptInvitation(database.db, maria.id, await invitationOf(alex.id));
    const robin = await patient('Robin');
    await acceptInvitation(database.db, maria.id, await invitationOf(robin.id));
    await invitationOf(alex.id);

    await deletePersonRow(database.db, alex.id);
    expect(await invitationRows(alex.id)).toEqual([]);
    expect((await listPatients(database.db, maria.id)).map((p) => p.id)).toEqual([robin.id]);

    await deletePersonRow(database.db, maria.id);
    expect(await listCaregivers(database.db, robin.id)).toEqual([]);
    // The code Maria spent goes with her rather than coming back to life.
    expect(await invitationRows(robin.id)).toEqual([]);
  });
});
