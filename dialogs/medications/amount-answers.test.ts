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
    ['20 mg.', { value: 20, unit: 'mg' }],
    ['2 mg/ml', { value: 2, unit: 'mg/ml' }],
    ['100 mcg / h', { value: 100, unit: 'mcg/h' }],
  ])('reads %j', (text, strength) => {
    expect(parseStrength(text, 'en')).toEqual(strength);
  });

  it('reads a thousands mark the way the language writes it', () => {
    expect(parseStrength('1,500 mg', 'en')).toEqual({ value: 1500, unit: 'mg' });
    expect(parseStrength('1.500 mg', 'es')).toEqual({ value: 1500, unit: 'mg' });
    expect(parseStrength('1,5 mg', 'es')).toEqual({ value: 1.5, unit: 'mg' });
  });

  it('takes the current unit for a bare number, and needs one otherwise', () => {
    expect(parseStrength('40', 'en', 'mg')).toEqual({ value: 40, unit: 'mg' });
    expect(parseStrength('40', 'en')).toBeUndefined();
  });

  it.each(['lots', 'mg', '20 bananas', '', 'twenty', '1.2.3 mg', '2 mg/bananas'])(
    'rejects %j',
    (text) => {
      expect(parseStrength(text, 'en')).toBeUndefined();
    },
  );
});

describe('parseDoseAmount', () => {
  it.each([
    ['1 tablet', { value: 1, form: 'tablet' }],
    ['2 capsules', { value: 2, form: 'capsule' }],
    ['two pills', { value: 2, form: 'tablet' }],
    ['half a tablet', { value: 0.5, form: 'tablet' }],
    ['1/2 tablet', { value: 0.5, form: 'tablet' }],
    ['1 1/2 tablets', { value: 1.5, form: 'tablet' }],
    ['an injection', { value: 1, form: 'injection' }],
    ['5ml', { value: 5, form: 'ml' }],
    ['2.5 ml', { value: 2.5, form: 'ml' }],
    ['una pastilla', { value: 1, form: 'tablet' }],
    ['dos cápsulas', { value: 2, form: 'capsule' }],
    ['media pastilla', { value: 0.5, form: 'tablet' }],
    ['3 comprimidos', { value: 3, form: 'tablet' }],
    ['2 puffs', { value: 2, form: 'puff' }],
    ['20 gotas', { value: 20, form: 'drop' }],
  ])('reads %j', (text, amount) => {
    expect(parseDoseAmount(text, 'en')).toEqual(amount);
  });

  it('reads decimals the way the language writes them', () => {
    expect(parseDoseAmount('2,5 ml', 'es')).toEqual({ value: 2.5, form: 'ml' });
  });

  it('keeps the current form for a bare number', () => {
    expect(parseDoseAmount('3', 'en', 'capsule')).toEqual({ value: 3, form: 'capsule' });
    expect(parseDoseAmount('3', 'en')).toBeUndefined();
  });

  it.each(['some', '2 elephants', 'tablet', '', '20 mg'])('rejects %j', (text) => {
    expect(parseDoseAmount(text, 'en')).toBeUndefined();
  });
});
