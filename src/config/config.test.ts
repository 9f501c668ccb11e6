import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toMatch(/\.data$/);
    expect(config.DEFAULT_LOCALE).toBe('en');
    expect(config.WEBCHAT_NEW_SESSIONS_PER_HOUR).toBe(20);
    expect(config.WEBCHAT_MESSAGES_PER_MINUTE).toBe(30);
  });

  it('reads the web chat rate limits', () => {
    const config = loadConfig({
      WEBCHAT_NEW_SESSIONS_PER_HOUR: '5',
      WEBCHAT_MESSAGES_PER_MINUTE: '12',
    });
    expect(config.WEBCHAT_NEW_SESSIONS_PER_HOUR).toBe(5);
    expect(config.WEBCHAT_MESSAGES_PER_MINUTE).toBe(12);
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
    ['WEBCHAT_NEW_SESSIONS_PER_HOUR', '0', /WEBCHAT_NEW_SESSIONS_PER_HOUR/],
    ['WEBCHAT_MESSAGES_PER_MINUTE', '1.5', /WEBCHAT_MESSAGES_PER_MINUTE/],
  ])('rejects %s=%s with a message naming it', (name, value, message) => {
    const load = () => loadConfig({ [name]: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });
});
