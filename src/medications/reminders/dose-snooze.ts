/**
 * Snooze: the reminder again after `snoozeMinutes`, as its own job. The dose row keeps the
 * snooze time; a job whose time is no longer the dose's (snoozed again since) or whose dose
 * was answered meanwhile sends nothing. The reminder again is still a reminder: quiet hours
 * hold it, and its one follow-up is counted from it.
 */
import { quietHoldUntil } from '../../outbox/quiet-hours.js';
import { findPreferredAddress } from '../../people/preferred-address.js';
import type { Db } from '../../storage/database.js';
import { findDose, lockDose, markDoseReminded, markDoseSnoozed } from '../../storage/doses.js';
import type { ChannelId } from '../../storage/schema.js';
import { timeZoneOf } from '../medication-service.js';
import { reminderKey } from './dose-reminder.js';
import { loadMedicationPlan, type MedicationPlan } from './medication-plan.js';
import { announceQueued, queueProactive } from './proactive-message.js';
import type { ReminderContext } from './reminder-context.js';
import { doseMessage } from './reminder-messages.js';

/** A dose-snooze job's data. */
export interface DoseSnoozeData {
  doseId: string;
  medicationId: string;
  /** ISO instant the reminder is due again; also tells this snooze from a later one. */
  until: string;
}

/** What a snooze run did. */
export type DoseSnoozeOutcome = 'reminded' | 'not_open' | 'snoozed_again' | 'paused' | 'gone';

const MS_PER_MINUTE = 60_000;

/** The outbox key of the reminder sent again after the snooze ending at `until`. */
export function snoozeReminderKey(medicationId: string, occurrenceKey: string, until: Date) {
  return `${reminderKey(medicationId, occurrenceKey)}:snooze:${until.getTime()}`;
}

/**
 * Records a snooze of `snoozeMinutes` from now. Returns when the reminder comes again and, when
 * a job must be planned for it, that job's data (`plan`). Nothing is to be planned when the
 * dose is not open (answered meanwhile), or is snoozed already (Snooze pressed twice: `until`
 * is then the first snooze's end).
 */
export async function snoozeOpenDose(
  ctx: ReminderContext,
  doseId: string,
): Promise<{ until: Date; plan?: DoseSnoozeData }> {
  const now = ctx.clock();
  const until = new Date(now.getTime() + ctx.settings.snoozeMinutes * MS_PER_MINUTE);
  const dose = await findDose(ctx.db, doseId);
  if (!dose || dose.status !== 'open') return { until };
  if (dose.snoozed_until && dose.snoozed_until > now) return { until: dose.snoozed_until };
  if (!(await markDoseSnoozed(ctx.db, dose.id, until))) return { until };

  const data = { doseId: dose.id, medicationId: dose.medication_id, until: until.toISOString() };
  return { until, plan: data };
}

/** Runs one snooze job: the reminder again, unless the dose moved on. */
export async function runDoseSnooze(
  ctx: ReminderContext,
  data: DoseSnoozeData,
): Promise<DoseSnoozeOutcome> {
  const plan = await loadMedicationPlan(ctx.db, data.medicationId);
  if (!plan) return 'gone';
  if (plan.medication.paused_at) return 'paused';

  const result = await ctx.db.transaction().execute((trx) => remindAgain(trx, ctx, plan, data));
  if (result.channel) announceQueued(ctx.announcer, [result.channel], result.holdUntil);
  ctx.logger.debug({ doseId: data.doseId, outcome: result.outcome }, 'snoozed dose reminder');
  return result.outcome;
}

async function remindAgain(
  trx: Db,
  ctx: ReminderContext,
  { person, medication }: MedicationPlan,
  data: DoseSnoozeData,
): Promise<{ outcome: DoseSnoozeOutcome; channel?: ChannelId; holdUntil?: Date }> {
  const until = new Date(data.until);
  const dose = await lockDose(trx, data.doseId);
  if (!dose || dose.status !== 'open') return { outcome: 'not_open' };
  if (dose.snoozed_until?.getTime() !== until.getTime()) return { outcome: 'snoozed_again' };
  const address = await findPreferredAddress(trx, person.id);
  if (!address) return { outcome: 'gone' };

  const now = ctx.clock();
  const { snoozeMinutes, quietHours } = ctx.settings;
  const holdUntil = quietHoldUntil(person, now, quietHours, timeZoneOf(person));
  await queueProactive(trx, {
    personId: person.id,
    address,
    payload: doseMessage(ctx.i18n, 'snoozed', { person, medication, dose }, snoozeMinutes),
    idempotencyKey: snoozeReminderKey(medication.id, dose.occurrence_key, until),
    holdUntil,
  });
  await markDoseReminded(trx, dose.id, holdUntil ?? now);
  return { outcome: 'reminded', channel: address.channel, holdUntil };
}
