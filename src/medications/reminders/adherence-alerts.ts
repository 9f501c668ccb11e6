/**
 * Missed-dose alerts: when a patient's missed doses cross the threshold (default 2 in 3
 * days, see `crossesMissedThreshold`), each caregiver the patient shares adherence with is
 * told in their own language, naming the patient but never a medicine; when none can be
 * told, staff get an escalation instead. Each crossing is recorded (`adherence_alerts`) and
 * only doses due after it count toward the next, so one run of missed doses alerts once.
 */
import { sql } from 'kysely';
import { caregiversSharingAdherence } from '../../care-circle/care-links.js';
import { escalateToStaff } from '../../escalations/escalation-service.js';
import { quietHoldUntil } from '../../outbox/quiet-hours.js';
import { findPreferredAddress, type PreferredAddress } from '../../people/preferred-address.js';
import { writeAudit } from '../../storage/audit.js';
import type { Db } from '../../storage/database.js';
import { doseRecordOf, listMissedDosesAfter } from '../../storage/doses.js';
import { findUnclosedEscalation } from '../../storage/escalations.js';
import { findPerson } from '../../storage/people.js';
import type { ChannelId, DoseRow, Person } from '../../storage/schema.js';
import { timeZoneOf } from '../medication-service.js';
import { crossesMissedThreshold, missedDosesInWindow } from '../schedule/dose-outcomes.js';
import { lastAlertThrough, recordAlert } from './adherence-alert-records.js';
import { queueProactive } from './proactive-message.js';
import type { ReminderContext } from './reminder-context.js';
import { caregiverAlertMessage } from './reminder-messages.js';

const MS_PER_DAY = 86_400_000;

/** A crossing of the threshold: the dose that reached the count and the count shown. */
interface Crossing {
  patient: Person;
  dose: DoseRow;
  missedInWindow: number;
}

/**
 * Alerts the care circle (or staff) if the patient's missed doses crossed the threshold and
 * this crossing was not alerted yet. Call in the transaction that marked doses missed.
 * @returns the channels messages were queued on, to wake after commit
 */
export async function alertIfThresholdCrossed(
  trx: Db,
  ctx: ReminderContext,
  patientId: string,
  now: Date,
): Promise<ChannelId[]> {
  // One sweep at a time per patient decides about a crossing.
  await sql`select pg_advisory_xact_lock(hashtext(${`adherence:${patientId}`}))`.execute(trx);
  const crossing = await findCrossing(trx, ctx, patientId, now);
  if (!crossing) return [];

  return notifyCircle(trx, ctx, crossing, now);
}

async function findCrossing(
  trx: Db,
  ctx: ReminderContext,
  patientId: string,
  now: Date,
): Promise<Crossing | undefined> {
  const { count, days } = ctx.settings.missedThreshold;
  const since = await lastAlertThrough(trx, patientId);
  const rows = await listMissedDosesAfter(
    trx,
    patientId,
    new Date(now.getTime() - days * MS_PER_DAY),
  );
  const records = rows.map(doseRecordOf);
  if (!crossesMissedThreshold(records, now, { count, days, since })) return undefined;
  const patient = await findPerson(trx, patientId);
  if (!patient) return undefined;

  const counted = missedDosesInWindow(records, now, { days, since });
  const last = counted[counted.length - 1]!;
  const dose = rows.find((row) => doseRecordOf(row).key === last.key)!;
  return { patient, dose, missedInWindow: missedDosesInWindow(records, now, { days }).length };
}

async function notifyCircle(
  trx: Db,
  ctx: ReminderContext,
  crossing: Crossing,
  now: Date,
): Promise<ChannelId[]> {
  const { patient, dose } = crossing;
  const caregivers = await reachableCaregivers(trx, patient.id);
  const notified = caregivers.length > 0 ? 'caregivers' : 'staff';
  const recorded = await recordAlert(trx, {
    patientId: patient.id,
    crossingDoseId: dose.id,
    throughDueAt: dose.due_at,
    missedCount: crossing.missedInWindow,
    notified,
  });
  if (!recorded) return [];
  await writeAudit(trx, {
    actor: 'careline',
    action: 'adherence.alerted',
    personId: patient.id,
    details: { crossingDoseId: dose.id, caregivers: caregivers.length },
  });
  if (notified === 'staff') {
    await escalateOnce(trx, patient.id);
    return [];
  }

  for (const { caregiver, address } of caregivers) {
    await queueProactive(trx, {
      personId: caregiver.id,
      address,
      payload: caregiverAlertMessage(ctx.i18n, caregiver, patient, {
        count: crossing.missedInWindow,
        days: ctx.settings.missedThreshold.days,
      }),
      idempotencyKey: `adherence-alert:${patient.id}:${caregiver.id}:${dose.id}`,
      holdUntil: quietHoldUntil(caregiver, now, ctx.settings.quietHours, timeZoneOf(caregiver)),
    });
  }
  return caregivers.map(({ address }) => address.channel);
}

/** Caregivers sharing the patient's adherence whom CareLine can reach. */
async function reachableCaregivers(
  trx: Db,
  patientId: string,
): Promise<Array<{ caregiver: Person; address: PreferredAddress }>> {
  const reachable: Array<{ caregiver: Person; address: PreferredAddress }> = [];
  for (const caregiverId of await caregiversSharingAdherence(trx, patientId)) {
    const caregiver = await findPerson(trx, caregiverId);
    const address = caregiver && (await findPreferredAddress(trx, caregiverId));
    if (caregiver && address) reachable.push({ caregiver, address });
  }
  return reachable;
}

/** Staff already looking at the patient's missed doses get no second item. */
async function escalateOnce(trx: Db, patientId: string): Promise<void> {
  if (await findUnclosedEscalation(trx, patientId, 'missed_doses')) return;

  await escalateToStaff(trx, patientId, null, 'missed_doses');
}
