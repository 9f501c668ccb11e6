/**
 * Table-driven tests for the minimal FREQUENCY reader: common English phrasings it must read,
 * and schedules it must leave alone rather than misread as daily. All text is synthetic.
 */
import { describe, expect, it } from '@jest/globals';
import { readFrequency, type FrequencyReading } from './frequency-text.js';

const READ: readonly [string, FrequencyReading][] = [
  ['daily', { frequency: { timesPerDay: 1 }, asNeeded: false, problems: [] }],
  ['once a day', { frequency: { timesPerDay: 1 }, asNeeded: false, problems: [] }],
  ['every day', { frequency: { timesPerDay: 1 }, asNeeded: false, problems: [] }],
  ['twice a day', { frequency: { timesPerDay: 2 }, asNeeded: false, problems: [] }],
  ['Twice  Daily', { frequency: { timesPerDay: 2 }, asNeeded: false, problems: [] }],
  ['3 times a day', { frequency: { timesPerDay: 3 }, asNeeded: false, problems: [] }],
  ['2x per day', { frequency: { timesPerDay: 2 }, asNeeded: false, problems: [] }],
  ['four times daily', { frequency: { timesPerDay: 4 }, asNeeded: false, problems: [] }],
  ['bid', { frequency: { timesPerDay: 2 }, asNeeded: false, problems: [] }],
  ['t.i.d.', { frequency: { timesPerDay: 3 }, asNeeded: false, problems: [] }],
  ['every 8 hours', { frequency: { everyHours: 8 }, asNeeded: false, problems: [] }],
  ['q12h', { frequency: { everyHours: 12 }, asNeeded: false, problems: [] }],
  ['every six hours', { frequency: { everyHours: 6 }, asNeeded: false, problems: [] }],
  [
    'every morning',
    { frequency: { timesPerDay: 1, timesOfDay: ['08:00'] }, asNeeded: false, problems: [] },
  ],
  [
    'at bedtime',
    { frequency: { timesPerDay: 1, timesOfDay: ['22:00'] }, asNeeded: false, problems: [] },
  ],
  [
    'daily at 9pm',
    { frequency: { timesPerDay: 1, timesOfDay: ['21:00'] }, asNeeded: false, problems: [] },
  ],
  [
    'twice a day at 8:30 am and 8:30 pm',
    {
      frequency: { timesPerDay: 2, timesOfDay: ['08:30', '20:30'] },
      asNeeded: false,
      problems: [],
    },
  ],
  [
    'every evening and every morning',
    {
      frequency: { timesPerDay: 2, timesOfDay: ['08:00', '18:00'] },
      asNeeded: false,
      problems: [],
    },
  ],
  [
    'at 12am',
    { frequency: { timesPerDay: 1, timesOfDay: ['00:00'] }, asNeeded: false, problems: [] },
  ],
  [
    'at 21:00',
    { frequency: { timesPerDay: 1, timesOfDay: ['21:00'] }, asNeeded: false, problems: [] },
  ],
  // Named times that do not match the count are dropped rather than guessed at.
  [
    'three times a day in the morning',
    { frequency: { timesPerDay: 3 }, asNeeded: false, problems: [] },
  ],
  ['as needed', { asNeeded: true, problems: [] }],
  ['every 6 hours as needed', { frequency: { everyHours: 6 }, asNeeded: true, problems: [] }],
  ['PRN', { asNeeded: true, problems: [] }],
];

const PROBLEMS: readonly [string, FrequencyReading][] = [
  ['every 0 hours', { asNeeded: false, problems: ['zero_interval'] }],
  ['every hour', { asNeeded: false, problems: ['interval_too_short'] }],
  ['every 2 hours', { asNeeded: false, problems: ['interval_too_short'] }],
  ['10 times a day', { asNeeded: false, problems: ['too_many_times'] }],
];

const LEFT_ALONE = [
  'once a week',
  'twice weekly',
  'every Monday morning',
  'on Fridays',
  'every other day',
  'every 2 days',
  'once a month',
  'with food',
  '',
];

describe('readFrequency', () => {
  it.each(READ)('reads %j', (text, expected) => {
    expect(readFrequency(text)).toEqual(expected);
  });

  it.each(PROBLEMS)('flags %j instead of keeping a schedule', (text, expected) => {
    expect(readFrequency(text)).toEqual(expected);
  });

  it.each(LEFT_ALONE)('keeps no schedule for %j', (text) => {
    expect(readFrequency(text).frequency).toBeUndefined();
  });
});
