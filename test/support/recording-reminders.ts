/**
 * A `ReminderScheduler` for dialog tests: it plans nothing and records every call, so a
 * test can check that adding, changing, pausing, resuming and deleting a medication asked
 * for the right reminders, without the reminders engine running.
 */
import type { ReminderScheduler } from '../../src/medications/reminders/reminder-scheduler.js';
import { SNOOZE_MINUTES } from '../../src/medications/reminders/reminder-settings.js';

export interface ReminderCall {
  method: keyof ReminderScheduler;
  /** The medication id, or the dose id for `snoozeDose`. */
  id: string;
  /** For `snoozeDose`: when the dose would be reminded again. */
  until?: Date;
}

export class RecordingReminders implements ReminderScheduler {
  readonly calls: ReminderCall[] = [];

  async planMedication(medicationId: string): Promise<void> {
    this.calls.push({ method: 'planMedication', id: medicationId });
  }

  async cancelMedication(medicationId: string): Promise<void> {
    this.calls.push({ method: 'cancelMedication', id: medicationId });
  }

  /** Records the call; the dose would be reminded again the engine's `SNOOZE_MINUTES` from now. */
  async snoozeDose(doseId: string): Promise<Date> {
    const until = new Date(Date.now() + SNOOZE_MINUTES * 60_000);
    this.calls.push({ method: 'snoozeDose', id: doseId, until });
    return until;
  }

  /** The methods called for one medication or dose id, in order. */
  callsFor(id: string): Array<keyof ReminderScheduler> {
    return this.calls.filter((call) => call.id === id).map((call) => call.method);
  }
}
