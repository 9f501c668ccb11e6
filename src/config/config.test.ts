import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toMatch(/\.data$/);
    expect(config.DEFAULT_LOCALE).toBe('en');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3978);
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['PORT', '70000', /PORT/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL.*postgres/],
    ['PUBLIC_URL', 'not a url', /PUBLIC_URL/],
    ['DIRECT_LINE_SECRET', 'short', /DIRECT_LINE_SECRET.*32/],
    ['DEFAULT_LOCALE', 'fr', /DEFAULT_LOCALE/],
    ['DEFAULT_REGION', 'usa', /DEFAULT_REGION/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
  ])('rejects %s=%s with a message naming it', (name, value, message) => {
    const load = () => loadConfig({ [name]: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });
});
