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

  const dataDir = path.resolve(PROJECT_ROOT, parsed.data.DATA_DIR);
  return { ...parsed.data, DATA_DIR: dataDir };
}
