import { describe, expect, it } from '@jest/globals';
import type { AnalysisLanguage, MedicationUnderstanding } from '../medical-text-analyzer.js';
import { createOfflineAnalyzer } from './offline-analyzer.js';

// Wednesday 6 January 2027: "starting Monday" is the 11th, "tomorrow" the 7th.
const TODAY = '2027-01-06';

type Expected = Partial<MedicationUnderstanding> & Pick<MedicationUnderstanding, 'name'>;

interface Phrasing {
  text: string;
  language: AnalysisLanguage;
  expected: Expected;
}

/** Every field of the understanding but rxNormId, which the lexicon tests cover. */
const FIELDS = [
  'name',
  'genericName',
  'recognized',
  'strength',
  'dose',
  'frequency',
  'route',
  'cycle',
  'startDate',
  'endDate',
  'durationDays',
  'asNeeded',
  'reason',
  'problems',
] as const;

function en(text: string, expected: Expected): Phrasing {
  return { text, language: 'en', expected };
}

function es(text: string, expected: Expected): Phrasing {
  return { text, language: 'es', expected };
}

const mg = (value: number) => ({ value, unit: 'mg' });
const tablets = (value: number) => ({ value, form: 'tablet' });
const generic = (name: string) => ({ name, genericName: name, recognized: true });
const brand = (name: string, genericName: string) => ({ name, genericName, recognized: true });

const PHRASINGS: readonly Phrasing[] = [
  en('tamoxifen 20 mg every morning', {
    ...generic('tamoxifen'),
    strength: mg(20),
    frequency: { timesPerDay: 1, timesOfDay: ['08:00'] },
  }),
  en('Xeloda 1500mg twice a day, 2 weeks on 1 week off', {
    ...brand('Xeloda', 'capecitabine'),
    strength: mg(1500),
    frequency: { timesPerDay: 2 },
    cycle: { daysOn: 14, daysOff: 7 },
  }),
  en('ondansetron 8mg as needed for nausea', {
    ...generic('ondansetron'),
    strength: mg(8),
    asNeeded: true,
    reason: 'nausea',
  }),
  en('Zorblax 10 mg daily', {
    name: 'Zorblax',
    recognized: false,
    strength: mg(10),
    frequency: { timesPerDay: 1 },
  }),
  en('I take tamoxifin 20mg at night', {
    ...generic('tamoxifen'),
    strength: mg(20),
    frequency: { timesPerDay: 1, timesOfDay: ['21:00'] },
  }),
  en("I'm on TAMOXIFEN 20 MG every morning", {
    ...generic('tamoxifen'),
    strength: mg(20),
    frequency: { timesPerDay: 1, timesOfDay: ['08:00'] },
  }),
  en('Tamoxifen\u00a020\u00a0mg once a day', {
    ...generic('tamoxifen'),
    strength: mg(20),
    frequency: { timesPerDay: 1 },
  }),
  en('ondansetron \uff18 mg q8h', {
    ...generic('ondansetron'),
    strength: mg(8),
    frequency: { everyHours: 8 },
  }),
  en('I\u2019m taking XELODA 1500 MG twice daily', {
    ...brand('Xeloda', 'capecitabine'),
    strength: mg(1500),
    frequency: { timesPerDay: 2 },
  }),
  en('Ondansetron\u200b 8 mg q8h prn nausea', {
    ...generic('ondansetron'),
    strength: mg(8),
    frequency: { everyHours: 8 },
    asNeeded: true,
    reason: 'nausea',
  }),
  en('xeloda 1500 MG bid, 14 days on, 7 off, starting Monday', {
    ...brand('Xeloda', 'capecitabine'),
    strength: mg(1500),
    frequency: { timesPerDay: 2 },
    cycle: { daysOn: 14, daysOff: 7 },
    startDate: '2027-01-11',
  }),
  en('Ibrance 125 mg daily 21 days on 7 days off', {
    ...brand('Ibrance', 'palbociclib'),
    strength: mg(125),
    frequency: { timesPerDay: 1 },
    cycle: { daysOn: 21, daysOff: 7 },
  }),
  en('Revlimid 25mg days 1-21 of a 28-day cycle', {
    ...brand('Revlimid', 'lenalidomide'),
    strength: mg(25),
    cycle: { daysOn: 21, daysOff: 7 },
  }),
  en('Temodar 140mg for 5 days every 28 days', {
    ...brand('Temodar', 'temozolomide'),
    strength: mg(140),
    cycle: { daysOn: 5, daysOff: 23 },
  }),
  en('capecitabin 500 mg 3 tablets twice a day', {
    ...generic('capecitabine'),
    strength: mg(500),
    dose: tablets(3),
    frequency: { timesPerDay: 2 },
    route: 'oral',
  }),
  en('anastrozole 1 mg one pill by mouth daily', {
    ...generic('anastrozole'),
    strength: mg(1),
    dose: tablets(1),
    frequency: { timesPerDay: 1 },
    route: 'oral',
  }),
  en('Arimidex half a tablet at night', {
    ...brand('Arimidex', 'anastrozole'),
    dose: tablets(0.5),
    frequency: { timesPerDay: 1, timesOfDay: ['21:00'] },
    route: 'oral',
  }),
  en('Femara 2.5mg from 2027-01-05', {
    ...brand('Femara', 'letrozole'),
    strength: mg(2.5),
    startDate: '2027-01-05',
  }),
  en('Lynparza 300 mg twice daily until March 3', {
    ...brand('Lynparza', 'olaparib'),
    strength: mg(300),
    frequency: { timesPerDay: 2 },
    endDate: '2027-03-03',
  }),
  en('dexamethasone 4 mg with breakfast and dinner for 3 days starting tomorrow', {
    ...generic('dexamethasone'),
    strength: mg(4),
    frequency: { timesPerDay: 2, timesOfDay: ['08:00', '19:00'] },
    startDate: '2027-01-07',
    endDate: '2027-01-09',
    durationDays: 3,
  }),
  en('ondansetron 8 mg at 9am and 9pm', {
    ...generic('ondansetron'),
    strength: mg(8),
    frequency: { timesPerDay: 2, timesOfDay: ['09:00', '21:00'] },
  }),
  en('Take 2 tablets of Zofran every 8 hours from 6am', {
    ...brand('Zofran', 'ondansetron'),
    dose: tablets(2),
    frequency: { timesPerDay: 3, timesOfDay: ['06:00', '14:00', '22:00'] },
    route: 'oral',
  }),
  en('methotrexate 15 mg weekly on Mondays', {
    ...generic('methotrexate'),
    strength: mg(15),
    frequency: { timesPerDay: 1, daysOfWeek: [1] },
  }),
  en('Keytruda every 3 weeks', {
    ...brand('Keytruda', 'pembrolizumab'),
    frequency: { timesPerDay: 1 },
    cycle: { daysOn: 1, daysOff: 20 },
  }),
  en('oxycodone 5mg q4h prn pain', {
    ...generic('oxycodone'),
    strength: mg(5),
    frequency: { everyHours: 4 },
    asNeeded: true,
    reason: 'pain',
  }),
  en('zolpidem 5 mg at bedtime if needed for sleep', {
    ...generic('zolpidem'),
    strength: mg(5),
    frequency: { timesPerDay: 1, timesOfDay: ['22:00'] },
    asNeeded: true,
    reason: 'sleep',
  }),
  en('Emend 125 mg if needed', {
    ...brand('Emend', 'aprepitant'),
    strength: mg(125),
    asNeeded: true,
  }),
  en('ondansetron 4mg when I need it', {
    ...generic('ondansetron'),
    strength: mg(4),
    asNeeded: true,
  }),
  en('ibuprofen 400mg if I have pain', {
    ...generic('ibuprofen'),
    strength: mg(400),
    asNeeded: true,
    reason: 'pain',
  }),
  en('fentanyl 25 mcg/hr patch every 72 hours', {
    ...generic('fentanyl'),
    strength: { value: 25, unit: 'mcg/h' },
    frequency: { everyHours: 72 },
    route: 'transdermal',
  }),
  en('Lovenox 40mg injection once daily', {
    ...brand('Lovenox', 'enoxaparin'),
    strength: mg(40),
    frequency: { timesPerDay: 1 },
    route: 'subcutaneous',
  }),
  en('morphine oral solution 10 mg/5 ml, 2.5 ml every 4 hours as needed', {
    ...generic('morphine'),
    strength: { value: 2, unit: 'mg/ml' },
    dose: { value: 2.5, form: 'ml' },
    frequency: { everyHours: 4 },
    route: 'oral',
    asNeeded: true,
  }),
  en('heparin 5000 units subcutaneous twice a day', {
    ...generic('heparin'),
    strength: { value: 5000, unit: 'units' },
    frequency: { timesPerDay: 2 },
    route: 'subcutaneous',
  }),
  en('Vitamin D 1000 units daily', {
    name: 'vitamin d',
    genericName: 'cholecalciferol',
    recognized: true,
    strength: { value: 1000, unit: 'units' },
    frequency: { timesPerDay: 1 },
  }),
  en('Zofran (ondansetron) 8mg', { ...brand('Zofran', 'ondansetron'), strength: mg(8) }),
  en('methotrexate twice a week', { ...generic('methotrexate') }),
  en('Ibrance every other day', {
    ...brand('Ibrance', 'palbociclib'),
    frequency: { timesPerDay: 1 },
    cycle: { daysOn: 1, daysOff: 1 },
  }),
  en('pregabalin 75 mg morning and night', {
    ...generic('pregabalin'),
    strength: mg(75),
    frequency: { timesPerDay: 2, timesOfDay: ['08:00', '21:00'] },
  }),
  en('Blorf XR 5 mg at 8:30 and 20:30', {
    name: 'Blorf XR',
    recognized: false,
    strength: mg(5),
    frequency: { timesPerDay: 2, timesOfDay: ['08:30', '20:30'] },
  }),
  en('tamoxifen 20 mg daily for 5 years', {
    ...generic('tamoxifen'),
    strength: mg(20),
    frequency: { timesPerDay: 1 },
    durationDays: 1825,
  }),
  en('Ativan 0.5 mg at bedtime as needed for anxiety or sleep', {
    ...brand('Ativan', 'lorazepam'),
    strength: mg(0.5),
    frequency: { timesPerDay: 1, timesOfDay: ['22:00'] },
    asNeeded: true,
    reason: 'anxiety or sleep',
  }),
  en('chlorhexidine 0.12% rinse 15 ml twice a day', {
    ...generic('chlorhexidine'),
    strength: { value: 0.12, unit: '%' },
    dose: { value: 15, form: 'ml' },
    frequency: { timesPerDay: 2 },
    route: 'topical',
  }),
  es('Tomo capecitabina 1.500 mg dos veces al día, 14 días sí y 7 de descanso', {
    ...brand('capecitabina', 'capecitabine'),
    strength: mg(1500),
    frequency: { timesPerDay: 2 },
    cycle: { daysOn: 14, daysOff: 7 },
  }),
  es('ondansetrón 8 mg cada 8 horas si lo necesito para las náuseas', {
    ...generic('ondansetron'),
    strength: mg(8),
    frequency: { everyHours: 8 },
    asNeeded: true,
    reason: 'náuseas',
  }),
  es('dexametasona 4mg una vez al día por la mañana durante 5 días', {
    ...brand('dexametasona', 'dexamethasone'),
    strength: mg(4),
    frequency: { timesPerDay: 1, timesOfDay: ['08:00'] },
    durationDays: 5,
  }),
  es('Paracetamol 1 g cada 8 horas', {
    ...brand('paracetamol', 'acetaminophen'),
    strength: { value: 1, unit: 'g' },
    frequency: { everyHours: 8 },
  }),
  es('estoy tomando letrozol 2,5 mg por la noche', {
    ...brand('letrozol', 'letrozole'),
    strength: mg(2.5),
    frequency: { timesPerDay: 1, timesOfDay: ['21:00'] },
  }),
  es('tamoxifeno 20 mg cada lunes', {
    ...brand('tamoxifeno', 'tamoxifen'),
    strength: mg(20),
    frequency: { timesPerDay: 1, daysOfWeek: [1] },
  }),
  es('Xeloda 3 semanas sí y 1 no', {
    ...brand('Xeloda', 'capecitabine'),
    cycle: { daysOn: 21, daysOff: 7 },
  }),
  es('lorazepam 1 mg a demanda para la ansiedad', {
    ...generic('lorazepam'),
    strength: mg(1),
    asNeeded: true,
    reason: 'ansiedad',
  }),
  es('metoclopramida 10 mg 1 comprimido antes de las comidas', {
    ...brand('metoclopramida', 'metoclopramide'),
    strength: mg(10),
    dose: tablets(1),
    frequency: { timesPerDay: 3, timesOfDay: ['08:00', '13:00', '19:00'] },
    route: 'oral',
  }),
  es('medio comprimido de lorazepam al acostarme', {
    ...generic('lorazepam'),
    dose: tablets(0.5),
    frequency: { timesPerDay: 1, timesOfDay: ['22:00'] },
    route: 'oral',
  }),
  es('dos comprimidos de paracetamol cada 8 horas', {
    ...brand('paracetamol', 'acetaminophen'),
    dose: tablets(2),
    frequency: { everyHours: 8 },
    route: 'oral',
  }),
  es('enoxaparina 40 mg inyección subcutánea cada día desde el lunes', {
    ...brand('enoxaparina', 'enoxaparin'),
    strength: mg(40),
    frequency: { timesPerDay: 1 },
    route: 'subcutaneous',
    startDate: '2027-01-11',
  }),
  es('morfina 10 mg cada 4 horas cuando sea necesario para el dolor', {
    ...brand('morfina', 'morphine'),
    strength: mg(10),
    frequency: { everyHours: 4 },
    asNeeded: true,
    reason: 'dolor',
  }),
  es('temozolomida 140 mg del 5 de enero al 9 de enero', {
    ...brand('temozolomida', 'temozolomide'),
    strength: mg(140),
    startDate: '2027-01-05',
    endDate: '2027-01-09',
  }),
  es('dexametasona 4 mg a las 9 de la mañana y a las 9 de la noche', {
    ...brand('dexametasona', 'dexamethasone'),
    strength: mg(4),
    frequency: { timesPerDay: 2, timesOfDay: ['09:00', '21:00'] },
  }),
  es('ondansetrón 8 mg 3 veces al día hasta el 15 de marzo', {
    ...generic('ondansetron'),
    strength: mg(8),
    frequency: { timesPerDay: 3 },
    endDate: '2027-03-15',
  }),
  es('Xeloda del día 1 al 14 cada 21 días', {
    ...brand('Xeloda', 'capecitabine'),
    cycle: { daysOn: 14, daysOff: 7 },
  }),
  es('filgrastim 1 inyección subcutánea diaria durante 5 días a partir de mañana', {
    ...generic('filgrastim'),
    dose: { value: 1, form: 'injection' },
    frequency: { timesPerDay: 1 },
    route: 'subcutaneous',
    startDate: '2027-01-07',
    endDate: '2027-01-11',
    durationDays: 5,
  }),
  es('Nolotil 575 mg 1-0-1', {
    ...brand('Nolotil', 'metamizole'),
    strength: mg(575),
    frequency: { timesPerDay: 2, timesOfDay: ['08:00', '19:00'] },
  }),
  es('Tomo Zorbláx 10 mg vía oral una vez al día', {
    name: 'Zorbláx',
    recognized: false,
    strength: mg(10),
    frequency: { timesPerDay: 1 },
    route: 'oral',
  }),
];

function withDefaults(expected: Expected): Record<string, unknown> {
  return { asNeeded: false, problems: [], ...expected };
}

describe('offline analyzer: real-world phrasings', () => {
  const analyzer = createOfflineAnalyzer({ today: () => TODAY });

  it('has a table of at least 40 phrasings in both languages', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(40);
    expect(PHRASINGS.some(({ language }) => language === 'es')).toBe(true);
  });

  it.each(PHRASINGS)('understands $language: $text', async ({ text, language, expected }) => {
    const analysis = await analyzer.analyze(text, language);

    expect(analysis.medications).toHaveLength(1);
    const [understood] = analysis.medications as [MedicationUnderstanding];
    const wanted = withDefaults(expected);
    for (const field of FIELDS) {
      // Field and value together, so a failure names the field.
      expect({ field, value: understood[field] }).toEqual({ field, value: wanted[field] });
    }
  });
});

describe('offline analyzer: several medications in one text', () => {
  const analyzer = createOfflineAnalyzer({ today: () => TODAY });

  it('reads a known drug and another known drug', async () => {
    const { medications } = await analyzer.analyze(
      'tamoxifen 20mg daily and ondansetron 8mg as needed',
      'en',
    );

    expect(medications.map(({ name }) => name)).toEqual(['tamoxifen', 'ondansetron']);
    expect(medications[0]?.frequency).toEqual({ timesPerDay: 1 });
    expect(medications[0]?.asNeeded).toBe(false);
    expect(medications[1]?.strength).toEqual(mg(8));
    expect(medications[1]?.asNeeded).toBe(true);
  });

  it('reads an unknown drug before a known one, each with its own schedule', async () => {
    const { medications } = await analyzer.analyze(
      'I take Zorblax 10 mg at night and tamoxifen 20 mg every morning',
      'en',
    );

    expect(medications.map(({ name, recognized }) => [name, recognized])).toEqual([
      ['Zorblax', false],
      ['tamoxifen', true],
    ]);
    expect(medications[0]?.frequency?.timesOfDay).toEqual(['21:00']);
    expect(medications[1]?.frequency?.timesOfDay).toEqual(['08:00']);
  });

  it('reads two unknown drugs joined by "y"', async () => {
    const { medications } = await analyzer.analyze('Zorblax 10 mg y Blorf 5 mg cada noche', 'es');

    expect(medications.map(({ name }) => name)).toEqual(['Zorblax', 'Blorf']);
    expect(medications[0]?.frequency).toBeUndefined();
    expect(medications[1]?.frequency).toEqual({ timesPerDay: 1, timesOfDay: ['21:00'] });
  });

  it('keeps a drug named only as context out of the list', async () => {
    const { medications } = await analyzer.analyze(
      'dexamethasone 4 mg to prevent nausea from cisplatin',
      'en',
    );

    expect(medications.map(({ name }) => name)).toEqual(['dexamethasone']);
    expect(medications[0]?.reason).toBe('nausea');
  });
});

describe('createOfflineAnalyzer', () => {
  it('names itself and its analyses "offline"', async () => {
    const analyzer = createOfflineAnalyzer({ today: () => TODAY });

    expect(analyzer.name).toBe('offline');
    expect((await analyzer.analyze('tamoxifen', 'en')).analyzer).toBe('offline');
  });

  it('finds nothing in text that names no medication', async () => {
    const analyzer = createOfflineAnalyzer({ today: () => TODAY });

    for (const text of ['', 'hello', 'yes', 'twice a day', '   ']) {
      expect((await analyzer.analyze(text, 'en')).medications).toEqual([]);
    }
  });

  it('reads the clock on every call', async () => {
    let today = '2027-01-06';
    const analyzer = createOfflineAnalyzer({ today: () => today });

    const first = await analyzer.analyze('tamoxifen starting tomorrow', 'en');
    today = '2027-02-27';
    const second = await analyzer.analyze('tamoxifen starting tomorrow', 'en');

    expect(first.medications[0]?.startDate).toBe('2027-01-07');
    expect(second.medications[0]?.startDate).toBe('2027-02-28');
  });

  it('refuses a clock that does not give a yyyy-mm-dd date', async () => {
    const analyzer = createOfflineAnalyzer({ today: () => '06/01/2027' });

    await expect(analyzer.analyze('tamoxifen', 'en')).rejects.toThrow(/yyyy-mm-dd/);
  });
});
