/**
 * A medication as the reminders engine sees it: its row, its owner, and the dose schedule in
 * the owner's time zone. Read fresh by every job, so a change, pause or deletion made after a
 * reminder was planned is honoured when it runs.
 *
 * Schedule math is the costliest part of a reminder job, so occurrences are looked for in a
 * two-day window first and only then as far ahead as `nextOccurrence` looks.
 */
import { sql } from 'kysely';
import type { Db } from '../../storage/database.js';
import type { MedicationRow, Person } from '../../storage/schema.js';
import { timeZoneOf } from '../medication-service.js';
import {
  nextOccurrence,
  occurrencesBetween,
  type DoseOccurrence,
  type DoseSchedule,
} from '../schedule/dose-schedule.js';

/** What reminders need to know about the person: language, zone, quiet hours, details. */
export type ReminderRecipient = Pick<
  Person,
  | 'id'
  | 'locale'
  | 'display_name'
  | 'time_zone'
  | 'quiet_hours_start'
  | 'quiet_hours_end'
  | 'sms_health_details'
>;

export interface MedicationPlan {
  medication: MedicationRow;
  person: ReminderRecipient;
  schedule: DoseSchedule;
}

const MS_PER_DAY = 86_400_000;
const NEAR_WINDOW_DAYS = 2;

/** The medication with its owner and schedule, or undefined when it is gone. */
export async function loadMedicationPlan(
  db: Db,
  medicationId: string,
): Promise<MedicationPlan | undefined> {
  if (!UUID_PATTERN.test(medicationId)) return undefined;
  const row = await db
    .selectFrom('medications')
    .innerJoin('people', 'people.id', 'medications.person_id')
    .selectAll('medications')
    // Text and boolean columns only: they come back from JSON with the types they have.
    .select(
      sql<ReminderRecipient>`jsonb_build_object('id', people.id, 'locale', people.locale,
        'display_name', people.display_name, 'time_zone', people.time_zone,
        'quiet_hours_start', people.quiet_hours_start, 'quiet_hours_end', people.quiet_hours_end,
        'sms_health_details', people.sms_health_details)`.as('person'),
    )
    .where('medications.id', '=', medicationId)
    .executeTakeFirst();
  if (!row) return undefined;

  const { person, ...medication } = row;
  return { medication, person, schedule: doseScheduleOf(medication, timeZoneOf(person)) };
}

// Ids can come from a person's typing (button values); a malformed one is "gone".
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The schedule a medication row describes; a paused row is paused from `paused_at` on. */
export function doseScheduleOf(medication: MedicationRow, timeZone: string): DoseSchedule {
  const schedule: DoseSchedule = {
    timeZone,
    timesOfDay: [...(medication.times_of_day ?? [])],
    startDate: medication.start_date,
    asNeeded: medication.as_needed,
  };
  if (medication.every_hours !== null) schedule.everyHours = medication.every_hours;
  if (medication.days_of_week) schedule.daysOfWeek = [...medication.days_of_week];
  if (medication.cycle_days_on !== null) {
    schedule.cycle = { daysOn: medication.cycle_days_on, daysOff: medication.cycle_days_off ?? 0 };
  }
  if (medication.end_date) schedule.endDate = medication.end_date;
  if (medication.paused_at) schedule.pauses = [{ from: medication.paused_at }];
  return schedule;
}

/**
 * Whether the schedule still has this occurrence (same key, same instant; not after the
 * medication was changed, paused or ended since the reminder was planned), and the
 * occurrence after it. Two occurrences at one instant (02:30 and 03:00 on a spring-forward
 * day) follow each other.
 */
export function scheduledOccurrence(
  schedule: DoseSchedule,
  key: string,
  dueAt: Date,
): { scheduled: boolean; next?: DoseOccurrence } {
  const near = occurrencesBetween(schedule, dueAt, daysAfter(dueAt, NEAR_WINDOW_DAYS));
  const index = near.findIndex((o) => o.key === key && o.dueAt.getTime() === dueAt.getTime());
  if (index < 0) return { scheduled: false };

  return { scheduled: true, next: near[index + 1] ?? nextOccurrence(schedule, dueAt) };
}

/** The first occurrence strictly after `after`, or undefined (as-needed, ended, paused). */
export function firstOccurrenceAfter(
  schedule: DoseSchedule,
  after: Date,
): DoseOccurrence | undefined {
  const from = new Date(after.getTime() + 1);
  const [first] = occurrencesBetween(schedule, from, daysAfter(from, NEAR_WINDOW_DAYS));
  return first ?? nextOccurrence(schedule, after);
}

function daysAfter(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * MS_PER_DAY);
}
