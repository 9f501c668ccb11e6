import { describe, expect, it } from '@jest/globals';
import { summarizeAdherence } from './adherence-summary.js';
import type { DoseRecord, DoseStatus } from './dose-outcomes.js';
import { DoseScheduleError } from './dose-schedule-error.js';
import { resolveLocalTime } from './local-time.js';

const ZONE = 'Europe/Madrid';
// 12:00 in Madrid on Wednesday 2027-06-30.
const NOW = new Date('2027-06-30T10:00:00Z');

function dose(medicationId: string, date: string, time: string, status: DoseStatus): DoseRecord {
  return {
    key: `${medicationId}:${date}T${time}`,
    medicationId,
    dueAt: resolveLocalTime(date, time, ZONE),
    status,
  };
}

/** One dose a day at `time` with the given statuses, ending on `lastDate`. */
function daily(medicationId: string, lastDate: string, time: string, statuses: DoseStatus[]) {
  const last = Date.parse(`${lastDate}T00:00Z`);
  return statuses.map((status, index) => {
    const daysBefore = statuses.length - 1 - index;
    const date = new Date(last - daysBefore * 86_400_000).toISOString().slice(0, 10);
    return dose(medicationId, date, time, status);
  });
}

describe('summarizeAdherence', () => {
  it('counts taken, skipped and missed over 7 and 30 local days, per medication and overall', () => {
    const doses = [
      // 06-21 … 06-30: 10 days, the last 7 being 06-24 … 06-30.
      ...daily('med-a', '2027-06-30', '09:00', [
        'missed',
        'missed',
        'missed',
        'taken',
        'taken',
        'skipped',
        'taken',
        'missed',
        'taken',
        'taken',
      ]),
      ...daily('med-b', '2027-06-30', '11:00', ['taken', 'taken', 'taken']),
      dose('med-a', '2027-05-31', '09:00', 'missed'), // 30 days before today: outside
      dose('med-a', '2027-06-01', '09:00', 'skipped'), // first day of the 30
    ];
    const summary = summarizeAdherence(doses, NOW, ZONE);

    expect(summary.last7Days).toMatchObject({
      days: 7,
      fromDate: '2027-06-24',
      toDate: '2027-06-30',
    });
    expect(summary.last7Days.byMedication['med-a']).toEqual({
      taken: 5,
      skipped: 1,
      missed: 1,
      rate: 5 / 7,
    });
    expect(summary.last7Days.byMedication['med-b']).toEqual({
      taken: 3,
      skipped: 0,
      missed: 0,
      rate: 1,
    });
    expect(summary.last7Days.overall).toEqual({ taken: 8, skipped: 1, missed: 1, rate: 8 / 10 });

    expect(summary.last30Days.fromDate).toBe('2027-06-01');
    expect(summary.last30Days.byMedication['med-a']).toEqual({
      taken: 5,
      skipped: 2,
      missed: 4,
      rate: 5 / 11,
    });
    expect(summary.last30Days.overall).toEqual({ taken: 8, skipped: 2, missed: 4, rate: 8 / 14 });
  });

  it('groups doses by local date, not UTC date', () => {
    // 00:30 in Madrid on 06-24 is 22:30 UTC on 06-23: inside the 7 days.
    const justInside = dose('med-a', '2027-06-24', '00:30', 'taken');
    // 23:30 in Madrid on 06-23 is 21:30 UTC the same day: outside.
    const justOutside = dose('med-a', '2027-06-23', '23:30', 'missed');
    const summary = summarizeAdherence([justInside, justOutside], NOW, ZONE);
    expect(summary.last7Days.overall).toEqual({ taken: 1, skipped: 0, missed: 0, rate: 1 });
    expect(summary.last30Days.overall.missed).toBe(1);
  });

  it('leaves open doses out and the rate undefined when nothing was resolved', () => {
    const summary = summarizeAdherence([dose('med-a', '2027-06-30', '09:00', 'open')], NOW, ZONE);
    expect(summary.last7Days.overall).toEqual({ taken: 0, skipped: 0, missed: 0 });
    expect(summary.last7Days.overall.rate).toBeUndefined();
    expect(summary.last7Days.byMedication).toEqual({});
    expect(summary.currentStreakDays).toBe(0);
  });

  it('refuses an unknown zone', () => {
    expect(() => summarizeAdherence([], NOW, 'Mars/Olympus')).toThrow(DoseScheduleError);
  });
});

describe('currentStreakDays', () => {
  const streakOf = (doses: DoseRecord[]) => summarizeAdherence(doses, NOW, ZONE).currentStreakDays;

  it('counts the days in a row, up to today, with every dose taken', () => {
    const doses = [
      ...daily('med-a', '2027-06-30', '09:00', ['taken', 'missed', 'taken', 'taken', 'taken']),
      ...daily('med-b', '2027-06-30', '21:00', ['taken', 'taken', 'taken', 'taken', 'open']),
    ];
    // 06-28 and 06-29 count, and today too (one dose taken, one not yet due); 06-27 had a miss.
    expect(streakOf(doses)).toBe(3);
  });

  it('ends at a skipped dose as at a missed one, even on a day with a taken dose', () => {
    const doses = [
      ...daily('med-a', '2027-06-30', '09:00', ['taken', 'taken', 'taken']),
      ...daily('med-b', '2027-06-29', '21:00', ['skipped']),
    ];
    expect(streakOf(doses)).toBe(1);
  });

  it('does not count or break on days with no dose due or doses still open', () => {
    const doses = [
      dose('med-a', '2027-06-20', '09:00', 'missed'),
      dose('med-a', '2027-06-21', '09:00', 'taken'),
      dose('med-a', '2027-06-22', '09:00', 'taken'),
      // 06-23 … 06-29: off-days of a cycle, no dose.
      dose('med-a', '2027-06-30', '09:00', 'open'),
    ];
    expect(streakOf(doses)).toBe(2);
  });

  it('ignores doses due after today', () => {
    const doses = [
      dose('med-a', '2027-06-30', '09:00', 'taken'),
      dose('med-a', '2027-07-01', '09:00', 'missed'),
    ];
    expect(streakOf(doses)).toBe(1);
  });
});
