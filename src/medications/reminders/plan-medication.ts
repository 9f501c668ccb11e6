/**
 * Planning a medication's reminders: drop the reminder job waiting for it (its times may
 * have changed), then plan the next occurrence after now, if the medication has one (an
 * as-needed, paused or ended medication has none). Each reminder job plans the one after.
 */
import { DoseScheduleError } from '../schedule/dose-schedule-error.js';
import { firstOccurrenceAfter, loadMedicationPlan } from './medication-plan.js';
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
