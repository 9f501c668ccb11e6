/**
 * Tests for the minimal attribute readers: strengths, amounts, routes and durations as
 * Comprehend Medical returns them in attribute texts. All text is synthetic.
 */
import { describe, expect, it } from '@jest/globals';
import { readDoseAmount, readDurationDays, readRoute, readStrength } from './attribute-text.js';

describe('readStrength', () => {
  it.each([
    ['20 mg', { value: 20, unit: 'mg' }],
    ['1500mg', { value: 1500, unit: 'mg' }],
    ['1,500 mg', { value: 1500, unit: 'mg' }],
    ['0.5 MG', { value: 0.5, unit: 'mg' }],
    ['100 micrograms', { value: 100, unit: 'mcg' }],
    ['50 mcg', { value: 50, unit: 'mcg' }],
    ['25 µg', { value: 25, unit: 'mcg' }],
    ['1 g', { value: 1, unit: 'g' }],
    ['2 grams', { value: 2, unit: 'g' }],
    ['10 mg/ml', { value: 10, unit: 'mg/ml' }],
    ['5 ml', { value: 5, unit: 'ml' }],
    ['10 units', { value: 10, unit: 'units' }],
    ['1%', { value: 1, unit: '%' }],
    ['20 mg/day', { value: 20, unit: 'mg' }],
  ])('reads %j', (text, expected) => {
    expect(readStrength(text)).toEqual(expected);
  });

  it.each(['two tablets', '20', 'mg', '2 gel caps', ''])('finds no strength in %j', (text) => {
    expect(readStrength(text)).toBeUndefined();
  });
});

describe('readDoseAmount', () => {
  it.each([
    ['2 tablets', '', { value: 2, form: 'tablet' }],
    ['one capsule', '', { value: 1, form: 'capsule' }],
    ['a tablet', '', { value: 1, form: 'tablet' }],
    ['half a tab', '', { value: 0.5, form: 'tablet' }],
    ['2.5 ml', '', { value: 2.5, form: 'ml' }],
    ['2 puffs', '', { value: 2, form: 'puff' }],
    ['2', 'tablets', { value: 2, form: 'tablet' }],
    ['three', 'drops', { value: 3, form: 'drop' }],
  ])('reads %j with form %j', (dosage, form, expected) => {
    expect(readDoseAmount(dosage, form)).toEqual(expected);
  });

  it.each([['1500mg'], ['2'], ['1/2 tablet'], ['some tablets']])(
    'finds no amount in %j',
    (dosage) => {
      expect(readDoseAmount(dosage)).toBeUndefined();
    },
  );
});

describe('readRoute', () => {
  it.each([
    ['by mouth', 'oral'],
    ['orally', 'oral'],
    ['PO', 'oral'],
    ['under the skin', 'subcutaneous'],
    ['subcutaneously', 'subcutaneous'],
    ['IV', 'intravenous'],
    ['under the tongue', 'sublingual'],
    ['inhaled', 'inhaled'],
    ['topical', 'topical'],
  ])('reads %j as %j', (text, expected) => {
    expect(readRoute(text)).toBe(expected);
  });

  it('finds no route in words it does not know', () => {
    expect(readRoute('with water')).toBeUndefined();
  });
});

describe('readDurationDays', () => {
  it.each([
    ['for 5 days', 5],
    ['for two weeks', 14],
    ['for a week', 7],
    ['10 days', 10],
  ])('reads %j as %d days', (text, expected) => {
    expect(readDurationDays(text)).toBe(expected);
  });

  it.each(['for a month', 'for days', 'until it is gone'])('finds no days in %j', (text) => {
    expect(readDurationDays(text)).toBeUndefined();
  });
});
