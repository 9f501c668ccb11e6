/**
 * The answer to “how am I doing”: doses taken, skipped and missed over the last 7 and 30
 * days, per medication and overall, and the current streak of days with every dose taken.
 * Days are the person's local calendar days; open doses are still undecided and never
 * counted.
 */
import type { DoseRecord } from './dose-outcomes.js';
import { addDays, assertTimeZone, localDateOf } from './local-time.js';

/** Resolved doses in one window; `rate` is taken / (taken + skipped + missed). */
export interface AdherenceCounts {
  taken: number;
  skipped: number;
  missed: number;
  /** From 0 to 1; undefined when no dose was resolved. */
  rate?: number;
}

/** Counts over the local dates `fromDate` … `toDate` (both inclusive). */
export interface AdherenceWindow {
  days: number;
  fromDate: string;
  toDate: string;
  overall: AdherenceCounts;
  /** By medication id; only medications with a resolved dose in the window appear. */
  byMedication: Record<string, AdherenceCounts>;
}

export interface AdherenceSummary {
  last7Days: AdherenceWindow;
  last30Days: AdherenceWindow;
  /**
   * Local days in a row, up to today, on which every resolved dose was taken. A day counts
   * when it has at least one taken dose and none skipped or missed; a skipped or missed
   * dose ends the streak; days with no dose due (off-days of a cycle, weekly medications,
   * pauses) and doses still open neither count nor end it. Counted from the doses given,
   * so pass as much history as the longest streak worth showing.
   */
  currentStreakDays: number;
}

/**
 * Summarizes `doses` (any medications) as of `now` in the person's `timeZone`. A dose
 * belongs to the local date it was due; the 7-day window is today and the 6 days before.
 * @throws DoseScheduleError when `timeZone` is not an IANA zone
 */
export function summarizeAdherence(
  doses: readonly DoseRecord[],
  now: Date,
  timeZone: string,
): AdherenceSummary {
  assertTimeZone(timeZone);
  const today = localDateOf(now, timeZone);
  const datedDoses = doses.map((dose) => ({ dose, date: localDateOf(dose.dueAt, timeZone) }));
  return {
    last7Days: summarizeWindow(datedDoses, today, 7),
    last30Days: summarizeWindow(datedDoses, today, 30),
    currentStreakDays: countStreakDays(datedDoses, today),
  };
}

interface DatedDose {
  dose: DoseRecord;
  date: string;
}

function summarizeWindow(datedDoses: DatedDose[], today: string, days: number): AdherenceWindow {
  const fromDate = addDays(today, -(days - 1));
  const overall = emptyCounts();
  const byMedication: Record<string, AdherenceCounts> = {};
  for (const { dose, date } of datedDoses) {
    if (date < fromDate || date > today || dose.status === 'open') continue;
    const medicationCounts = (byMedication[dose.medicationId] ??= emptyCounts());
    overall[dose.status] += 1;
    medicationCounts[dose.status] += 1;
  }
  for (const counts of [overall, ...Object.values(byMedication)]) addRate(counts);
  return { days, fromDate, toDate: today, overall, byMedication };
}

function countStreakDays(datedDoses: DatedDose[], today: string): number {
  const days = new Map<string, { taken: boolean; broken: boolean }>();
  for (const { dose, date } of datedDoses) {
    if (date > today) continue;
    const day = days.get(date) ?? { taken: false, broken: false };
    day.taken ||= dose.status === 'taken';
    day.broken ||= dose.status === 'skipped' || dose.status === 'missed';
    days.set(date, day);
  }
  let streak = 0;
  const newestFirst = [...days.entries()].sort(([a], [b]) => b.localeCompare(a));
  for (const [, day] of newestFirst) {
    if (day.broken) break;
    if (day.taken) streak += 1;
  }
  return streak;
}

function emptyCounts(): AdherenceCounts {
  return { taken: 0, skipped: 0, missed: 0 };
}

function addRate(counts: AdherenceCounts): void {
  const resolved = counts.taken + counts.skipped + counts.missed;
  if (resolved > 0) counts.rate = counts.taken / resolved;
}
