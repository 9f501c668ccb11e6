import { describe, expect, it } from '@jest/globals';
import type { AnalysisLanguage } from '../medical-text-analyzer.js';
import { resolveDate, type DateDirection } from './date-resolution.js';

// Wednesday 6 January 2027.
const TODAY = '2027-01-06';

function resolve(
  expression: string,
  direction: DateDirection = 'start',
  options: { language?: AnalysisLanguage; marker?: string; today?: string } = {},
): string | undefined {
  const { language = 'en', marker, today = TODAY } = options;
  return resolveDate(expression, { today, language, direction, ...(marker && { marker }) });
}

describe('resolveDate', () => {
  it.each([
    ['2027-01-05', '2027-01-05'],
    ['today', '2027-01-06'],
    ['tomorrow', '2027-01-07'],
    ['manana', '2027-01-07'],
    ['pasado manana', '2027-01-08'],
    ['yesterday', '2027-01-05'],
    ['monday', '2027-01-11'],
    ['el lunes', '2027-01-11'],
    ['wednesday', '2027-01-06'],
    ['next wednesday', '2027-01-13'],
    ['el miercoles que viene', '2027-01-13'],
    ['next week', '2027-01-11'],
    ['in 3 days', '2027-01-09'],
    ['en dos semanas', '2027-01-20'],
    ['march 3', '2027-03-03'],
    ['3rd of march', '2027-03-03'],
    ['3 de marzo de 2028', '2028-03-03'],
    ['dec 20', '2026-12-20'],
    ['the 15th', '2027-01-15'],
  ])('resolves the start "%s" to %s', (expression, date) => {
    expect(resolve(expression)).toBe(date);
  });

  it('reads numeric dates month first in English and day first in Spanish', () => {
    expect(resolve('5/1/2027', 'start', { language: 'en' })).toBe('2027-05-01');
    expect(resolve('5/1/2027', 'start', { language: 'es' })).toBe('2027-01-05');
    expect(resolve('25/1/27', 'start', { language: 'en' })).toBe('2027-01-25');
  });

  it('puts an end date on or after the reference day, across the new year', () => {
    expect(resolve('january 2', 'end')).toBe('2028-01-02');
    expect(resolve('dec 20', 'end')).toBe('2027-12-20');
    expect(resolve('january 10', 'end', { today: '2027-12-20' })).toBe('2028-01-10');
    expect(resolve('friday', 'end')).toBe('2027-01-08');
  });

  it('looks back after "since"', () => {
    expect(resolve('monday', 'start', { marker: 'since' })).toBe('2027-01-04');
    expect(resolve('march 3', 'start', { marker: 'since' })).toBe('2026-03-03');
  });

  it('resolves nothing for impossible or unknown dates', () => {
    expect(resolve('2027-02-30')).toBeUndefined();
    expect(resolve('february 30, 2027')).toBeUndefined();
    expect(resolve('someday')).toBeUndefined();
  });
});
