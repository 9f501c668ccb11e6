import { describe, expect, it } from '@jest/globals';
import type { AnalysisLanguage, Frequency } from '../medical-text-analyzer.js';
import { parseMedicationDetails } from './medication-parser.js';

function frequencyOf(text: string, language: AnalysisLanguage = 'en'): Frequency | undefined {
  return parseMedicationDetails(text, { today: '2027-01-06', language }).frequency;
}

describe('frequency: counts a day', () => {
  it.each<[string, AnalysisLanguage, number]>([
    ['once a day', 'en', 1],
    ['daily', 'en', 1],
    ['every day', 'en', 1],
    ['qd', 'en', 1],
    ['twice a day', 'en', 2],
    ['twice daily', 'en', 2],
    ['bid', 'en', 2],
    ['b.i.d.', 'en', 2],
    ['tid', 'en', 3],
    ['three times a day', 'en', 3],
    ['3x/day', 'en', 3],
    ['qid', 'en', 4],
    ['4 times daily', 'en', 4],
    ['una vez al día', 'es', 1],
    ['todos los días', 'es', 1],
    ['dos veces al día', 'es', 2],
    ['tres veces por día', 'es', 3],
  ])('"%s" (%s) is %d a day, with no times named', (text, language, timesPerDay) => {
    expect(frequencyOf(text, language)).toEqual({ timesPerDay });
  });

  it('does not read "2 x 500 mg" as twice a day', () => {
    expect(frequencyOf('2 x 500 mg')).toBeUndefined();
  });
});

describe('frequency: times of day', () => {
  it.each<[string, AnalysisLanguage, string[]]>([
    ['every morning', 'en', ['08:00']],
    ['in the afternoon', 'en', ['15:00']],
    ['every evening', 'en', ['18:00']],
    ['at noon', 'en', ['12:00']],
    ['at night', 'en', ['21:00']],
    ['at bedtime', 'en', ['22:00']],
    ['at night before bed', 'en', ['22:00']],
    ['with breakfast and dinner', 'en', ['08:00', '19:00']],
    ['with meals', 'en', ['08:00', '13:00', '19:00']],
    ['at 9am and 9pm', 'en', ['09:00', '21:00']],
    ['at 12am', 'en', ['00:00']],
    ['at 8, 14 and 20', 'en', ['08:00', '14:00', '20:00']],
    ['every morning at 9am', 'en', ['09:00']],
    ['at 7:30 pm', 'en', ['19:30']],
    ['por la mañana', 'es', ['08:00']],
    ['por la noche', 'es', ['21:00']],
    ['mañana y noche', 'es', ['08:00', '21:00']],
    ['al acostarme', 'es', ['22:00']],
    ['con el desayuno', 'es', ['08:00']],
    ['a las 8 y a las 20', 'es', ['08:00', '20:00']],
    ['a las 3 de la tarde', 'es', ['15:00']],
    ['a las 21:00', 'es', ['21:00']],
  ])('"%s" (%s) names %j', (text, language, timesOfDay) => {
    expect(frequencyOf(text, language)).toEqual({ timesPerDay: timesOfDay.length, timesOfDay });
  });

  it('keeps a count with only some times named', () => {
    expect(frequencyOf('three times a day, one at bedtime')).toEqual({
      timesPerDay: 3,
      timesOfDay: ['22:00'],
    });
  });

  it('does not read "mañana" alone, which can mean tomorrow, as a time', () => {
    expect(frequencyOf('lo tomo mañana', 'es')).toBeUndefined();
  });
});

describe('frequency: intervals', () => {
  it.each<[string, AnalysisLanguage, number]>([
    ['every 8 hours', 'en', 8],
    ['q8h', 'en', 8],
    ['q 6 h', 'en', 6],
    ['every 72 hours', 'en', 72],
    ['every hour', 'en', 1],
    ['cada 8 horas', 'es', 8],
    ['cada doce horas', 'es', 12],
  ])('"%s" (%s) is every %d hours', (text, language, everyHours) => {
    expect(frequencyOf(text, language)).toEqual({ everyHours });
  });

  it('turns an interval with a first time into times of day', () => {
    expect(frequencyOf('every 12 hours starting at 7am')).toEqual({
      timesPerDay: 2,
      timesOfDay: ['07:00', '19:00'],
    });
  });
});

describe('frequency: weekdays and repeats across days', () => {
  it.each<[string, AnalysisLanguage, number[]]>([
    ['weekly on Mondays', 'en', [1]],
    ['every Monday and Thursday', 'en', [1, 4]],
    ['Mon/Wed/Fri', 'en', [1, 3, 5]],
    ['on weekdays', 'en', [1, 2, 3, 4, 5]],
    ['cada lunes', 'es', [1]],
    ['los martes y viernes', 'es', [2, 5]],
    ['de lunes a viernes', 'es', [1, 2, 3, 4, 5]],
  ])('"%s" (%s) is on weekdays %j', (text, language, daysOfWeek) => {
    expect(frequencyOf(text, language)).toEqual({ timesPerDay: 1, daysOfWeek });
  });

  it('does not take "sun" alone for Sunday', () => {
    expect(frequencyOf('avoid the sun')).toBeUndefined();
  });

  it('does not read "starting Monday" as a weekly schedule', () => {
    const details = parseMedicationDetails('starting Monday', {
      today: '2027-01-06',
      language: 'en',
    });

    expect(details.frequency).toBeUndefined();
    expect(details.startDate).toBe('2027-01-11');
  });

  it.each<[string, AnalysisLanguage, number, number]>([
    ['every other day', 'en', 1, 1],
    ['un día sí y otro no', 'es', 1, 1],
    ['once a week', 'en', 1, 6],
    ['una vez a la semana', 'es', 1, 6],
    ['every 2 weeks', 'en', 1, 13],
    ['cada 21 días', 'es', 1, 20],
    ['monthly', 'en', 1, 29],
  ])('"%s" (%s) is a cycle of %d on and %d off', (text, language, daysOn, daysOff) => {
    const details = parseMedicationDetails(text, { today: '2027-01-06', language });

    expect(details.cycle).toEqual({ daysOn, daysOff });
    expect(details.frequency).toEqual({ timesPerDay: 1 });
  });
});

describe('parseMedicationDetails', () => {
  it('reads an answer with no drug name', () => {
    expect(
      parseMedicationDetails('2 tablets twice a day, 2 weeks on 1 week off, by mouth', {
        today: '2027-01-06',
        language: 'en',
      }),
    ).toEqual({
      dose: { value: 2, form: 'tablet' },
      frequency: { timesPerDay: 2 },
      route: 'oral',
      cycle: { daysOn: 14, daysOff: 7 },
      asNeeded: false,
      problems: [],
    });
  });
});
