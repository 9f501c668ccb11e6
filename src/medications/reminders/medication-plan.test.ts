/**
 * A medication row read as a dose schedule, and whether an occurrence is still scheduled
 * after a change or a pause.
 */
import { describe, expect, it } from '@jest/globals';
import type { MedicationRow } from '../../storage/schema.js';
import { doseScheduleOf, firstOccurrenceAfter, scheduledOccurrence } from './medication-plan.js';

function row(fields: Partial<MedicationRow>): MedicationRow {
  return {
    times_of_day: ['08:00'],
    every_hours: null,
    days_of_week: null,
    cycle_days_on: null,
    cycle_days_off: null,
    start_date: '2030-01-01',
    end_date: null,
    as_needed: false,
    paused_at: null,
    ...fields,
  } as MedicationRow;
}

describe('doseScheduleOf', () => {
  it('reads times, cycle, dates and the pause', () => {
    const pausedAt = new Date('2030-02-01T00:00:00Z');
    const schedule = doseScheduleOf(
      row({
        times_of_day: ['09:00', '21:00'],
        cycle_days_on: 14,
        cycle_days_off: 7,
        days_of_week: [1, 3],
        start_date: '2030-01-05',
        end_date: '2030-06-30',
        paused_at: pausedAt,
      }),
      'Europe/Madrid',
    );

    expect(schedule).toEqual({
      timeZone: 'Europe/Madrid',
      timesOfDay: ['09:00', '21:00'],
      daysOfWeek: [1, 3],
      cycle: { daysOn: 14, daysOff: 7 },
      startDate: '2030-01-05',
      endDate: '2030-06-30',
      asNeeded: false,
      pauses: [{ from: pausedAt }],
    });
  });
});

describe('scheduledOccurrence', () => {
  const schedule = doseScheduleOf(row({ times_of_day: ['08:00', '20:00'] }), 'UTC');

  it('holds for an occurrence of the schedule, with the one after it', () => {
    const found = scheduledOccurrence(schedule, '2030-01-02T20:00', new Date('2030-01-02T20:00Z'));

    expect(found).toEqual({
      scheduled: true,
      next: expect.objectContaining({ key: '2030-01-03T08:00' }),
    });
    expect(
      scheduledOccurrence(schedule, '2030-01-02T09:00', new Date('2030-01-02T09:00Z')),
    ).toEqual({
      scheduled: false,
    });
  });

  it('fails once the medication is paused before the occurrence', () => {
    const paused = doseScheduleOf(row({ paused_at: new Date('2030-01-02T00:00Z') }), 'UTC');

    const found = scheduledOccurrence(paused, '2030-01-02T08:00', new Date('2030-01-02T08:00Z'));
    expect(found.scheduled).toBe(false);
  });

  it('looks past the near window for the next occurrence', () => {
    const cycle = doseScheduleOf(row({ cycle_days_on: 1, cycle_days_off: 6 }), 'UTC');

    const found = scheduledOccurrence(cycle, '2030-01-01T08:00', new Date('2030-01-01T08:00Z'));
    expect(found.next?.key).toBe('2030-01-08T08:00');
    expect(firstOccurrenceAfter(cycle, new Date('2030-01-01T09:00Z'))?.key).toBe(
      '2030-01-08T08:00',
    );
  });
});
