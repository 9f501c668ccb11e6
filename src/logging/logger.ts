/**
 * One JSON logger for the whole process. Log lines carry ids (person, conversation, inbox,
 * outbox), never message text, names, phone numbers, tokens or health details. The redact
 * list is a safety net for mistakes, not a licence to log objects wholesale.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const REDACTED_PATHS = [
  'text',
  '*.text',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'displayName',
  '*.displayName',
  'name',
  '*.name',
  'phone',
  '*.phone',
];

/**
 * Errors are logged by kind and code only: a driver's `detail` or a library's extra fields
 * can quote the values that failed (a phone number, a message), so they are dropped.
 */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };

  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, code, stack: error.stack };
}

/**
 * Creates the process logger. `level: 'silent'` is what tests use.
 * @param destination default: standard output; tests pass a stream to read the lines
 */
export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'careline' },
    serializers: { err: serializeError },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
