/**
 * Configuration from environment variables, validated once at start. A bad value stops the
 * process with one line naming the variable and what it expects (see `ConfigError`).
 * Every variable here is listed with its default in `.env.example` and the README.
 */
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../paths.js';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const positiveNumber = z.coerce.number().positive();
const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 21:00 (24-hour HH:mm)');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3978),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// connection URL')
    .optional(),
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DIRECT_LINE_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  DIRECT_LINE_TOKEN_TTL_SECONDS: positiveInt.default(1800),
  WEBCHAT_NEW_SESSIONS_PER_HOUR: positiveInt.default(20),
  WEBCHAT_MESSAGES_PER_MINUTE: positiveInt.default(30),
  DEFAULT_LOCALE: z.enum(['en', 'es']).default('en'),
  DEFAULT_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'a two-letter country code such as US')
    .default('US'),
  PRIVACY_NOTICE_VERSION: z.string().min(1).default('2026-12-01'),
  SHUTDOWN_GRACE_SECONDS: positiveInt.default(10),
  // Never echo a token in a message: zod's issue text is ours, not the value.
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'the token BotFather gave you, such as 123456:ABC-DEF1234')
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, '1 to 256 characters of A-Z, a-z, 0-9, _ and -')
    .optional(),
  TELEGRAM_API_ROOT: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'an http:// or https:// URL')
    .default('https://api.telegram.org'),
  TELEGRAM_MESSAGES_PER_SECOND_PER_CHAT: positiveNumber.default(1),
  TELEGRAM_MESSAGES_PER_SECOND: positiveNumber.default(30),
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(
      /^AC[0-9a-f]{32}$/,
      'the Account SID from the Twilio console, AC followed by 32 hex digits',
    )
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'the Auth Token from the Twilio console').optional(),
  TWILIO_PHONE_NUMBERS: z
    .string()
    .regex(
      /^\+[1-9]\d{6,14}(\s*,\s*\+[1-9]\d{6,14})*$/,
      'one or more numbers in E.164 form, comma-separated, such as +15551234567',
    )
    .optional(),
  TWILIO_API_BASE_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'an http:// or https:// URL')
    .default('https://api.twilio.com'),
  SMS_SEGMENTS_PER_SECOND_PER_NUMBER: positiveNumber.default(1),
  SMS_MAX_SEGMENTS: positiveInt.max(10).default(3),
  SMS_PROGRAM_NAME: z.string().min(1).max(30).default('CareLine'),
  SMS_HELP_CONTACT: z.string().min(3).max(60).optional(),
  QUIET_HOURS_START: clockTime.default('21:00'),
  QUIET_HOURS_END: clockTime.default('08:00'),
  MEDICAL_TEXT_ANALYZER: z.enum(['auto', 'offline', 'comprehend-medical']).default('auto'),
  REMINDER_PREPARE_MINUTES: positiveInt.max(60).default(10),
  DOSE_SNOOZE_MINUTES: positiveInt.max(24 * 60).default(30),
  DOSE_FOLLOW_UP_MINUTES: positiveInt.max(24 * 60).default(60),
  DOSE_MISSED_AFTER_HOURS: positiveInt.max(48).default(4),
  MISSED_DOSES_ALERT_COUNT: positiveInt.max(100).default(2),
  MISSED_DOSES_ALERT_DAYS: positiveInt.max(90).default(3),
  MESSAGE_RETENTION_DAYS: positiveInt.max(3650).default(90),
});

/** Every environment variable CareLine reads. */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

export type Config = Omit<z.infer<typeof schema>, 'DATA_DIR'> & { DATA_DIR: string };

/** Thrown when an environment variable is missing or malformed; its message names it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates configuration.
 * @param env defaults to `process.env`; tests pass their own.
 * @throws ConfigError naming the first bad variable and what it expects.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankAsUnset = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = issue.path.join('.');
    throw new ConfigError(`Invalid environment variable ${variable}: ${issue.message}`);
  }

  checkSmsSettings(parsed.data);
  const dataDir = path.resolve(PROJECT_ROOT, parsed.data.DATA_DIR);
  return { ...parsed.data, DATA_DIR: dataDir };
}

/** SMS needs the whole Twilio account, and a help contact for carriers' HELP rule. */
function checkSmsSettings(config: z.infer<typeof schema>): void {
  const twilio = {
    TWILIO_ACCOUNT_SID: config.TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: config.TWILIO_AUTH_TOKEN,
    TWILIO_PHONE_NUMBERS: config.TWILIO_PHONE_NUMBERS,
  };
  const set = Object.entries(twilio).filter(([, value]) => value !== undefined);
  if (set.length === 0) return;

  const missing = Object.keys(twilio).find((name) => !twilio[name as keyof typeof twilio]);
  if (missing) {
    throw new ConfigError(
      `Invalid environment variable ${missing}: required when ${set[0]![0]} is set (SMS needs all three)`,
    );
  }
  if (!config.SMS_HELP_CONTACT) {
    throw new ConfigError(
      'Invalid environment variable SMS_HELP_CONTACT: required with Twilio, for the HELP reply (a phone number, email or web address)',
    );
  }
}
