/**
 * How far ahead of the due time bench/reminders prepares each reminder, in minutes:
 * BENCH_PREPARE_MINUTES, default 3 (fractions allowed). CareLine's default is 10 minutes; the
 * bench uses less so a round does not wait ten minutes, yet enough for both systems to
 * prepare the whole burst, also after a worker is killed (its locks expire after 30 s).
 * The bench and its worker processes read the same variable, so Agenda and the bare loop
 * prepare with the same lead.
 */

/** Minutes a reminder is prepared before it is due, in this bench run. */
export const PREPARE_MINUTES_AHEAD = Number(process.env.BENCH_PREPARE_MINUTES ?? 3);

/** The same lead in milliseconds. */
export const PREPARE_MS = PREPARE_MINUTES_AHEAD * 60_000;
