import { describe, expect, it } from '@jest/globals';
import type { AnalysisLanguage, AnalysisProblem } from '../medical-text-analyzer.js';
import { parseMedications } from './medication-parser.js';
import { findAmountProblems, MAX_STRENGTH_MG, MAX_UNITS_PER_DOSE } from './schedule-problems.js';

function problemsOf(text: string, language: AnalysisLanguage = 'en'): AnalysisProblem[] {
  const [medication] = parseMedications(text, { today: '2027-01-06', language });
  return medication?.problems ?? ['(no medication found)' as AnalysisProblem];
}

describe('impossible schedules are flagged, not accepted', () => {
  it.each<[string, AnalysisLanguage, AnalysisProblem]>([
    ['ondansetron every 0 hours', 'en', 'zero_interval'],
    ['ondansetrón cada 0 horas', 'es', 'zero_interval'],
    ['tamoxifen every 0 days', 'en', 'zero_interval'],
    ['ondansetron every 30 minutes', 'en', 'interval_too_short'],
    ['ondansetrón cada 20 minutos', 'es', 'interval_too_short'],
    ['tamoxifen 40 tablets daily', 'en', 'too_many_units'],
    ['tamoxifeno 12 comprimidos al día', 'es', 'too_many_units'],
    ['Zofran 15 times a day', 'en', 'too_many_times'],
    ['Zofran 8 veces al día', 'es', 'too_many_times'],
    ['50000 mg tamoxifen', 'en', 'strength_implausible'],
    ['tamoxifen 0 mg daily', 'en', 'strength_implausible'],
    ['tamoxifen 20 g 1 tablet', 'en', 'strength_implausible'],
    ['Xeloda 0 days on 7 off', 'en', 'cycle_implausible'],
    ['Xeloda 0 semanas sí y 1 no', 'es', 'cycle_implausible'],
    ['Revlimid days 1-21 of a 14-day cycle', 'en', 'cycle_implausible'],
    ['Zoladex every 12 months', 'en', 'cycle_implausible'],
  ])('flags "%s" (%s) as %s', (text, language, problem) => {
    expect(problemsOf(text, language)).toEqual([problem]);
  });

  it('keeps what was read beside the problem, for the dialog to ask about', () => {
    const [medication] = parseMedications('Zofran 15 times a day', {
      today: '2027-01-06',
      language: 'en',
    });

    expect(medication?.frequency).toEqual({ timesPerDay: 15 });
  });

  it('flags more than one problem at once', () => {
    expect(problemsOf('tamoxifen 40 tablets every 0 hours')).toEqual([
      'zero_interval',
      'too_many_units',
    ]);
  });

  it.each([
    'tamoxifen 20 mg daily',
    'capecitabine 500 mg 3 tablets twice a day',
    'oxycodone 5 mg every 4 hours as needed',
    'MiraLAX 17 g daily',
    'methotrexate 12000 mg IV',
    'paracetamol 20 gotas cada 8 horas',
    'lactulose 15 ml twice a day',
    'Xeloda 14 days on 7 off',
    'Zofran 6 times a day',
    'Zoladex every 3 months',
  ])('leaves the plausible "%s" alone', (text) => {
    expect(problemsOf(text, /gotas/.test(text) ? 'es' : 'en')).toEqual([]);
  });
});

describe('findAmountProblems', () => {
  it(`allows ${MAX_UNITS_PER_DOSE} tablets and flags one more`, () => {
    const tablets = (value: number) => ({ value, form: 'tablet' });

    expect(findAmountProblems(undefined, tablets(MAX_UNITS_PER_DOSE), 'oral')).toEqual([]);
    expect(findAmountProblems(undefined, tablets(MAX_UNITS_PER_DOSE + 1), 'oral')).toEqual([
      'too_many_units',
    ]);
  });

  it('counts drops and millilitres without a limit', () => {
    expect(findAmountProblems(undefined, { value: 30, form: 'drop' }, 'oral')).toEqual([]);
    expect(findAmountProblems(undefined, { value: 30, form: 'ml' }, 'oral')).toEqual([]);
  });

  it(`allows ${MAX_STRENGTH_MG} mg and flags more, unless infused`, () => {
    const strength = (value: number) => ({ value, unit: 'mg' });

    expect(findAmountProblems(strength(MAX_STRENGTH_MG), undefined, undefined)).toEqual([]);
    expect(findAmountProblems(strength(MAX_STRENGTH_MG + 1), undefined, undefined)).toEqual([
      'strength_implausible',
    ]);
    expect(findAmountProblems(strength(MAX_STRENGTH_MG + 1), undefined, 'intravenous')).toEqual([]);
  });

  it('compares micrograms and grams in milligrams', () => {
    expect(findAmountProblems({ value: 20_000_000, unit: 'mcg' }, undefined, 'oral')).toEqual([
      'strength_implausible',
    ]);
    expect(findAmountProblems({ value: 500, unit: 'mcg' }, undefined, 'oral')).toEqual([]);
    expect(
      findAmountProblems({ value: 11, unit: 'g' }, { value: 1, form: 'capsule' }, 'oral'),
    ).toEqual(['strength_implausible']);
  });
});
