/**
 * Planning a medication's reminders: drop the reminder job waiting for it (its times may
 * have changed), withdraw the doses prepared ahead that the schedule no longer has (paused,
 * times changed, ended), then plan the next occurrence after now, if the medication has one
 * (an as-needed, paused or ended medication has none). Each reminder job plans the one after.
 * A deleted medication's reminders are all dropped (`cancelMedicationReminders`).
 */
import type { Db } from '../../storage/database.js';
import { listStagedDoses, withdrawHeldMessages, withdrawStagedDose } from '../../storage/doses.js';
import type { DoseRow } from '../../storage/schema.js';
import { DoseScheduleError } from '../schedule/dose-schedule-error.js';
import type { DoseSchedule } from '../schedule/dose-schedule.js';
import {
  firstOccurrenceAfter,
  loadMedicationPlan,
  scheduledOccurrence,
} from './medication-plan.js';
import { reminderKey } from './dose-reminder.js';
import type { ReminderContext } from './reminder-context.js';
import type { ReminderJobs } from './reminder-jobs.js';

/**
 * (Re)plans the medication's reminders; returns the instant of the planned reminder, or
 * undefined when none is planned. A schedule that cannot be computed is logged and skipped.
 */
export async function planMedicationReminders(
  ctx: ReminderContext,
  jobs: ReminderJobs,
  medicationId: string,
): Promise<Date | undefined> {
  const plan = await loadMedicationPlan(ctx.db, medicationId);
  await jobs.cancelMedication(medicationId, false);
  await withdrawUnscheduledDoses(ctx, medicationId, plan?.schedule);
  if (!plan) return undefined;

  try {
    const next = firstOccurrenceAfter(plan.schedule, ctx.clock());
    if (next) await jobs.planOccurrence(medicationId, next);
    return next?.dueAt;
  } catch (error) {
    if (!(error instanceof DoseScheduleError)) throw error;
    ctx.logger.warn({ medicationId, field: error.field }, 'medication schedule is invalid');
    return undefined;
  }
}

/**
 * Drops every reminder of a deleted medication: its planned jobs (snoozes too), the doses
 * prepared ahead, and reminders still held in the outbox (prepared ahead, held by quiet
 * hours, snoozed).
 */
export async function cancelMedicationReminders(
  ctx: ReminderContext,
  jobs: ReminderJobs,
  medicationId: string,
): Promise<void> {
  await jobs.cancelMedication(medicationId, true);
  await withdrawUnscheduledDoses(ctx, medicationId, undefined);
  await withdrawHeldMessages(ctx.db, reminderKey(medicationId, ''));
}

/**
 * Withdraws the medication's doses prepared ahead (open, due after now, reminder held) that
 * `schedule` no longer has; all of them without a schedule (the medication is gone).
 * Returns how many were withdrawn.
 */
export async function withdrawUnscheduledDoses(
  ctx: ReminderContext,
  medicationId: string,
  schedule: DoseSchedule | undefined,
): Promise<number> {
  const staged = await listStagedDoses(ctx.db, medicationId, ctx.clock());
  const dropped = staged.filter((dose) => !schedule || !isStillScheduled(schedule, dose));
  let withdrawn = 0;
  for (const dose of dropped) {
    const done = await ctx.db.transaction().execute((trx: Db) => withdrawStagedDose(trx, dose));
    if (done) withdrawn++;
  }
  return withdrawn;
}

function isStillScheduled(schedule: DoseSchedule, dose: DoseRow): boolean {
  try {
    return scheduledOccurrence(schedule, dose.occurrence_key, dose.due_at).scheduled;
  } catch (error) {
    if (error instanceof DoseScheduleError) return false;
    throw error;
  }
}
