/**
 * What counts as an answer to each profile question, typed or pressed, in English and
 * Spanish; the same rules serve onboarding and the profile flow, which alone asks the
 * settings (quiet hours, health details in texts).
 */
import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_QUIET_HOURS,
  isSkip,
  NO_QUIET_HOURS,
  parseDisplayName,
  parseQuietHours,
  parseRegion,
  recognizeCancerType,
  recognizeLanguage,
  recognizeRole,
  recognizeTextDetails,
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

describe('parseQuietHours', () => {
  it.each([
    ['22:00-07:00', '22:00', '07:00'],
    ['22:00 – 07:00', '22:00', '07:00'],
    ['21:30 to 6:45', '21:30', '06:45'],
    ['10pm to 7am', '22:00', '07:00'],
    ['10 PM - 7 A.M.', '22:00', '07:00'],
    ['from 11pm until 6:30am', '23:00', '06:30'],
    ['12am to 7am', '00:00', '07:00'],
    ['1pm to 3pm', '13:00', '15:00'],
    ['12pm to 2pm', '12:00', '14:00'],
    ['de 22 a 7', '22:00', '07:00'],
    ['22 a 7', '22:00', '07:00'],
    ['De las 23 a las 6.', '23:00', '06:00'],
    ['entre las 22:30 y las 7', '22:30', '07:00'],
    ['22h-7h', '22:00', '07:00'],
    ['10 de la noche a 7 de la mañana', '22:00', '07:00'],
    ['12 de la noche a 8 de la mañana', '00:00', '08:00'],
    ['0:00 a 6:00', '00:00', '06:00'],
  ])('reads %j as %s to %s', (typed, start, end) => {
    expect(parseQuietHours(typed)).toEqual({ value: { start, end } });
  });

  it.each(['off', 'None', 'ninguna', 'Sin horas de silencio', 'quiet:off', '22:00-22:00'])(
    'reads %j as no quiet hours (equal start and end)',
    (typed) => {
      expect(parseQuietHours(typed)).toEqual({ value: NO_QUIET_HOURS });
      expect(NO_QUIET_HOURS.start).toBe(NO_QUIET_HOURS.end);
    },
  );

  it.each(['default', 'Por defecto', 'predeterminado', 'quiet:default'])(
    'reads %j as the defaults (both null)',
    (typed) => {
      expect(parseQuietHours(typed)).toEqual({ value: DEFAULT_QUIET_HOURS });
      expect(DEFAULT_QUIET_HOURS).toEqual({ start: null, end: null });
    },
  );

  it.each([
    '',
    'night',
    '22:00',
    '25:00-07:00',
    '22:00-24:00',
    '22:60-07:00',
    '7:75 to 9',
    '13pm to 7am',
    '0am to 7am',
    '10pm to 7am tomorrow',
    '22:00-07:00-09:00',
    '2200-0700',
    'yes',
  ])('rejects %j', (typed) => {
    expect(parseQuietHours(typed)).toBeUndefined();
  });
});

describe('recognizeTextDetails', () => {
  it.each(['details:yes', 'Yes', 'Sí', 'Yes, include them', 'Sí, inclúyelos'])(
    'reads %j as allowing details',
    (typed) => {
      expect(recognizeTextDetails(typed)).toEqual({ value: true });
    },
  );

  it.each(['details:no', 'No', 'No, leave them out', 'No, déjalos fuera', 'no gracias'])(
    'reads %j as keeping details out',
    (typed) => {
      expect(recognizeTextDetails(typed)).toEqual({ value: false });
    },
  );

  it.each(['maybe', 'quizás', '', 'details'])('rejects %j', (typed) => {
    expect(recognizeTextDetails(typed)).toBeUndefined();
  });
});
