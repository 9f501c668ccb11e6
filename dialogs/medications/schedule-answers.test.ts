/**
 * When people say they take a medication, in English and Spanish: times, counts,
 * intervals, as needed, cycles and dates.
 */
import { describe, expect, it } from '@jest/globals';
import { createOfflineAnalyzer } from '../../src/medications/analysis/offline/offline-analyzer.js';
import {
  parseCycle,
  parseDate,
  parseEndDate,
  parseTimesOfDay,
  parseWhen,
} from './schedule-answers.js';

const TODAY = '2027-03-10';

describe('parseTimesOfDay', () => {
  it.each([
    ['8:00 and 20:00', ['08:00', '20:00']],
    ['8am and 8pm', ['08:00', '20:00']],
    ['8 a.m. and 8 p.m.', ['08:00', '20:00']],
    ['12am', ['00:00']],
    ['12 pm', ['12:00']],
    ['21:30, 9:15', ['09:15', '21:30']],
    ['at 7', ['07:00']],
    ['9 y 21', ['09:00', '21:00']],
    ['a las 8 de la noche', ['20:00']],
    ['3 de la tarde', ['15:00']],
    ['in the morning and at night', ['08:00', '21:00']],
    ['por la mañana y por la noche', ['08:00', '21:00']],
    ['20h', ['20:00']],
    ['8:00 and 8:00', ['08:00']],
  ])('reads %j', (text, times) => {
    expect(parseTimesOfDay(text)).toEqual(times);
  });

  it.each(['25:00', '8:75', '13pm', 'sometimes', '8 and later', ''])('rejects %j', (text) => {
    expect(parseTimesOfDay(text)).toBeUndefined();
  });

  it.each([
    ['with dinner', 'en'],
    ['in the evening', 'en'],
    ['in the afternoon', 'en'],
    ['with lunch', 'en'],
    ['con la cena', 'es'],
    ['por la tarde', 'es'],
    ['con el almuerzo', 'es'],
  ] as const)('gives %j the time a description with it gets', async (words, language) => {
    const { medications } = await createOfflineAnalyzer().analyze(
      `letrozole 2.5 mg ${words}`,
      language,
    );
    const described = medications[0]?.frequency?.timesOfDay;

    expect(described).toHaveLength(1);
    expect(parseTimesOfDay(words)).toEqual(described);
  });
});

describe('parseWhen', () => {
  it.each([
    ['twice a day', { kind: 'perDay', timesPerDay: 2 }],
    ['3 times a day', { kind: 'perDay', timesPerDay: 3 }],
    ['once per day', { kind: 'perDay', timesPerDay: 1 }],
    ['dos veces al día', { kind: 'perDay', timesPerDay: 2 }],
    ['una vez al dia', { kind: 'perDay', timesPerDay: 1 }],
    ['every 8 hours', { kind: 'interval', everyHours: 8 }],
    ['cada 12 horas', { kind: 'interval', everyHours: 12 }],
    ['every 0 hours', { kind: 'interval', everyHours: 0 }],
    ['as needed', { kind: 'asNeeded' }],
    ['when:as-needed', { kind: 'asNeeded' }],
    ['cuando lo necesite', { kind: 'asNeeded' }],
    ['9am', { kind: 'times', timesOfDay: ['09:00'] }],
  ])('reads %j', (text, when) => {
    expect(parseWhen(text)).toEqual(when);
  });

  it('rejects what says none of these', () => {
    expect(parseWhen('now and then')).toBeUndefined();
  });
});

describe('parseCycle', () => {
  it.each([
    ['14 days on, 7 off', { daysOn: 14, daysOff: 7 }],
    ['21/7', { daysOn: 21, daysOff: 7 }],
    ['3 weeks on 1 week off', { daysOn: 21, daysOff: 7 }],
    ['14 días sí, 7 no', { daysOn: 14, daysOff: 7 }],
    ['5 on 0 off', { daysOn: 5, daysOff: 0 }],
  ])('reads %j', (text, cycle) => {
    expect(parseCycle(text)).toEqual(cycle);
  });

  it('reads "no cycle" as none and rejects the rest', () => {
    expect(parseCycle('No cycle')).toBeNull();
    expect(parseCycle('todos los días')).toBeNull();
    expect(parseCycle('14 days')).toBeUndefined();
    expect(parseCycle('sometimes')).toBeUndefined();
  });
});

describe('parseDate', () => {
  it.each([
    ['today', 'en', TODAY],
    ['hoy', 'es', TODAY],
    ['Tomorrow', 'en', '2027-03-11'],
    ['mañana', 'es', '2027-03-11'],
    ['2027-04-02', 'en', '2027-04-02'],
    ['4/2', 'en', '2027-04-02'],
    ['4/2', 'es', '2027-02-04'],
    ['2/4/2028', 'es', '2028-04-02'],
    ['March 3', 'en', '2027-03-03'],
    ['3 march 2028', 'en', '2028-03-03'],
    ['3 de marzo', 'es', '2027-03-03'],
    ['3 de marzo de 2028', 'es', '2028-03-03'],
  ] as const)('reads %j (%s)', (text, locale, date) => {
    expect(parseDate(text, TODAY, locale)).toBe(date);
  });

  it.each(['2027-02-30', '13/13', 'someday', 'Marchuary 3'])('rejects %j', (text) => {
    expect(parseDate(text, TODAY, 'en')).toBeUndefined();
  });
});

describe('parseEndDate', () => {
  it('reads a length from the start, a date, or no end', () => {
    expect(parseEndDate('for 14 days', '2027-03-12', TODAY, 'en')).toBe('2027-03-25');
    expect(parseEndDate('durante 2 semanas', '2027-03-12', TODAY, 'es')).toBe('2027-03-25');
    expect(parseEndDate('June 30', '2027-03-12', TODAY, 'en')).toBe('2027-06-30');
    expect(parseEndDate('No end date', '2027-03-12', TODAY, 'en')).toBeNull();
    expect(parseEndDate('sin fecha de fin', '2027-03-12', TODAY, 'es')).toBeNull();
    expect(parseEndDate('for 0 days', '2027-03-12', TODAY, 'en')).toBeUndefined();
  });
});
