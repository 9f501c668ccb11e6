/**
 * The words of reminders, follow-ups and care-circle alerts, in the reader's language. A
 * reminder names no medicine unless the person asked for health details in messages
 * (`sms_health_details`): lock screens and texts are seen by others. Reminders carry the
 * Taken, Snooze and Skipped buttons; their values name the dose, e.g. `dose:taken:42`.
 */
import type { Activity } from 'botbuilder';
import type { i18n as I18n } from 'i18next';
import { DateTime } from 'luxon';
import { withButtons } from '../../../dialogs/shared/buttons.js';
import type { DoseRow, MedicationRow, Person } from '../../storage/schema.js';

/** Which message about a dose: the reminder, the reminder again after a snooze, the follow-up. */
export type DoseMessageKind = 'dose' | 'snoozed' | 'followUp';

/** What a dose message is about and for whom. */
export interface DoseMessageSubject {
  person: Pick<Person, 'locale' | 'sms_health_details'>;
  medication: Pick<MedicationRow, 'name' | 'strength_value' | 'strength_unit'>;
  dose: Pick<DoseRow, 'id' | 'occurrence_key'>;
}

/** Button values a reminder offers; the medication dialogs answer them from any state. */
export function doseButtonValues(doseId: string) {
  return {
    taken: `dose:taken:${doseId}`,
    snooze: `dose:snooze:${doseId}`,
    skipped: `dose:skip:${doseId}`,
  };
}

/** A message about one dose with Taken / Snooze / Skipped buttons. */
export function doseMessage(
  i18n: I18n,
  kind: DoseMessageKind,
  subject: DoseMessageSubject,
  snoozeMinutes: number,
): Partial<Activity> {
  const t = i18n.getFixedT(subject.person.locale, 'reminders');
  const detail = subject.person.sms_health_details ? 'detailed' : 'discreet';
  const text = t(`${kind}.${detail}`, {
    time: localTimeLabel(subject.dose.occurrence_key, subject.person.locale),
    medicine: medicineLabel(subject.medication),
  });
  const values = doseButtonValues(subject.dose.id);
  return withButtons(text, [
    { value: values.taken, title: t('button.taken') },
    { value: values.snooze, title: t('button.snooze', { minutes: snoozeMinutes }) },
    { value: values.skipped, title: t('button.skipped') },
  ]);
}

/** The alert a caregiver receives; it names the patient, never a medicine. */
export function caregiverAlertMessage(
  i18n: I18n,
  caregiver: Pick<Person, 'locale'>,
  patient: Pick<Person, 'display_name'>,
  missed: { count: number; days: number },
): Partial<Activity> {
  const t = i18n.getFixedT(caregiver.locale, 'reminders');
  const name = patient.display_name?.trim();
  const key = name ? 'caregiverAlert.named' : 'caregiverAlert.unnamed';
  return { type: 'message', text: t(key, { name, count: missed.count, days: missed.days }) };
}

/**
 * The scheduled local time of an occurrence ('yyyy-mm-ddTHH:mm') as the reader writes it,
 * e.g. "8:00 AM" or "8:00". ICU puts a narrow no-break space before "AM"; a plain space keeps
 * an SMS in the GSM alphabet (one segment instead of a UCS-2 one).
 */
export function localTimeLabel(occurrenceKey: string, locale: string): string {
  const clock = occurrenceKey.slice(-5);
  const time = DateTime.fromFormat(clock, 'HH:mm', { zone: 'UTC', locale });
  if (!time.isValid) return clock;

  return time.toLocaleString(DateTime.TIME_SIMPLE).replace(/[\u00a0\u202f]/g, ' ');
}

/** The medicine's name with its strength, e.g. "tamoxifen 20 mg". */
function medicineLabel(medication: DoseMessageSubject['medication']): string {
  const { name, strength_value: value, strength_unit: unit } = medication;
  if (value === null || !unit) return name;

  return `${name} ${Number(value)} ${unit}`;
}
