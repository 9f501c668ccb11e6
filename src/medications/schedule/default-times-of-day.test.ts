import { describe, expect, it } from '@jest/globals';
import { defaultTimesOfDay } from './default-times-of-day.js';
import { DoseScheduleError } from './dose-schedule-error.js';

describe('defaultTimesOfDay', () => {
  it.each([
    [1, ['09:00']],
    [2, ['09:00', '21:00']],
    [3, ['08:00', '14:00', '20:00']],
    [4, ['08:00', '12:00', '16:00', '20:00']],
  ])('gives %i doses a day sensible local times', (count, times) => {
    expect(defaultTimesOfDay(count)).toEqual(times);
  });

  it('gives as many sorted, distinct times as doses for every count the analyzers accept', () => {
    for (let count = 1; count <= 6; count++) {
      const times = defaultTimesOfDay(count);
      expect(new Set(times).size).toBe(count);
      expect([...times].sort()).toEqual(times);
    }
  });

  it('returns a copy the caller may change', () => {
    defaultTimesOfDay(1).push('10:00');
    expect(defaultTimesOfDay(1)).toEqual(['09:00']);
  });

  it.each([0, 7, 1.5])('refuses %p doses a day', (count) => {
    expect(() => defaultTimesOfDay(count)).toThrow(DoseScheduleError);
  });
});
