/**
 * The sweep against PostgreSQL with a fake clock: one follow-up per unanswered reminder,
 * missed doses, and the alert when they cross the threshold: to each caregiver the patient
 * shares adherence with, once per crossing, or to staff when there is none.
 */
import { describe, expect, it } from '@jest/globals';
import { resolveDose } from '../../storage/doses.js';
import { sweepDoses } from './doses-sweep.js';
import {
  createMedication,
  createPerson,
  dosesOf,
  jobsOf,
  linkCaregiver,
  outboxOf,
  useReminderTestKit,
} from './testing/reminder-test-kit.js';

const { clock, database: testDb, kit } = useReminderTestKit('2027-09-01T00:00:00Z');

async function sweepAt(iso: string) {
  clock.now = new Date(iso);
  return sweepDoses(kit.ctx, { planMedication: kit.plan, touch: async () => undefined }, clock.now);
}

/** A patient taking a medication at 08:00 and 20:00 UTC from 1 September 2027. */
async function twiceDailyPatient(fields: { display_name?: string } = {}) {
  const patient = await createPerson(testDb.db, fields);
  const medication = await createMedication(testDb.db, patient.id, {
    times_of_day: ['08:00', '20:00'],
    start_date: '2027-09-01',
  });
  clock.now = new Date('2027-09-01T07:00:00Z');
  await kit.plan(medication.id);
  return { patient, medication };
}

/** Runs the medication's next reminder at its due time. */
async function remindNext(medicationId: string) {
  const [job] = await jobsOf(testDb.db, medicationId);
  clock.now = new Date(job!.data.dueAt!);
  return kit.runNextReminder(medicationId);
}

describe('follow-ups', () => {
  it('follows up an unanswered reminder once, after the grace period', async () => {
    const { patient, medication } = await twiceDailyPatient();
    await remindNext(medication.id);

    await sweepAt('2027-09-01T08:59:00Z');
    expect(await outboxOf(testDb.db, patient.id)).toHaveLength(1);
    await sweepAt('2027-09-01T09:00:00Z');
    await sweepAt('2027-09-01T09:30:00Z');

    const [dose] = await dosesOf(testDb.db, medication.id);
    const outbox = await outboxOf(testDb.db, patient.id);
    expect(outbox.map((row) => row.idempotency_key)).toEqual([
      `reminder:${medication.id}:2027-09-01T08:00`,
      `followup:${dose!.id}`,
    ]);
    expect(outbox[1]!.payload.text).toBe(
      'Just checking in: did you take your 8:00 AM medicine? Tap below whenever you can.',
    );
    expect(dose?.followed_up_at).toEqual(new Date('2027-09-01T09:00:00Z'));
  });

  it('does not follow up an answered dose', async () => {
    const { patient, medication } = await twiceDailyPatient();
    await remindNext(medication.id);
    const [dose] = await dosesOf(testDb.db, medication.id);
    expect(await resolveDose(testDb.db, dose!.id, patient.id, 'taken')).toBe(true);

    await sweepAt('2027-09-01T10:00:00Z');

    expect(await outboxOf(testDb.db, patient.id)).toHaveLength(1);
  });
});

describe('missed doses and alerts', () => {
  it('alerts each caregiver sharing adherence once per crossing, in their language', async () => {
    const { patient, medication } = await twiceDailyPatient({ display_name: 'Sam' });
    const caregiver = await createPerson(testDb.db, { locale: 'es' });
    const notSharing = await createPerson(testDb.db);
    await linkCaregiver(testDb.db, patient.id, caregiver.id);
    await linkCaregiver(testDb.db, patient.id, notSharing.id, false);
    await remindNext(medication.id);
    await remindNext(medication.id);

    // 08:00 is missed once the 20:00 dose is due; 20:00 four hours later.
    await sweepAt('2027-09-02T00:30:00Z');
    await sweepAt('2027-09-02T00:31:00Z');

    const doses = await dosesOf(testDb.db, medication.id);
    expect(doses.map((dose) => dose.status)).toEqual(['missed', 'missed']);
    const alerts = await outboxOf(testDb.db, caregiver.id);
    expect(alerts.map((row) => row.idempotency_key)).toEqual([
      `adherence-alert:${patient.id}:${caregiver.id}:${doses[1]!.id}`,
    ]);
    expect(alerts[0]!.payload.text).toBe(
      'Sam no ha confirmado 2 dosis en los últimos 3 días. Quizás quieras saber cómo está.',
    );
    expect(await outboxOf(testDb.db, notSharing.id)).toEqual([]);

    // One more missed dose is not a new crossing; two more are.
    await remindNext(medication.id);
    await sweepAt('2027-09-02T12:30:00Z');
    expect(await outboxOf(testDb.db, caregiver.id)).toHaveLength(1);
    await remindNext(medication.id);
    await sweepAt('2027-09-03T00:30:00Z');
    expect(await outboxOf(testDb.db, caregiver.id)).toHaveLength(2);
  });

  it('puts the patient in the staff queue when no caregiver may be told', async () => {
    const { patient, medication } = await twiceDailyPatient();
    const caregiver = await createPerson(testDb.db);
    await linkCaregiver(testDb.db, patient.id, caregiver.id, false);
    await remindNext(medication.id);
    await remindNext(medication.id);

    await sweepAt('2027-09-02T00:30:00Z');
    await sweepAt('2027-09-02T00:40:00Z');

    const escalations = await testDb.db
      .selectFrom('escalations')
      .select(['reason', 'status'])
      .where('person_id', '=', patient.id)
      .execute();
    expect(escalations).toEqual([{ reason: 'missed_doses', status: 'open' }]);
    expect(await outboxOf(testDb.db, caregiver.id)).toEqual([]);
    const alert = await testDb.db
      .selectFrom('adherence_alerts')
      .select(['notified', 'missed_count'])
      .where('patient_id', '=', patient.id)
      .execute();
    expect(alert).toEqual([{ notified: 'staff', missed_count: 2 }]);
  });
});

describe('re-planning', () => {
  it('plans reminders for an active medication that has none planned', async () => {
    const patient = await createPerson(testDb.db);
    const medication = await createMedication(testDb.db, patient.id, { start_date: '2027-09-01' });

    expect((await sweepAt('2027-09-05T09:00:00Z')).replanned).toBeGreaterThanOrEqual(1);

    const jobs = await jobsOf(testDb.db, medication.id);
    expect(jobs.map((job) => job.data.occurrenceKey)).toEqual(['2027-09-06T08:00']);
  });
});
