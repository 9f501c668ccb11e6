/**
 * The dose-reminder job: one run per dose occurrence, `prepareMinutesAhead` before the dose is
 * due. In one transaction it records the dose (insert on conflict do nothing, then lock the
 * row) and, only while the dose is open and not yet reminded, queues the reminder held until
 * it may go out (the due time, or the end of quiet hours when later) and marks it reminded at
 * that time. Prepared ahead, a burst of doses due in one minute is released on time however
 * long preparing them takes. The outbox key is the occurrence too, so a crash mid-send, a
 * re-run job or two workers still queue at most one reminder. Before that it plans the
 * following occurrence, so the chain of reminders survives a failed or late run.
 *
 * A held reminder is withdrawn when the dose is answered early (`resolveDose`) or the
 * occurrence leaves the schedule (see `plan-medication.ts`).
 */
import { findPreferredAddress, type PreferredAddress } from '../../people/preferred-address.js';
import { quietHoldUntil, type QuietWindow } from '../../outbox/quiet-hours.js';
import type { Db } from '../../storage/database.js';
import type { MedicationRow } from '../../storage/schema.js';
import { claimDoseOccurrence, doseReminderKey, markDoseReminded } from '../../storage/doses.js';
import { timeZoneOf } from '../medication-service.js';
import type { DoseOccurrence } from '../schedule/dose-schedule.js';
import {
  loadMedicationPlan,
  scheduledOccurrence,
  type MedicationPlan,
  type ReminderRecipient,
} from './medication-plan.js';
import { announceQueued, queueProactive } from './proactive-message.js';
import type { ReminderContext } from './reminder-context.js';
import { doseMessage } from './reminder-messages.js';

/** A dose-reminder job's data: which occurrence of which medication. */
export interface DoseReminderData {
  medicationId: string;
  /** 'yyyy-mm-ddTHH:mm' in the person's zone. */
  occurrenceKey: string;
  /** ISO instant the dose is due. */
  dueAt: string;
}

/**
 * What a run did: reminded; found it reminded (or answered) already; recorded it without a
 * reminder because it is too late or nobody is reachable; or nothing, because the medication
 * is gone or no longer has this occurrence (changed, paused, ended).
 */
export type DoseReminderOutcome =
  | 'reminded'
  | 'already_reminded'
  | 'too_late'
  | 'unreachable'
  | 'not_scheduled'
  | 'medication_gone';

/** Plans the reminder of a later occurrence (an Agenda job; the bench's bare loop, a row). */
export type PlanOccurrence = (medicationId: string, occurrence: DoseOccurrence) => Promise<void>;

const MS_PER_HOUR = 3_600_000;

/** The outbox key of an occurrence's reminder: at most one is ever queued. */
export function reminderKey(medicationId: string, occurrenceKey: string): string {
  return doseReminderKey(medicationId, occurrenceKey);
}

/**
 * When a reminder prepared at `now` for a dose due at `dueAt` may go out: undefined for at
 * once (due already and outside quiet hours), else the due time or, when quiet hours hold
 * it then, their end.
 */
export function reminderHoldUntil(
  person: ReminderRecipient,
  dueAt: Date,
  now: Date,
  quietHours: QuietWindow,
): Date | undefined {
  const sendAt = dueAt > now ? dueAt : now;
  const quietEnd = quietHoldUntil(person, sendAt, quietHours, timeZoneOf(person));
  if (quietEnd) return quietEnd;

  return sendAt > now ? sendAt : undefined;
}

/**
 * Runs one dose reminder.
 * @throws DoseScheduleError when the stored schedule cannot be computed with
 */
export async function runDoseReminder(
  ctx: ReminderContext,
  data: DoseReminderData,
  planOccurrence: PlanOccurrence,
): Promise<DoseReminderOutcome> {
  const dueAt = new Date(data.dueAt);
  const plan = await loadMedicationPlan(ctx.db, data.medicationId);
  if (!plan) return 'medication_gone';
  const { scheduled, next } = scheduledOccurrence(plan.schedule, data.occurrenceKey, dueAt);
  if (!scheduled) return 'not_scheduled';

  if (next) await planOccurrence(data.medicationId, next);
  const now = ctx.clock();
  const tooLate = isTooLate(dueAt, next, now, ctx.settings.missAfterHours);
  // Read outside the transaction: it only needs to hold the dose and outbox writes.
  const address = tooLate ? undefined : await findPreferredAddress(ctx.db, plan.person.id);
  const request = { plan, data, dueAt, now, tooLate, address };
  const result = await ctx.db.transaction().execute((trx) => remindOnce(trx, ctx, request));
  if (result.outcome === 'reminded') {
    announceQueued(ctx.announcer, [address!.channel], result.holdUntil);
  }
  logOutcome(ctx, data.medicationId, result);
  return result.outcome;
}

function logOutcome(
  ctx: ReminderContext,
  medicationId: string,
  { outcome, doseId }: { outcome: DoseReminderOutcome; doseId: string },
): void {
  const fields = { medicationId, doseId, outcome };
  if (outcome === 'unreachable') ctx.logger.warn(fields, 'nobody reachable for a reminder');
  else ctx.logger.debug(fields, 'dose reminder');
}

/**
 * A reminder is pointless once the dose is missed anyway: the next dose is due, or
 * `missAfterHours` have passed (after an outage). The dose is still recorded, and missed.
 */
function isTooLate(
  dueAt: Date,
  next: DoseOccurrence | undefined,
  now: Date,
  missAfterHours: number,
): boolean {
  if (next && next.dueAt <= now) return true;

  return now.getTime() - dueAt.getTime() >= missAfterHours * MS_PER_HOUR;
}

interface RemindRequest {
  plan: MedicationPlan;
  data: DoseReminderData;
  dueAt: Date;
  now: Date;
  tooLate: boolean;
  address: PreferredAddress | undefined;
}

async function remindOnce(
  trx: Db,
  ctx: ReminderContext,
  request: RemindRequest,
): Promise<{ outcome: DoseReminderOutcome; doseId: string; holdUntil?: Date }> {
  const { plan, data, now, address } = request;
  const { person, medication } = plan;
  const { snoozeMinutes, quietHours } = ctx.settings;
  // Changed since it was read (paused, new times): planning again withdraws what was
  // prepared, so prepare nothing that could slip past it.
  if (!(await lockUnchanged(trx, medication))) return { outcome: 'not_scheduled', doseId: '' };
  const holdUntil = reminderHoldUntil(person, request.dueAt, now, quietHours);
  // The time the reminder reaches the person: follow-ups and the missed rule count from it.
  const remindedAt = address && !request.tooLate ? (holdUntil ?? now) : undefined;
  const { dose, created } = await claimDoseOccurrence(trx, {
    medicationId: medication.id,
    personId: person.id,
    occurrenceKey: data.occurrenceKey,
    dueAt: request.dueAt,
    remindedAt,
  });
  const doseId = dose.id;
  if (!created && (dose.status !== 'open' || dose.reminded_at)) {
    return { outcome: 'already_reminded', doseId };
  }
  if (request.tooLate) return { outcome: 'too_late', doseId };
  if (!address || !remindedAt) return { outcome: 'unreachable', doseId };

  await queueProactive(trx, {
    personId: person.id,
    address,
    payload: doseMessage(ctx.i18n, 'dose', { person, medication, dose }, snoozeMinutes),
    idempotencyKey: reminderKey(medication.id, data.occurrenceKey),
    holdUntil,
  });
  if (!created) await markDoseReminded(trx, doseId, remindedAt);
  return { outcome: 'reminded', doseId, holdUntil };
}

/**
 * True when the medication row is as `medication` read it; it is then share-locked, so a
 * change waits for this transaction and the planning after it sees what it prepared.
 */
async function lockUnchanged(trx: Db, medication: MedicationRow): Promise<boolean> {
  const row = await trx
    .selectFrom('medications')
    .select('updated_at')
    .where('id', '=', medication.id)
    .forShare()
    .executeTakeFirst();
  return row?.updated_at.getTime() === medication.updated_at.getTime();
}
