import { describe, expect, it } from '@jest/globals';
import {
  type DoseRecord,
  type DoseStatus,
  crossesMissedThreshold,
  doseToMatchLateReply,
  dosesNeedingFollowUp,
  dosesToMarkMissed,
  dosesToMatchLateReply,
  missedDosesInWindow,
} from './dose-outcomes.js';

const at = (isoInstant: string) => new Date(isoInstant);
const minutesAfter = (instant: Date, minutes: number) =>
  new Date(instant.getTime() + minutes * 60_000);

function dose(
  medicationId: string,
  dueAt: string,
  status: DoseStatus = 'open',
  extra: Partial<DoseRecord> = {},
): DoseRecord {
  return { key: `${medicationId}:${dueAt}`, medicationId, dueAt: at(dueAt), status, ...extra };
}

const keys = (doses: DoseRecord[]) => doses.map((d) => d.key);

describe('doseToMatchLateReply', () => {
  const morning = dose('med-a', '2027-06-01T08:00Z');
  const noon = dose('med-a', '2027-06-01T12:00Z');

  it('matches a reply hours later to the most recent open dose', () => {
    expect(doseToMatchLateReply([morning, noon], at('2027-06-01T15:30Z'))).toBe(noon);
  });

  it('matches a reply before the next dose is near to the earlier open dose', () => {
    expect(doseToMatchLateReply([morning, noon], at('2027-06-01T10:30Z'))).toBe(morning);
  });

  it('matches a reply up to 60 minutes before a dose to that dose', () => {
    expect(doseToMatchLateReply([noon], at('2027-06-01T11:00Z'))).toBe(noon);
    expect(doseToMatchLateReply([noon], at('2027-06-01T10:59Z'))).toBeUndefined();
  });

  it('passes over doses already taken, skipped or missed', () => {
    const doses = [morning, dose('med-a', '2027-06-01T12:00Z', 'taken')];
    expect(doseToMatchLateReply(doses, at('2027-06-01T13:00Z'))).toBe(morning);
    const resolved = ['taken', 'skipped', 'missed'] as const;
    const none = resolved.map((status) => dose('med-a', '2027-06-01T08:00Z', status));
    expect(doseToMatchLateReply(none, at('2027-06-01T09:00Z'))).toBeUndefined();
  });

  it('ignores doses older than 24 hours unless told otherwise', () => {
    const now = at('2027-06-02T08:01Z');
    expect(doseToMatchLateReply([morning], now)).toBeUndefined();
    expect(doseToMatchLateReply([morning], now, { maxAgeHours: 48 })).toBe(morning);
  });

  it('returns every medication due at that same time, in key order', () => {
    const other = dose('med-b', '2027-06-01T12:00Z');
    const matched = dosesToMatchLateReply([other, morning, noon], at('2027-06-01T12:30Z'));
    expect(keys(matched)).toEqual(['med-a:2027-06-01T12:00Z', 'med-b:2027-06-01T12:00Z']);
    expect(doseToMatchLateReply([other, noon], at('2027-06-01T12:30Z'))).toBe(noon);
  });
});

describe('dosesNeedingFollowUp', () => {
  const due = at('2027-06-01T08:00Z');
  const reminded = dose('med-a', '2027-06-01T08:00Z', 'open', { remindedAt: due });

  it('follows up a reminded open dose once 60 minutes pass without a reply', () => {
    expect(dosesNeedingFollowUp([reminded], minutesAfter(due, 59))).toEqual([]);
    expect(dosesNeedingFollowUp([reminded], minutesAfter(due, 60))).toEqual([reminded]);
  });

  it('follows up only once, only reminded doses, only open ones', () => {
    const now = minutesAfter(due, 120);
    const followedUp = { ...reminded, followedUpAt: minutesAfter(due, 60) };
    const notReminded = dose('med-b', '2027-06-01T08:00Z');
    const taken = { ...reminded, key: 'taken', status: 'taken' as const };
    expect(dosesNeedingFollowUp([followedUp, notReminded, taken], now)).toEqual([]);
  });

  it('counts the grace from a late reminder, and takes another grace', () => {
    const late = { ...reminded, remindedAt: minutesAfter(due, 30) };
    expect(dosesNeedingFollowUp([late], minutesAfter(due, 89))).toEqual([]);
    expect(dosesNeedingFollowUp([late], minutesAfter(due, 90))).toEqual([late]);
    expect(dosesNeedingFollowUp([reminded], minutesAfter(due, 15), { graceMinutes: 15 })).toEqual([
      reminded,
    ]);
  });
});

describe('dosesToMarkMissed', () => {
  const once = dose('med-a', '2027-06-01T08:00Z');

  it('misses an open dose 4 hours after it was due', () => {
    expect(dosesToMarkMissed([once], at('2027-06-01T11:59Z'))).toEqual([]);
    expect(dosesToMarkMissed([once], at('2027-06-01T12:00Z'))).toEqual([once]);
    expect(dosesToMarkMissed([once], at('2027-06-01T10:00Z'), { missAfterHours: 2 })).toEqual([
      once,
    ]);
  });

  it('misses an open dose sooner when the next dose of the same medication is due', () => {
    const next = dose('med-a', '2027-06-01T10:00Z');
    const otherMedication = dose('med-b', '2027-06-01T09:00Z');
    const doses = [once, next, otherMedication];
    expect(keys(dosesToMarkMissed(doses, at('2027-06-01T09:59Z')))).toEqual([]);
    expect(keys(dosesToMarkMissed(doses, at('2027-06-01T10:00Z')))).toEqual([once.key]);
  });

  it('never changes a dose that was taken or skipped', () => {
    const resolved = [
      dose('med-a', '2027-06-01T08:00Z', 'taken'),
      dose('med-b', '2027-06-01T08:00Z', 'skipped'),
    ];
    expect(dosesToMarkMissed(resolved, at('2027-06-02T08:00Z'))).toEqual([]);
  });
});

describe('crossesMissedThreshold', () => {
  const now = at('2027-06-10T12:00Z');

  it('crosses with 2 missed doses within 3 days, across medications', () => {
    const doses = [
      dose('med-a', '2027-06-08T08:00Z', 'missed'),
      dose('med-b', '2027-06-10T08:00Z', 'missed'),
    ];
    expect(crossesMissedThreshold(doses, now)).toBe(true);
  });

  it('does not cross with one missed dose, or with one older than 3 days', () => {
    const recent = dose('med-a', '2027-06-10T08:00Z', 'missed');
    const old = dose('med-a', '2027-06-07T11:59Z', 'missed');
    const taken = dose('med-a', '2027-06-09T08:00Z', 'taken');
    expect(crossesMissedThreshold([recent, old, taken], now)).toBe(false);
    expect(keys(missedDosesInWindow([recent, old], now, { days: 4 }))).toEqual([
      old.key,
      recent.key,
    ]);
  });

  it('counts only doses missed after the last alert', () => {
    const doses = [
      dose('med-a', '2027-06-08T08:00Z', 'missed'),
      dose('med-a', '2027-06-09T08:00Z', 'missed'),
      dose('med-a', '2027-06-10T08:00Z', 'missed'),
    ];
    const since = at('2027-06-09T09:00Z');
    expect(crossesMissedThreshold(doses, now, { since })).toBe(false);
    expect(crossesMissedThreshold(doses, now, { since: at('2027-06-08T09:00Z') })).toBe(true);
  });

  it('uses the count and days it is given', () => {
    const doses = [
      dose('med-a', '2027-06-03T08:00Z', 'missed'),
      dose('med-a', '2027-06-10T08:00Z', 'missed'),
    ];
    expect(crossesMissedThreshold(doses, now, { count: 2, days: 7 })).toBe(false);
    expect(crossesMissedThreshold(doses, now, { count: 2, days: 8 })).toBe(true);
    expect(crossesMissedThreshold(doses, now, { count: 3, days: 8 })).toBe(false);
  });
});
