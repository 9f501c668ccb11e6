/**
 * Tests crisis resource lines against the real locale files through a real i18next instance,
 * and the time-zone-to-country lookup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import i18next, { type i18n } from 'i18next';
import {
  countryForTimeZone,
  crisisResourceLines,
  type TranslateFunction,
} from './crisis-resources.js';

const INTERNATIONAL_EN = 'Outside these countries, find a local helpline at findahelpline.com.';

/** Reads one locale's safety namespace from `locales/` at the project root. */
function readSafetyJson(language: string): Record<string, unknown> {
  const file = path.resolve(process.cwd(), 'locales', language, 'safety.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Returns a `t` bound to one language, in the shape `crisisResourceLines` expects. */
function translatorFor(instance: i18n, language: string): TranslateFunction {
  const t = instance.getFixedT(language);
  return (key, options) => t(key, options);
}

describe('crisisResourceLines', () => {
  let instance: i18n;

  beforeAll(async () => {
    instance = i18next.createInstance();
    await instance.init({
      lng: 'en',
      fallbackLng: 'en',
      ns: ['safety'],
      defaultNS: 'safety',
      resources: { en: { safety: readSafetyJson('en') }, es: { safety: readSafetyJson('es') } },
    });
  });

  it('returns the US lines, without the international line', () => {
    expect(crisisResourceLines(translatorFor(instance, 'en'), 'US', 'US')).toEqual([
      'Call or text 988 (Suicide & Crisis Lifeline), any time, free.',
      'If you are in immediate danger, call 911.',
    ]);
  });

  it('returns the Spanish lines for Spain in Spanish, whatever the default country', () => {
    const lines = crisisResourceLines(translatorFor(instance, 'es'), 'es', 'US');

    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('024');
    expect(lines[1]).toBe('Si estás en peligro inmediato, llama al 112.');
  });

  it('mentions Spanish-language support on the US line in Spanish', () => {
    const lines = crisisResourceLines(translatorFor(instance, 'es'), 'US', 'US');

    expect(lines[0]).toContain('988');
    expect(lines[0]).toContain('español');
  });

  it.each([['DE'], [null], [undefined], ['international'], ['']])(
    'falls back to the default country plus the international line for %p',
    (countryCode) => {
      expect(crisisResourceLines(translatorFor(instance, 'en'), countryCode, 'GB')).toEqual([
        'Call Samaritans on 116 123, any time, free.',
        'If you are in immediate danger, call 999.',
        INTERNATIONAL_EN,
      ]);
    },
  );

  it('returns only the international line when the default country has no entry either', () => {
    expect(crisisResourceLines(translatorFor(instance, 'en'), 'FR', 'DE')).toEqual([
      INTERNATIONAL_EN,
    ]);
  });

  it('has the same keys in English and Spanish', () => {
    const keysOf = (json: Record<string, unknown>): string[] =>
      Object.entries(json).flatMap(([key, value]) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? keysOf(value as Record<string, unknown>).map((child) => `${key}.${child}`)
          : [key],
      );

    expect(keysOf(readSafetyJson('es')).sort()).toEqual(keysOf(readSafetyJson('en')).sort());
  });
});

describe('countryForTimeZone', () => {
  it.each([
    ['Europe/Madrid', 'ES'],
    ['America/Mexico_City', 'MX'],
    ['America/Toronto', 'CA'],
    ['Europe/London', 'GB'],
    ['America/New_York', 'US'],
  ])('maps %s to %s', (timeZone, country) => {
    expect(countryForTimeZone(timeZone)).toBe(country);
  });

  it.each([['Not/AZone'], [''], [null], [undefined]])('returns undefined for %p', (timeZone) => {
    expect(countryForTimeZone(timeZone)).toBeUndefined();
  });
});
