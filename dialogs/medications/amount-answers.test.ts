/**
 * Strengths and amounts as people type them when correcting a medication, in English and
 * Spanish, and what is not one.
 */
import { describe, expect, it } from '@jest/globals';
import { parseDoseAmount, parseStrength } from './amount-answers.js';

describe('parseStrength', () => {
  it.each([
    ['20 mg', { value: 20, unit: 'mg' }],
    ['1500MG', { value: 1500, unit: 'mg' }],
    ['2,5 mg', { value: 2.5, unit: 'mg' }],
    ['0.5 mcg', { value: 0.5, unit: 'mcg' }],
    ['100 µg', { value: 100, unit: 'mcg' }],
    ['100 unidades', { value: 100, unit: 'units' }],
    ['5 %', { value: 5, unit: '%' }],
    ['10 miligramos', { value: 10, unit: 'mg' }],
  ])('reads %j', (text, strength) => {
    expect(parseStrength(text)).toEqual(strength);
  });

  it('takes the current unit for a bare number, and needs one otherwise', () => {
    expect(parseStrength('40', 'mg')).toEqual({ value: 40, unit: 'mg' });
    expect(parseStrength('40')).toBeUndefined();
  });

  it.each(['lots', 'mg', '20 bananas', '', 'twenty'])('rejects %j', (text) => {
    expect(parseStrength(text)).toBeUndefined();
  });
});

describe('parseDoseAmount', () => {
  it.each([
    ['1 tablet', { value: 1, form: 'tablet' }],
    ['2 capsules', { value: 2, form: 'capsule' }],
    ['two pills', { value: 2, form: 'tablet' }],
    ['half a tablet', { value: 0.5, form: 'tablet' }],
    ['1/2 tablet', { value: 0.5, form: 'tablet' }],
    ['5ml', { value: 5, form: 'ml' }],
    ['una pastilla', { value: 1, form: 'tablet' }],
    ['dos cápsulas', { value: 2, form: 'capsule' }],
    ['3 comprimidos', { value: 3, form: 'tablet' }],
    ['2 puffs', { value: 2, form: 'puff' }],
  ])('reads %j', (text, amount) => {
    expect(parseDoseAmount(text)).toEqual(amount);
  });

  it('keeps the current form for a bare number', () => {
    expect(parseDoseAmount('3', 'capsule')).toEqual({ value: 3, form: 'capsule' });
    expect(parseDoseAmount('3')).toBeUndefined();
  });

  it.each(['some', '2 elephants', 'tablet', ''])('rejects %j', (text) => {
    expect(parseDoseAmount(text)).toBeUndefined();
  });
});
