/**
 * Between a medication as understood and confirmed (`MedicationUnderstanding`) and its row
 * in `medications`: the row keeps the schedule reminders are planned from, and a saved row
 * reads back as an understanding so the person can review and change it the same way.
 */
import type { MedicationUnderstanding } from './analysis/medical-text-analyzer.js';
import type { DoseSchedule } from './schedule/dose-schedule.js';
import type { NewMedication } from '../storage/medications.js';
import type { MedicationRow } from '../storage/schema.js';

/** What a medication's row says about it; who it belongs to and who added it aside. */
export type MedicationColumns = Omit<NewMedication, 'person_id' | 'added_by' | 'paused_at'>;

/** The columns a confirmed medication and its schedule fill (owner and author aside). */
export function medicationColumns(
  medication: MedicationUnderstanding,
  schedule: DoseSchedule,
): MedicationColumns {
  return {
    name: medication.name.trim(),
    generic_name: medication.genericName ?? null,
    rxnorm_id: medication.rxNormId ?? null,
    recognized: medication.recognized,
    strength_value: medication.strength?.value ?? null,
    strength_unit: medication.strength?.unit ?? null,
    dose_value: medication.dose?.value ?? null,
    dose_form: medication.dose?.form ?? null,
    route: medication.route ?? null,
    as_needed: schedule.asNeeded,
    reason: medication.reason ?? null,
    times_of_day: schedule.timesOfDay,
    every_hours: schedule.everyHours ?? null,
    days_of_week: schedule.daysOfWeek ?? null,
    cycle_days_on: schedule.cycle?.daysOn ?? null,
    cycle_days_off: schedule.cycle?.daysOff ?? null,
    start_date: schedule.startDate,
    end_date: schedule.endDate ?? null,
  };
}

/** A saved medication as an understanding with no problems, ready to review or change. */
export function understandingOfRow(row: MedicationRow): MedicationUnderstanding {
  const times = row.times_of_day ?? [];
  const understanding: MedicationUnderstanding = {
    name: row.name,
    recognized: row.recognized,
    asNeeded: row.as_needed,
    startDate: row.start_date,
    problems: [],
  };
  if (row.generic_name) understanding.genericName = row.generic_name;
  if (row.rxnorm_id) understanding.rxNormId = row.rxnorm_id;
  if (row.strength_value !== null && row.strength_unit) {
    understanding.strength = { value: Number(row.strength_value), unit: row.strength_unit };
  }
  if (row.dose_value !== null && row.dose_form) {
    understanding.dose = { value: Number(row.dose_value), form: row.dose_form };
  }
  if (row.route) understanding.route = row.route;
  if (row.reason) understanding.reason = row.reason;
  if (row.cycle_days_on !== null) {
    understanding.cycle = { daysOn: row.cycle_days_on, daysOff: row.cycle_days_off ?? 0 };
  }
  if (row.end_date) understanding.endDate = row.end_date;
  understanding.frequency = {
    ...(times.length > 0 && { timesPerDay: times.length, timesOfDay: [...times] }),
    ...(row.every_hours !== null && { everyHours: row.every_hours }),
    ...(row.days_of_week && { daysOfWeek: [...row.days_of_week] }),
  };
  return understanding;
}
