/**
 * The one error the schedule functions throw: a schedule, time zone or time window that
 * cannot be computed with. It is a programming or data error, never something to show
 * the person; the message names the field and says what a valid value looks like.
 */
export class DoseScheduleError extends Error {
  override name = 'DoseScheduleError';

  /**
   * @param field the input that is wrong, e.g. 'timeZone' or 'timesOfDay[1]'
   * @param message what is wrong and how to fix it (never contains health details)
   */
  constructor(
    readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
