import { describe, expect, it } from '@jest/globals';
import type { MedicationUnderstanding } from '../analysis/medical-text-analyzer.js';
import { DoseScheduleError } from './dose-schedule-error.js';
import { scheduleFromUnderstanding } from './schedule-from-understanding.js';

const CONTEXT = { timeZone: 'Europe/Madrid', today: '2027-06-01' };

function medication(overrides: Partial<MedicationUnderstanding> = {}): MedicationUnderstanding {
  return { name: 'examplamide', recognized: false, asNeeded: false, problems: [], ...overrides };
}

describe('scheduleFromUnderstanding', () => {
  it('keeps named times, cycle and dates as understood', () => {
    const schedule = scheduleFromUnderstanding(
      medication({
        frequency: { timesPerDay: 2, timesOfDay: ['21:00', '08:00'] },
        cycle: { daysOn: 14, daysOff: 7 },
        startDate: '2027-06-07',
        endDate: '2027-08-01',
      }),
      CONTEXT,
    );
    expect(schedule).toMatchObject({
      timeZone: 'Europe/Madrid',
      timesOfDay: ['08:00', '21:00'],
      cycle: { daysOn: 14, daysOff: 7 },
      startDate: '2027-06-07',
      endDate: '2027-08-01',
      asNeeded: false,
    });
  });

  it('fills in default times, today as the start and the end from a duration', () => {
    const schedule = scheduleFromUnderstanding(
      medication({ frequency: { timesPerDay: 3 }, durationDays: 5 }),
      CONTEXT,
    );
    expect(schedule.timesOfDay).toEqual(['08:00', '14:00', '20:00']);
    expect(schedule.startDate).toBe('2027-06-01');
    expect(schedule.endDate).toBe('2027-06-05');
  });

  it('schedules once a day when no frequency was understood', () => {
    expect(scheduleFromUnderstanding(medication(), CONTEXT).timesOfDay).toEqual(['09:00']);
  });

  it('leaves times empty for intervals and as-needed medications', () => {
    const interval = scheduleFromUnderstanding(
      medication({ frequency: { everyHours: 8 } }),
      CONTEXT,
    );
    expect(interval).toMatchObject({ everyHours: 8, timesOfDay: [] });
    const asNeeded = scheduleFromUnderstanding(medication({ asNeeded: true }), CONTEXT);
    expect(asNeeded).toMatchObject({ asNeeded: true, timesOfDay: [] });
  });

  it('keeps weekly days', () => {
    const weekly = medication({ frequency: { timesPerDay: 1, daysOfWeek: [1] } });
    expect(scheduleFromUnderstanding(weekly, CONTEXT)).toMatchObject({
      daysOfWeek: [1],
      timesOfDay: ['09:00'],
    });
  });

  it('refuses an understanding that still has problems to ask about', () => {
    const doubtful = medication({ problems: ['zero_interval'] });
    expect(() => scheduleFromUnderstanding(doubtful, CONTEXT)).toThrow(DoseScheduleError);
  });
});
