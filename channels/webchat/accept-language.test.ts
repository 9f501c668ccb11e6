/**
 * Choosing the page language from Accept-Language.
 */
import { describe, expect, it } from '@jest/globals';
import { pickLocale } from './accept-language.js';

describe('pickLocale', () => {
  it.each([
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr-FR, es;q=0.8, en;q=0.5', 'es'],
    ['en;q=0.2, es;q=0.9', 'es'],
    ['es;q=0, en', 'en'],
    ['de, fr', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    ['*', 'en'],
  ])('%j -> %s', (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });

  it('uses the configured fallback when nothing matches', () => {
    expect(pickLocale('de', 'es')).toBe('es');
  });
});
