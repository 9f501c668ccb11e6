/**
 * How a medication is read back, in English and Spanish, saying only what is known.
 */
import { describe, expect, it } from '@jest/globals';
import { createI18n } from '../../src/i18n/i18n.js';
import type { MedicationUnderstanding } from '../../src/medications/analysis/medical-text-analyzer.js';
import { describeMedication, shortName } from './describe-medication.js';

const i18n = createI18n();
const en = i18n.getFixedT('en');
const es = i18n.getFixedT('es');

function medication(overrides: Partial<MedicationUnderstanding>): MedicationUnderstanding {
  return { name: 'examplamide', recognized: false, asNeeded: false, problems: [], ...overrides };
}

describe('describeMedication', () => {
  it('says everything known, in order', () => {
    const xeloda = medication({
      name: 'Xeloda',
      genericName: 'capecitabine',
      recognized: true,
      strength: { value: 500, unit: 'mg' },
      dose: { value: 3, form: 'tablet' },
      frequency: { timesPerDay: 2, timesOfDay: ['08:00', '20:00'] },
      cycle: { daysOn: 14, daysOff: 7 },
      route: 'oral',
      startDate: '2027-03-01',
      endDate: '2027-04-11',
    });
    expect(describeMedication(xeloda, en, 'en')).toBe(
      'Xeloda (capecitabine) 500 mg, 3 tablets, every day at 08:00 and 20:00, 14 days on, 7 days off, by mouth, from Mar 1, 2027 until Apr 11, 2027',
    );
    expect(describeMedication(xeloda, es, 'es')).toBe(
      'Xeloda (capecitabine) 500 mg, 3 comprimidos, todos los días a las 08:00 y 20:00, 14 días de toma y 7 de descanso, por boca, desde el 1 mar 2027 hasta el 11 abr 2027',
    );
  });

  it('marks a generic name, and not an unknown one', () => {
    const generic = medication({ name: 'tamoxifen', genericName: 'tamoxifen', recognized: true });
    expect(describeMedication(generic, en, 'en')).toBe('tamoxifen (generic)');
    expect(describeMedication(medication({ name: 'Zorblatin' }), en, 'en')).toBe('Zorblatin');
  });

  it('says intervals, weekly days, counts and as needed', () => {
    const say = (frequency: MedicationUnderstanding['frequency'], asNeeded = false) =>
      describeMedication(medication({ frequency, asNeeded }), en, 'en');
    expect(say({ everyHours: 8 })).toBe('examplamide, every 8 hours');
    expect(say({ timesPerDay: 1, timesOfDay: ['09:00'], daysOfWeek: [4, 1] })).toBe(
      'examplamide, every Monday and Thursday at 09:00',
    );
    expect(say({ timesPerDay: 3 })).toBe('examplamide, 3 times a day');
    expect(say(undefined, true)).toBe('examplamide, only when needed');
  });

  it('keeps unknown forms and routes as written, with half tablets', () => {
    const odd = medication({ dose: { value: 0.5, form: 'sachet' }, route: 'nasal' });
    expect(describeMedication(odd, en, 'en')).toBe('examplamide, 0.5 sachet, nasal');
    expect(describeMedication(medication({ dose: { value: 0.5, form: 'tablet' } }), es, 'es')).toBe(
      'examplamide, 0,5 comprimidos',
    );
  });
});

describe('shortName', () => {
  it('is the name and strength', () => {
    const letrozole = medication({ name: 'letrozole', strength: { value: 2.5, unit: 'mg' } });
    expect(shortName(letrozole, 'en')).toBe('letrozole 2.5 mg');
    expect(shortName(letrozole, 'es')).toBe('letrozole 2,5 mg');
  });
});
