/**
 * What counts as an answer to each profile question, typed or pressed, in English and
 * Spanish; the same rules serve onboarding and the profile flow.
 */
import { describe, expect, it } from '@jest/globals';
import {
  isSkip,
  parseDisplayName,
  parseRegion,
  recognizeCancerType,
  recognizeLanguage,
  recognizeRole,
  recognizeTimeZone,
} from './profile-answers.js';

describe('parseDisplayName', () => {
  it.each([
    ['Zoë', 'Zoë'],
    ['  José  ', 'José'],
    ['Mary-Jane O’Neil', 'Mary-Jane O’Neil'],
    ['Jo\u0308e', 'Jöe'],
    ['田中', '田中'],
    ['Ana\u202Emaria', 'Anamaria'],
    ['Ana\nMaría', 'Ana María'],
    ["I'm Sam", 'Sam'],
    ['me llamo Lucía', 'Lucía'],
    ['x'.repeat(40), 'x'.repeat(40)],
  ])('accepts %j as %j', (typed, name) => {
    expect(parseDisplayName(typed)).toEqual({ value: name });
  });

  it.each([
    '',
    '   ',
    '🙂',
    'Sam 🙂',
    '123',
    'x'.repeat(41),
    '<b>Sam</b>',
    'role:patient',
    '\u0000\u0007',
  ])('rejects %j', (typed) => {
    expect(parseDisplayName(typed)).toBeUndefined();
  });
});

describe('choices', () => {
  it('recognises languages by button, name or code, without accents', () => {
    expect(recognizeLanguage('lang:es')).toEqual({ value: 'es' });
    expect(recognizeLanguage('ESPAÑOL.')).toEqual({ value: 'es' });
    expect(recognizeLanguage('inglés')).toEqual({ value: 'en' });
    expect(recognizeLanguage('français')).toBeUndefined();
  });

  it('recognises roles in both languages', () => {
    expect(recognizeRole('role:patient')).toEqual({ value: 'patient' });
    expect(recognizeRole('Soy cuidadora')).toEqual({ value: 'caregiver' });
    expect(recognizeRole('Caregiver or family')).toEqual({ value: 'caregiver' });
    expect(recognizeRole('doctor')).toBeUndefined();
  });

  it('recognises skipping', () => {
    expect(['skip', 'Saltar!', 'answer:skip', 'omitir'].every(isSkip)).toBe(true);
    expect(isSkip('skipper')).toBe(false);
  });
});

describe('optional questions', () => {
  it('finds a time zone from a place, or null on skip', () => {
    expect(recognizeTimeZone('Madrid, Spain')).toEqual({ value: 'Europe/Madrid' });
    expect(recognizeTimeZone('skip')).toEqual({ value: null });
    expect(recognizeTimeZone('Xyzzyville')).toBeUndefined();
  });

  it('knows common cancer types and keeps other words as typed', () => {
    expect(recognizeCancerType('cancer:blood')).toEqual({ value: 'blood' });
    expect(recognizeCancerType('Leucemia')).toEqual({ value: 'blood' });
    expect(recognizeCancerType('cáncer de mama')).toEqual({ value: 'breast' });
    expect(recognizeCancerType(' Ewing  sarcoma ')).toEqual({ value: 'Ewing sarcoma' });
    expect(recognizeCancerType('Saltar')).toEqual({ value: null });
    expect(recognizeCancerType('🙂')).toBeUndefined();
  });

  it('takes a region of up to 60 characters', () => {
    expect(parseRegion('Jalisco, México')).toEqual({ value: 'Jalisco, México' });
    expect(parseRegion('skip')).toEqual({ value: null });
    expect(parseRegion('a'.repeat(61))).toBeUndefined();
    expect(parseRegion('***')).toBeUndefined();
  });
});
