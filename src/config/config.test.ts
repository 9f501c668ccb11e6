import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  const twilio = {
    TWILIO_ACCOUNT_SID: `AC${'0a'.repeat(16)}`,
    TWILIO_AUTH_TOKEN: 'synthetic-auth-token-0000',
    TWILIO_PHONE_NUMBERS: '+15550100001, +15550100002',
    SMS_HELP_CONTACT: 'help@careline.example.org',
  };

  it('reads the SMS settings, with quiet hours by default 21:00 to 08:00', () => {
    const config = loadConfig(twilio);
    expect(config.TWILIO_PHONE_NUMBERS).toBe('+15550100001, +15550100002');
    expect(config.TWILIO_API_BASE_URL).toBe('https://api.twilio.com');
    expect(config.SMS_MAX_SEGMENTS).toBe(3);
    expect([config.QUIET_HOURS_START, config.QUIET_HOURS_END]).toEqual(['21:00', '08:00']);
  });

  it('names the Twilio variable missing when only part of the account is set', () => {
    const partial = { ...twilio, TWILIO_AUTH_TOKEN: undefined };
    expect(() => loadConfig(partial)).toThrow(/TWILIO_AUTH_TOKEN: required/);
  });

  it('requires a help contact with Twilio, for the HELP reply', () => {
    const withoutContact = { ...twilio, SMS_HELP_CONTACT: undefined };
    expect(() => loadConfig(withoutContact)).toThrow(/SMS_HELP_CONTACT/);
  });

  it('refuses a quiet-hours time that is not HH:mm', () => {
    expect(() => loadConfig({ QUIET_HOURS_START: '9pm' })).toThrow(/QUIET_HOURS_START/);
  });

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
    ['TELEGRAM_BOT_TOKEN', 'not-a-token', /TELEGRAM_BOT_TOKEN.*BotFather/],
    ['TELEGRAM_WEBHOOK_SECRET', 'has spaces', /TELEGRAM_WEBHOOK_SECRET.*256/],
    ['TELEGRAM_WEBHOOK_SECRET', 'x'.repeat(257), /TELEGRAM_WEBHOOK_SECRET/],
    ['TELEGRAM_API_ROOT', 'api.telegram.org', /TELEGRAM_API_ROOT/],
    ['TELEGRAM_MESSAGES_PER_SECOND_PER_CHAT', '0', /TELEGRAM_MESSAGES_PER_SECOND_PER_CHAT/],
    ['TELEGRAM_MESSAGES_PER_SECOND', '-1', /TELEGRAM_MESSAGES_PER_SECOND/],
  ])('rejects %s=%s with a message naming it', (name, value, message) => {
    const load = () => loadConfig({ [name]: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });

  it('leaves Telegram off by default, with Telegram’s own API and limits', () => {
    const config = loadConfig({});
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.TELEGRAM_WEBHOOK_SECRET).toBeUndefined();
    expect(config.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
    expect(config.TELEGRAM_MESSAGES_PER_SECOND_PER_CHAT).toBe(1);
    expect(config.TELEGRAM_MESSAGES_PER_SECOND).toBe(30);
  });

  it('reads the Telegram settings', () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: '123456:ABC-def_789',
      TELEGRAM_WEBHOOK_SECRET: 'my_secret-1',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      TELEGRAM_MESSAGES_PER_SECOND_PER_CHAT: '0.5',
      TELEGRAM_MESSAGES_PER_SECOND: '20',
    });
    expect(config).toMatchObject({
      TELEGRAM_BOT_TOKEN: '123456:ABC-def_789',
      TELEGRAM_WEBHOOK_SECRET: 'my_secret-1',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      TELEGRAM_MESSAGES_PER_SECOND_PER_CHAT: 0.5,
      TELEGRAM_MESSAGES_PER_SECOND: 20,
    });
  });

  it('never repeats a malformed bot token in its message', () => {
    const token = '123456 secret-part';
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token })).toThrow(ConfigError);
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: token });
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-part');
    }
  });
});
