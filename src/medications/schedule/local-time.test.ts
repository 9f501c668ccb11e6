import { describe, expect, it } from '@jest/globals';
import { DoseScheduleError } from './dose-schedule-error.js';
import {
  addDays,
  assertTimeZone,
  daysBetween,
  isLocalDate,
  isLocalTime,
  localDateOf,
  resolveLocalTime,
  timeOfDayFromMinutes,
  weekdayOf,
} from './local-time.js';

const iso = (date: Date) => date.toISOString();

describe('resolveLocalTime', () => {
  it.each([
    ['America/New_York', '2027-03-13', '09:00', '2027-03-13T14:00:00.000Z'],
    ['America/New_York', '2027-03-14', '09:00', '2027-03-14T13:00:00.000Z'],
    ['America/New_York', '2027-11-06', '09:00', '2027-11-06T13:00:00.000Z'],
    ['America/New_York', '2027-11-07', '09:00', '2027-11-07T14:00:00.000Z'],
    ['Europe/Madrid', '2027-03-27', '09:00', '2027-03-27T08:00:00.000Z'],
    ['Europe/Madrid', '2027-03-28', '09:00', '2027-03-28T07:00:00.000Z'],
    ['Europe/Madrid', '2027-10-31', '09:00', '2027-10-31T08:00:00.000Z'],
    ['Asia/Kolkata', '2027-03-14', '09:00', '2027-03-14T03:30:00.000Z'],
    ['Asia/Kolkata', '2027-11-07', '21:00', '2027-11-07T15:30:00.000Z'],
  ])('places %s %s %s at its UTC instant', (zone, date, time, expected) => {
    expect(iso(resolveLocalTime(date, time, zone))).toBe(expected);
  });

  it('moves a time skipped by spring-forward to the moment the clocks jump', () => {
    // New York jumps from 02:00 EST to 03:00 EDT, which is 07:00 UTC.
    expect(iso(resolveLocalTime('2027-03-14', '02:30', 'America/New_York'))).toBe(
      '2027-03-14T07:00:00.000Z',
    );
    expect(iso(resolveLocalTime('2027-03-14', '02:00', 'America/New_York'))).toBe(
      '2027-03-14T07:00:00.000Z',
    );
    // Madrid jumps from 02:00 CET to 03:00 CEST, which is 01:00 UTC.
    expect(iso(resolveLocalTime('2027-03-28', '02:30', 'Europe/Madrid'))).toBe(
      '2027-03-28T01:00:00.000Z',
    );
  });

  it('keeps the minutes just before and after a spring-forward gap exact', () => {
    expect(iso(resolveLocalTime('2027-03-14', '01:59', 'America/New_York'))).toBe(
      '2027-03-14T06:59:00.000Z',
    );
    expect(iso(resolveLocalTime('2027-03-14', '03:00', 'America/New_York'))).toBe(
      '2027-03-14T07:00:00.000Z',
    );
  });

  it('chooses the first of a time that happens twice on fall-back day', () => {
    // 01:30 EDT (05:30 UTC) comes before 01:30 EST (06:30 UTC).
    expect(iso(resolveLocalTime('2027-11-07', '01:30', 'America/New_York'))).toBe(
      '2027-11-07T05:30:00.000Z',
    );
    // 02:30 CEST (00:30 UTC) comes before 02:30 CET (01:30 UTC).
    expect(iso(resolveLocalTime('2027-10-31', '02:30', 'Europe/Madrid'))).toBe(
      '2027-10-31T00:30:00.000Z',
    );
  });
});

describe('calendar helpers', () => {
  it('reads the local date of an instant in the zone, not in UTC', () => {
    const lateEveningInNewYork = new Date('2027-06-02T02:30:00Z');
    expect(localDateOf(lateEveningInNewYork, 'America/New_York')).toBe('2027-06-01');
    expect(localDateOf(lateEveningInNewYork, 'Asia/Kolkata')).toBe('2027-06-02');
  });

  it('counts calendar days across daylight-saving changes and month ends', () => {
    expect(addDays('2027-03-13', 1)).toBe('2027-03-14');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(daysBetween('2027-03-01', '2027-04-01')).toBe(31);
    expect(daysBetween('2027-11-08', '2027-11-01')).toBe(-7);
  });

  it('numbers weekdays from Monday 1 to Sunday 7', () => {
    expect(weekdayOf('2027-06-07')).toBe(1);
    expect(weekdayOf('2027-06-13')).toBe(7);
  });

  it('recognizes valid dates, times and zones', () => {
    expect(isLocalDate('2027-02-28')).toBe(true);
    expect(isLocalDate('2027-02-30')).toBe(false);
    expect(isLocalDate('2027-2-3')).toBe(false);
    expect(isLocalTime('23:59')).toBe(true);
    expect(isLocalTime('24:00')).toBe(false);
    expect(isLocalTime('9:00')).toBe(false);
    expect(timeOfDayFromMinutes(25 * 60 + 5)).toBe('01:05');
    expect(() => assertTimeZone('Europe/Madrid')).not.toThrow();
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(DoseScheduleError);
  });
});
