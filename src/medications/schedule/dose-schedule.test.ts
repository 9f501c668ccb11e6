import { describe, expect, it } from '@jest/globals';
import {
  type DoseOccurrence,
  type DoseSchedule,
  dailyTimes,
  doseKey,
  nextOccurrence,
  occurrencesBetween,
} from './dose-schedule.js';
import { DoseScheduleError } from './dose-schedule-error.js';

function schedule(overrides: Partial<DoseSchedule> = {}): DoseSchedule {
  return {
    timeZone: 'America/New_York',
    timesOfDay: ['09:00'],
    startDate: '2027-01-01',
    asNeeded: false,
    ...overrides,
  };
}

const at = (isoInstant: string) => new Date(isoInstant);
const instants = (occurrences: DoseOccurrence[]) => occurrences.map((o) => o.dueAt.toISOString());
const keys = (occurrences: DoseOccurrence[]) => occurrences.map((o) => o.key);
const dates = (occurrences: DoseOccurrence[]) => [...new Set(occurrences.map((o) => o.localDate))];

describe('occurrencesBetween across daylight-saving changes', () => {
  it('keeps a New York 09:00 dose at 09:00 local through spring-forward', () => {
    const found = occurrencesBetween(schedule(), at('2027-03-13T00:00Z'), at('2027-03-16T00:00Z'));
    expect(instants(found)).toEqual([
      '2027-03-13T14:00:00.000Z',
      '2027-03-14T13:00:00.000Z',
      '2027-03-15T13:00:00.000Z',
    ]);
    expect(found.map((o) => o.localTime)).toEqual(['09:00', '09:00', '09:00']);
  });

  it('fires a New York 02:30 dose once at 03:00 on spring-forward day, keyed 02:30', () => {
    const found = occurrencesBetween(
      schedule({ timesOfDay: ['02:30'] }),
      at('2027-03-13T00:00Z'),
      at('2027-03-16T00:00Z'),
    );
    expect(instants(found)).toEqual([
      '2027-03-13T07:30:00.000Z',
      '2027-03-14T07:00:00.000Z',
      '2027-03-15T06:30:00.000Z',
    ]);
    expect(keys(found)).toEqual(['2027-03-13T02:30', '2027-03-14T02:30', '2027-03-15T02:30']);
  });

  it('fires a New York 01:30 dose once, at the first 01:30, on fall-back day', () => {
    const found = occurrencesBetween(
      schedule({ timesOfDay: ['01:30'] }),
      at('2027-11-06T00:00Z'),
      at('2027-11-09T00:00Z'),
    );
    expect(instants(found)).toEqual([
      '2027-11-06T05:30:00.000Z',
      '2027-11-07T05:30:00.000Z',
      '2027-11-08T06:30:00.000Z',
    ]);
  });

  it('handles Madrid spring-forward and fall-back days the same way', () => {
    const madrid = schedule({ timeZone: 'Europe/Madrid', timesOfDay: ['02:30', '09:00'] });
    const spring = occurrencesBetween(madrid, at('2027-03-28T00:00Z'), at('2027-03-29T00:00Z'));
    expect(instants(spring)).toEqual(['2027-03-28T01:00:00.000Z', '2027-03-28T07:00:00.000Z']);

    const autumn = occurrencesBetween(madrid, at('2027-10-30T22:00Z'), at('2027-10-31T22:00Z'));
    expect(instants(autumn)).toEqual(['2027-10-31T00:30:00.000Z', '2027-10-31T08:00:00.000Z']);
  });

  it('keeps Kolkata doses exactly 12 hours apart all year, having no daylight saving', () => {
    const kolkata = schedule({ timeZone: 'Asia/Kolkata', timesOfDay: ['21:00', '09:00'] });
    const found = occurrencesBetween(kolkata, at('2027-03-10T00:00Z'), at('2027-03-31T00:00Z'));
    expect(found).toHaveLength(42);
    expect(found[0]?.dueAt.toISOString()).toBe('2027-03-10T03:30:00.000Z');
    found.slice(1).forEach((occurrence, index) => {
      const previous = found[index]!;
      expect(occurrence.dueAt.getTime() - previous.dueAt.getTime()).toBe(12 * 3_600_000);
    });
  });
});

describe('occurrencesBetween on the calendar', () => {
  it('gives doses on the first 14 of every 21 days of a cycle, over two cycles', () => {
    const cycle = schedule({ startDate: '2027-01-04', cycle: { daysOn: 14, daysOff: 7 } });
    const found = occurrencesBetween(cycle, at('2027-01-01T00:00Z'), at('2027-02-20T00:00Z'));
    const onDates = dates(found);
    // Two whole cycles (2 × 14 on-days) and the first 5 days of the third.
    expect(onDates).toHaveLength(33);
    expect(onDates[0]).toBe('2027-01-04');
    expect(onDates[13]).toBe('2027-01-17');
    expect(onDates[14]).toBe('2027-01-25');
    expect(onDates[27]).toBe('2027-02-07');
    expect(onDates.filter((date) => date >= '2027-01-18' && date <= '2027-01-24')).toEqual([]);
    expect(onDates.filter((date) => date >= '2027-02-08' && date <= '2027-02-14')).toEqual([]);
    expect(onDates[28]).toBe('2027-02-15');
  });

  it('includes both the start and the end date', () => {
    const course = schedule({
      timesOfDay: ['08:00', '20:00'],
      startDate: '2027-05-10',
      endDate: '2027-05-12',
    });
    const found = occurrencesBetween(course, at('2027-05-01T00:00Z'), at('2027-06-01T00:00Z'));
    expect(keys(found)).toEqual([
      '2027-05-10T08:00',
      '2027-05-10T20:00',
      '2027-05-11T08:00',
      '2027-05-11T20:00',
      '2027-05-12T08:00',
      '2027-05-12T20:00',
    ]);
  });

  it('gives doses only on the named weekdays', () => {
    const mondayAndThursday = schedule({ daysOfWeek: [1, 4], startDate: '2027-06-01' });
    const found = occurrencesBetween(
      mondayAndThursday,
      at('2027-06-06T00:00Z'),
      at('2027-06-20T00:00Z'),
    );
    expect(dates(found)).toEqual(['2027-06-07', '2027-06-10', '2027-06-14', '2027-06-17']);
  });

  it('counts the window from its start (inclusive) to its end (exclusive)', () => {
    const found = occurrencesBetween(
      schedule(),
      at('2027-06-01T13:00Z'), // exactly 09:00 EDT
      at('2027-06-03T13:00Z'),
    );
    expect(keys(found)).toEqual(['2027-06-01T09:00', '2027-06-02T09:00']);
  });

  it('gives nothing for an as-needed medication', () => {
    const asNeeded = schedule({ asNeeded: true, timesOfDay: [] });
    expect(occurrencesBetween(asNeeded, at('2027-01-01T00:00Z'), at('2027-12-31T00:00Z'))).toEqual(
      [],
    );
    expect(nextOccurrence(asNeeded, at('2027-01-01T00:00Z'))).toBeUndefined();
  });
});

describe('everyHours schedules', () => {
  it('repeats every 8 hours from the first named time, on local times', () => {
    expect(dailyTimes(schedule({ everyHours: 8, timesOfDay: ['06:00'] }))).toEqual([
      '06:00',
      '14:00',
      '22:00',
    ]);
  });

  it('anchors at 08:00 when no time was named and wraps past midnight into the same day', () => {
    expect(dailyTimes(schedule({ everyHours: 8, timesOfDay: [] }))).toEqual([
      '00:00',
      '08:00',
      '16:00',
    ]);
    expect(dailyTimes(schedule({ everyHours: 6, timesOfDay: [] }))).toEqual([
      '02:00',
      '08:00',
      '14:00',
      '20:00',
    ]);
    expect(dailyTimes(schedule({ everyHours: 24, timesOfDay: [] }))).toEqual(['08:00']);
  });

  it('stays on the same local times across spring-forward', () => {
    const everyEight = schedule({ everyHours: 8, timesOfDay: ['06:00'] });
    const found = occurrencesBetween(everyEight, at('2027-03-13T05:00Z'), at('2027-03-15T05:00Z'));
    expect(keys(found)).toEqual([
      '2027-03-13T06:00',
      '2027-03-13T14:00',
      '2027-03-13T22:00',
      '2027-03-14T06:00',
      '2027-03-14T14:00',
      '2027-03-14T22:00',
    ]);
    expect(found[3]?.dueAt.toISOString()).toBe('2027-03-14T10:00:00.000Z');
  });

  it('gives every-other-day doses from the start date for 48 hours', () => {
    const everyOtherDay = schedule({
      everyHours: 48,
      timesOfDay: ['10:00'],
      startDate: '2027-06-01',
    });
    const found = occurrencesBetween(
      everyOtherDay,
      at('2027-06-01T00:00Z'),
      at('2027-06-08T00:00Z'),
    );
    expect(dates(found)).toEqual(['2027-06-01', '2027-06-03', '2027-06-05', '2027-06-07']);
  });
});

describe('pause and resume', () => {
  const pausedSchedule = (to?: Date) =>
    schedule({ startDate: '2027-04-01', pauses: [{ from: at('2027-04-10T12:00Z'), to }] });

  it('yields nothing while paused and resumes after', () => {
    const found = occurrencesBetween(
      pausedSchedule(at('2027-04-13T12:00Z')),
      at('2027-04-09T00:00Z'),
      at('2027-04-15T00:00Z'),
    );
    expect(dates(found)).toEqual(['2027-04-09', '2027-04-13', '2027-04-14']);
  });

  it('yields nothing after a pause that has not been resumed', () => {
    const paused = pausedSchedule();
    const found = occurrencesBetween(paused, at('2027-04-09T00:00Z'), at('2027-05-01T00:00Z'));
    expect(dates(found)).toEqual(['2027-04-09']);
    expect(nextOccurrence(paused, at('2027-04-10T00:00Z'))).toBeUndefined();
  });

  it('keeps counting cycle days through a pause', () => {
    const cycle = schedule({
      startDate: '2027-01-04',
      cycle: { daysOn: 14, daysOff: 7 },
      pauses: [{ from: at('2027-01-10T00:00Z'), to: at('2027-01-12T00:00Z') }],
    });
    const found = occurrencesBetween(cycle, at('2027-01-01T00:00Z'), at('2027-01-26T00:00Z'));
    expect(dates(found)).not.toContain('2027-01-10');
    expect(dates(found)).toContain('2027-01-17');
    expect(dates(found)).not.toContain('2027-01-18');
    expect(dates(found)).toContain('2027-01-25');
  });
});

describe('keys', () => {
  it('are the same whichever windows the occurrences were computed from', () => {
    const twice = schedule({ timesOfDay: ['01:30', '02:30', '21:00'], startDate: '2027-03-01' });
    const whole = occurrencesBetween(twice, at('2027-03-10T00:00Z'), at('2027-03-20T00:00Z'));
    const cuts = [
      '2027-03-10T00:00Z',
      '2027-03-14T07:00Z',
      '2027-03-15T01:00Z',
      '2027-03-20T00:00Z',
    ];
    const pieces = cuts
      .slice(1)
      .flatMap((cut, index) => occurrencesBetween(twice, at(cuts[index]!), at(cut)));
    expect(keys(pieces)).toEqual(keys(whole));
    expect(instants(pieces)).toEqual(instants(whole));
    expect(new Set(keys(whole)).size).toBe(whole.length);
  });

  it('prefix the medication id for the reminder idempotency key', () => {
    const [first] = occurrencesBetween(
      schedule(),
      at('2027-03-14T00:00Z'),
      at('2027-03-15T00:00Z'),
    );
    expect(doseKey('med-42', first!)).toBe('med-42:2027-03-14T09:00');
  });
});

describe('nextOccurrence', () => {
  it('finds the next dose strictly after the instant', () => {
    const twice = schedule({ timesOfDay: ['08:00', '20:00'] });
    expect(nextOccurrence(twice, at('2027-06-01T12:00Z'))?.key).toBe('2027-06-01T20:00');
    expect(nextOccurrence(twice, at('2027-06-02T00:00Z'))?.key).toBe('2027-06-02T08:00');
  });

  it('starts at the start date and stops after the end date', () => {
    const course = schedule({ startDate: '2027-09-01', endDate: '2027-09-03' });
    expect(nextOccurrence(course, at('2027-01-01T00:00Z'))?.key).toBe('2027-09-01T09:00');
    expect(nextOccurrence(course, at('2027-09-03T13:00Z'))).toBeUndefined();
  });

  it('skips over the off-days of a cycle and the days of a weekly medication', () => {
    const cycle = schedule({ startDate: '2027-01-04', cycle: { daysOn: 14, daysOff: 7 } });
    expect(nextOccurrence(cycle, at('2027-01-18T00:00Z'))?.key).toBe('2027-01-25T09:00');
    const sundays = schedule({ daysOfWeek: [7] });
    expect(nextOccurrence(sundays, at('2027-06-07T00:00Z'))?.key).toBe('2027-06-13T09:00');
  });

  it('finds the first dose after a resumed pause', () => {
    const paused = schedule({
      pauses: [{ from: at('2027-06-01T00:00Z'), to: at('2027-08-15T00:00Z') }],
    });
    expect(nextOccurrence(paused, at('2027-06-01T00:00Z'))?.key).toBe('2027-08-15T09:00');
  });
});

describe('invalid schedules', () => {
  const window = [at('2027-01-01T00:00Z'), at('2027-01-02T00:00Z')] as const;

  it.each<[string, Partial<DoseSchedule>, string]>([
    ['an unknown zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a time without a leading zero', { timesOfDay: ['9:00'] }, 'timesOfDay[0]'],
    ['24:00', { timesOfDay: ['08:00', '24:00'] }, 'timesOfDay[1]'],
    ['no times and no interval', { timesOfDay: [] }, 'timesOfDay'],
    ['a zero interval', { everyHours: 0 }, 'everyHours'],
    ['an interval of 36 hours', { everyHours: 36 }, 'everyHours'],
    ['an empty list of weekdays', { daysOfWeek: [] }, 'daysOfWeek'],
    ['weekday 8', { daysOfWeek: [8] }, 'daysOfWeek'],
    ['a cycle without on-days', { cycle: { daysOn: 0, daysOff: 7 } }, 'cycle.daysOn'],
    ['negative off-days', { cycle: { daysOn: 14, daysOff: -1 } }, 'cycle.daysOff'],
    ['an impossible start date', { startDate: '2027-02-30' }, 'startDate'],
    ['an end before the start', { endDate: '2026-12-31' }, 'endDate'],
    [
      'a pause that ends before it starts',
      { pauses: [{ from: at('2027-01-02T00:00Z'), to: at('2027-01-01T00:00Z') }] },
      'pauses[0].to',
    ],
  ])('refuses %s, naming the field', (_label, overrides, field) => {
    let error: unknown;
    try {
      occurrencesBetween(schedule(overrides), ...window);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DoseScheduleError);
    expect((error as DoseScheduleError).field).toBe(field);
  });

  it('refuses an invalid instant to search after', () => {
    expect(() => nextOccurrence(schedule(), new Date(Number.NaN))).toThrow(DoseScheduleError);
  });

  it('refuses a window that ends before it starts', () => {
    expect(() => occurrencesBetween(schedule(), window[1], window[0])).toThrow(DoseScheduleError);
  });

  it('accepts an as-needed medication without times', () => {
    expect(() =>
      occurrencesBetween(schedule({ asNeeded: true, timesOfDay: [] }), ...window),
    ).not.toThrow();
  });
});
