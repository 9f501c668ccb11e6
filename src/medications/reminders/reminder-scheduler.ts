/**
 * What the rest of CareLine asks of the reminders engine: (re)plan a medication's
 * reminders after a change, drop them when it is deleted, and remind again after a snooze.
 */

/** Plans and re-plans dose reminders; implemented by `createReminderScheduler`. */
export interface ReminderScheduler {
  /**
   * (Re)plans reminders of a medication after it was added, changed, paused or resumed;
   * reminders prepared ahead for occurrences it no longer has are withdrawn.
   */
  planMedication(medicationId: string): Promise<void>;
  /**
   * Drops future reminders of a medication (deleted), also those already prepared and held
   * in the outbox.
   */
  cancelMedication(medicationId: string): Promise<void>;
  /**
   * Reminds again about this dose after the snooze interval; returns when. Pressed again
   * while snoozed, the first snooze stands; a dose no longer open is not reminded again.
   */
  snoozeDose(doseId: string): Promise<Date>;
}
