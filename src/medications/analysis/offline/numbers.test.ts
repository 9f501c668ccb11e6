import { describe, expect, it } from '@jest/globals';
import type { AnalysisLanguage } from '../medical-text-analyzer.js';
import { parseDigits, parseNumber } from './numbers.js';

describe('parseDigits', () => {
  it.each<[string, AnalysisLanguage, number]>([
    ['20', 'en', 20],
    ['0.5', 'en', 0.5],
    ['1,5', 'es', 1.5],
    ['1,5', 'en', 1.5],
    ['1,500', 'en', 1500],
    ['1.500', 'es', 1500],
    ['1,500', 'es', 1.5],
    ['12,000,000', 'en', 12_000_000],
  ])('reads %s (%s) as %d', (raw, language, value) => {
    expect(parseDigits(raw, language)).toBe(value);
  });

  it('reads nothing from a malformed number', () => {
    expect(parseDigits('1.2.3', 'en')).toBeUndefined();
  });
});

describe('parseNumber', () => {
  it.each<[string, number]>([
    ['two', 2],
    ['dos', 2],
    ['una', 1],
    ['a', 1],
    ['half a', 0.5],
    ['medio', 0.5],
    ['one and a half', 1.5],
    ['uno y medio', 1.5],
    ['1/2', 0.5],
    ['1 1/2', 1.5],
    ['2 and a half', 2.5],
    ['veintiuno', 21],
    ['twenty-one', 21],
  ])('reads %s as %d', (raw, value) => {
    expect(parseNumber(raw, 'en')).toBe(value);
  });

  it('reads nothing from a word that is no number, or a fraction over zero', () => {
    expect(parseNumber('several', 'en')).toBeUndefined();
    expect(parseNumber('1/0', 'en')).toBeUndefined();
  });
});
