/**
 * A confirmed medication becomes a row, and a row reads back as the same medication.
 */
import { describe, expect, it } from '@jest/globals';
import type { MedicationUnderstanding } from './analysis/medical-text-analyzer.js';
import { medicationColumns, understandingOfRow } from './medication-record.js';
import { scheduleFromUnderstanding } from './schedule/schedule-from-understanding.js';
import type { MedicationRow } from '../storage/schema.js';

const XELODA: MedicationUnderstanding = {
  name: 'Xeloda',
  genericName: 'capecitabine',
  rxNormId: '194000',
  recognized: true,
  strength: { value: 500, unit: 'mg' },
  dose: { value: 3, form: 'tablet' },
  frequency: { timesPerDay: 2, timesOfDay: ['20:00', '08:00'] },
  route: 'oral',
  cycle: { daysOn: 14, daysOff: 7 },
  startDate: '2027-03-01',
  durationDays: 42,
  asNeeded: false,
  problems: [],
};

describe('medicationColumns', () => {
  it('stores the schedule as computed: sorted times, start, end from the duration', () => {
    const schedule = scheduleFromUnderstanding(XELODA, {
      timeZone: 'Europe/Madrid',
      today: '2027-02-20',
    });
    expect(medicationColumns(XELODA, schedule)).toEqual({
      name: 'Xeloda',
      generic_name: 'capecitabine',
      rxnorm_id: '194000',
      recognized: true,
      strength_value: 500,
      strength_unit: 'mg',
      dose_value: 3,
      dose_form: 'tablet',
      route: 'oral',
      as_needed: false,
      reason: null,
      times_of_day: ['08:00', '20:00'],
      every_hours: null,
      days_of_week: null,
      cycle_days_on: 14,
      cycle_days_off: 7,
      start_date: '2027-03-01',
      end_date: '2027-04-11',
    });
  });
});

describe('understandingOfRow', () => {
  it('reads a stored row back, numerics and dates included', () => {
    const row = {
      name: 'Xeloda',
      generic_name: 'capecitabine',
      rxnorm_id: '194000',
      recognized: true,
      strength_value: '500',
      strength_unit: 'mg',
      dose_value: '3',
      dose_form: 'tablet',
      route: 'oral',
      as_needed: false,
      reason: null,
      times_of_day: ['08:00', '20:00'],
      every_hours: null,
      days_of_week: null,
      cycle_days_on: 14,
      cycle_days_off: 7,
      start_date: '2027-03-01',
      end_date: '2027-04-11',
    } as MedicationRow;
    const withoutDuration: MedicationUnderstanding = { ...XELODA };
    delete withoutDuration.durationDays;
    expect(understandingOfRow(row)).toEqual({
      ...withoutDuration,
      frequency: { timesPerDay: 2, timesOfDay: ['08:00', '20:00'] },
      endDate: '2027-04-11',
    });
  });
});
