/**
 * What becomes of each dose: every dose starts open and ends taken, skipped or missed.
 * These pure decisions tell the reminder job which open dose a late “took it” belongs to,
 * which doses get their one gentle follow-up, which are now missed, and when missed doses
 * are enough to alert the care circle. The caller stores the results.
 */

/** Where a dose stands; only 'open' can still change. */
export type DoseStatus = 'open' | 'taken' | 'skipped' | 'missed';

/** One dose of one medication as stored. */
export interface DoseRecord {
  /** Idempotency key of the dose occurrence, see `doseKey`. */
  key: string;
  medicationId: string;
  dueAt: Date;
  status: DoseStatus;
  /** When its reminder was sent, if it was. */
  remindedAt?: Date;
  /** When its follow-up was sent, if it was. */
  followedUpAt?: Date;
}

/** How old an open dose can be and still take a late “took it”, in hours. */
export const LATE_REPLY_MAX_AGE_HOURS = 24;

/** How early a “took it” can come before the dose is due, in minutes. */
export const EARLY_REPLY_MINUTES = 60;

/** How long after a reminder a dose waits for a reply before the follow-up, in minutes. */
export const FOLLOW_UP_GRACE_MINUTES = 60;

/** How long a dose stays open at most before it is missed, in hours. */
export const MISS_AFTER_HOURS = 4;

/** Missed doses that alert the care circle: `count` within the last `days` days. */
export const MISSED_ALERT_COUNT = 2;
export const MISSED_ALERT_DAYS = 3;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/**
 * The open doses a reply such as “took it” refers to: those sharing the latest due time
 * within the last `maxAgeHours` (default 24) or the next `earlyMinutes` (default 60, for
 * “took it” just before the reminder). Several doses due at the same time, e.g. two
 * medications at 09:00, are all returned, sorted by key; empty when nothing is open.
 * Filter `doses` first when the person named a medication.
 */
export function dosesToMatchLateReply(
  doses: readonly DoseRecord[],
  now: Date,
  options: { maxAgeHours?: number; earlyMinutes?: number } = {},
): DoseRecord[] {
  const { maxAgeHours = LATE_REPLY_MAX_AGE_HOURS, earlyMinutes = EARLY_REPLY_MINUTES } = options;
  const earliest = now.getTime() - maxAgeHours * MS_PER_HOUR;
  const latest = now.getTime() + earlyMinutes * MS_PER_MINUTE;
  const candidates = doses.filter(
    (dose) =>
      dose.status === 'open' && dose.dueAt.getTime() >= earliest && dose.dueAt.getTime() <= latest,
  );
  const mostRecent = candidates.reduce(
    (latest, dose) => Math.max(latest, dose.dueAt.getTime()),
    -Infinity,
  );
  return candidates
    .filter((dose) => dose.dueAt.getTime() === mostRecent)
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The one open dose a late reply is matched to: the most recent, as in
 * `dosesToMatchLateReply` (the first by key when several share a due time).
 */
export function doseToMatchLateReply(
  doses: readonly DoseRecord[],
  now: Date,
  options: { maxAgeHours?: number; earlyMinutes?: number } = {},
): DoseRecord | undefined {
  return dosesToMatchLateReply(doses, now, options)[0];
}

/**
 * Open doses whose reminder went unanswered for `graceMinutes` (default 60), counted
 * from the later of the due time and the reminder, that have not had their follow-up.
 * Each dose gets at most one. Run `dosesToMarkMissed` first so no follow-up is sent for a
 * dose that is already missed.
 */
export function dosesNeedingFollowUp(
  doses: readonly DoseRecord[],
  now: Date,
  options: { graceMinutes?: number } = {},
): DoseRecord[] {
  const graceMs = (options.graceMinutes ?? FOLLOW_UP_GRACE_MINUTES) * MS_PER_MINUTE;
  return doses.filter((dose) => {
    if (dose.status !== 'open' || !dose.remindedAt || dose.followedUpAt) return false;

    const waitingSince = Math.max(dose.dueAt.getTime(), dose.remindedAt.getTime());
    return waitingSince + graceMs <= now.getTime();
  });
}

/**
 * Open doses that are now missed. A dose is missed once `missAfterHours` (default 4) have
 * passed since it was due, or once the next dose of the same medication in `doses` is
 * due, whichever comes first; so at most one dose per medication is open at a time and a
 * late reply goes to the newest one.
 */
export function dosesToMarkMissed(
  doses: readonly DoseRecord[],
  now: Date,
  options: { missAfterHours?: number } = {},
): DoseRecord[] {
  const missAfterMs = (options.missAfterHours ?? MISS_AFTER_HOURS) * MS_PER_HOUR;
  return doses.filter((dose) => {
    if (dose.status !== 'open') return false;

    const missAt = Math.min(dose.dueAt.getTime() + missAfterMs, nextDueTime(doses, dose));
    return missAt <= now.getTime();
  });
}

/** The due time of the next dose of the same medication, or Infinity when there is none. */
function nextDueTime(doses: readonly DoseRecord[], dose: DoseRecord): number {
  return doses
    .filter((other) => other.medicationId === dose.medicationId && other.dueAt > dose.dueAt)
    .reduce((earliest, other) => Math.min(earliest, other.dueAt.getTime()), Infinity);
}

/** Which missed doses count toward an alert; see `crossesMissedThreshold`. */
export interface MissedThreshold {
  /** Missed doses needed (default 2). */
  count?: number;
  /** Length of the window ending now, in days (default 3). */
  days?: number;
  /** When the last alert was sent: only doses due after it count, so one run alerts once. */
  since?: Date;
}

/**
 * Missed doses due within the last `days` days (and after `since`), oldest first, across
 * all medications given.
 */
export function missedDosesInWindow(
  doses: readonly DoseRecord[],
  now: Date,
  threshold: MissedThreshold = {},
): DoseRecord[] {
  const { days = MISSED_ALERT_DAYS, since } = threshold;
  const windowStart = Math.max(now.getTime() - days * MS_PER_DAY, since?.getTime() ?? -Infinity);
  return doses
    .filter(
      (dose) =>
        dose.status === 'missed' &&
        dose.dueAt.getTime() > windowStart &&
        dose.dueAt.getTime() <= now.getTime(),
    )
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * True when at least `count` (default 2) doses were missed within the last `days`
 * (default 3) days, counting only doses due after `since` when given. Pass the time of
 * the last missed-dose alert as `since` so the care circle is alerted once per run of
 * missed doses, not again with every further one.
 */
export function crossesMissedThreshold(
  doses: readonly DoseRecord[],
  now: Date,
  threshold: MissedThreshold = {},
): boolean {
  const count = threshold.count ?? MISSED_ALERT_COUNT;
  return missedDosesInWindow(doses, now, threshold).length >= count;
}
