/**
 * Reminder words: discreet unless the person asked for health details, in their language,
 * with the dose's buttons; care-circle alerts name the patient and never a medicine.
 */
import { describe, expect, it } from '@jest/globals';
import { createI18n } from '../../i18n/i18n.js';
import { caregiverAlertMessage, doseMessage, localTimeLabel } from './reminder-messages.js';

const i18n = createI18n();
const medication = { name: 'tamoxifen', strength_value: '20.00', strength_unit: 'mg' };
const dose = { id: '42', occurrence_key: '2030-01-01T20:30' };

describe('doseMessage', () => {
  it('names no medicine unless the person asked for health details', () => {
    const discreet = { locale: 'en', sms_health_details: false };
    const detailed = { locale: 'en', sms_health_details: true };

    expect(doseMessage(i18n, 'dose', { person: discreet, medication, dose }, 30).text).toBe(
      "It's time for your 8:30 PM medicine.",
    );
    expect(doseMessage(i18n, 'dose', { person: detailed, medication, dose }, 30).text).toBe(
      "It's time for tamoxifen 20 mg (8:30 PM).",
    );
  });

  it('speaks Spanish with Taken, Snooze and Skipped buttons for the dose', () => {
    const person = { locale: 'es', sms_health_details: false };

    const message = doseMessage(i18n, 'followUp', { person, medication, dose }, 15);

    expect(message.text).toBe(
      'Solo para saber: ¿tomaste tu medicamento de las 20:30? Toca una opción cuando puedas.',
    );
    expect(message.suggestedActions?.actions).toEqual([
      expect.objectContaining({ title: 'Tomado', value: 'dose:taken:42' }),
      expect.objectContaining({ title: 'Posponer 15 min', value: 'dose:snooze:42' }),
      expect.objectContaining({ title: 'No lo tomé', value: 'dose:skip:42' }),
    ]);
  });
});

describe('caregiverAlertMessage', () => {
  it('names the patient, or not when they have no name', () => {
    const missed = { count: 2, days: 3 };

    expect(
      caregiverAlertMessage(i18n, { locale: 'en' }, { display_name: 'Sam' }, missed).text,
    ).toBe('Sam has missed 2 doses in the last 3 days. You may want to check in with them.');
    expect(caregiverAlertMessage(i18n, { locale: 'en' }, { display_name: null }, missed).text).toBe(
      'Someone you care for has missed 2 doses in the last 3 days. You may want to check in with them.',
    );
  });
});

describe('localTimeLabel', () => {
  it('writes the scheduled time the reader’s way, with plain spaces only', () => {
    expect(localTimeLabel('2030-01-01T08:05', 'en')).toBe('8:05 AM');
    expect(localTimeLabel('2030-01-01T08:05', 'es')).toBe('8:05');
  });
});
