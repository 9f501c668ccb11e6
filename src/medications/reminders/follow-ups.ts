/**
 * The sweep's second step: one gentle follow-up for each open dose whose reminder has waited
 * `graceMinutes` unanswered (see `dosesNeedingFollowUp`). `followed_up_at` is set in the same
 * transaction that queues it, under the outbox key `followup:<doseId>`, so a dose is followed
 * up at most once. A paused medication or an unreachable person gets none.
 */
import { quietHoldUntil } from '../../outbox/quiet-hours.js';
import { findPreferredAddress } from '../../people/preferred-address.js';
import {
  doseRecordOf,
  followUpKey,
  listDosesAwaitingFollowUp,
  markDoseFollowedUp,
} from '../../storage/doses.js';
import type { ChannelId, DoseRow } from '../../storage/schema.js';
import { timeZoneOf } from '../medication-service.js';
import { dosesNeedingFollowUp } from '../schedule/dose-outcomes.js';
import { loadMedicationPlan } from './medication-plan.js';
import { SWEEP_BATCH } from './missed-doses.js';
import { announceQueued, queueProactive } from './proactive-message.js';
import type { ReminderContext } from './reminder-context.js';
import { doseMessage } from './reminder-messages.js';

/** Follows up every dose due one by `now`; returns how many follow-ups were queued. */
export async function sendFollowUps(ctx: ReminderContext, now: Date): Promise<number> {
  const { graceMinutes } = ctx.settings;
  let sent = 0;
  for (;;) {
    const waiting = await listDosesAwaitingFollowUp(ctx.db, now, graceMinutes, SWEEP_BATCH);
    const due = new Set(
      dosesNeedingFollowUp(waiting.map(doseRecordOf), now, { graceMinutes }).map((r) => r.key),
    );
    const doses = waiting.filter((dose) => due.has(doseRecordOf(dose).key));
    for (const dose of doses) {
      const channel = await followUp(ctx, dose, now);
      if (channel) sent++;
      announceQueued(ctx.announcer, channel ? [channel] : []);
    }
    if (waiting.length < SWEEP_BATCH || doses.length === 0) return sent;
  }
}

/** Follows up one dose; returns the channel it was queued on, if it was. */
async function followUp(
  ctx: ReminderContext,
  dose: DoseRow,
  now: Date,
): Promise<ChannelId | undefined> {
  const plan = await loadMedicationPlan(ctx.db, dose.medication_id);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await markDoseFollowedUp(trx, dose.id, now))) return undefined;
    if (!plan || plan.medication.paused_at) return undefined;
    const { person, medication } = plan;
    const address = await findPreferredAddress(trx, person.id);
    if (!address) return undefined;

    const { snoozeMinutes, quietHours } = ctx.settings;
    await queueProactive(trx, {
      personId: person.id,
      address,
      payload: doseMessage(ctx.i18n, 'followUp', { person, medication, dose }, snoozeMinutes),
      idempotencyKey: followUpKey(dose.id),
      holdUntil: quietHoldUntil(person, now, quietHours, timeZoneOf(person)),
    });
    return address.channel;
  });
}
