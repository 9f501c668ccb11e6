/**
 * Errors that map to an HTTP answer, and the one place that maps them. Handlers throw;
 * `errorHandler` answers. Bodies never echo what the client sent.
 */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logging/logger.js';
import { requestLogger } from './request-log.js';

export interface HttpErrorOptions {
  cause?: unknown;
  /** Response headers that belong to this answer, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

/** An error with a status and a short, safe message for the client. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly headers: Record<string, string>;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options: HttpErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.headers = options.headers ?? {};
  }
}

export const badRequest = (message: string) => new HttpError(400, 'BadArgument', message);
export const unauthorized = (message = 'A valid token is required.') =>
  new HttpError(401, 'Unauthorized', message);
export const forbidden = (message = 'This token does not allow that.') =>
  new HttpError(403, 'Forbidden', message);
export const notFound = (message = 'Not found.') => new HttpError(404, 'NotFound', message);

/**
 * 429 with `Retry-After`, for a caller over a rate limit.
 * @param retryAfterSeconds whole seconds until the caller may try again
 * @param message defaults to one naming the wait; the web chat page shows its own, localized
 */
export function tooManyRequests(
  retryAfterSeconds: number,
  message = `Too many requests. Try again in ${retryAfterSeconds} seconds.`,
): HttpError {
  const headers = { 'Retry-After': String(retryAfterSeconds) };
  return new HttpError(429, 'TooManyRequests', message, { headers });
}

/** body-parser's own errors carry `type` and `status`. */
function fromBodyParser(error: { type?: string; status?: number }): HttpError | undefined {
  if (error.type === 'entity.too.large') {
    return new HttpError(413, 'MessageSizeTooBig', 'The request body is larger than allowed.');
  }
  if (error.type === 'entity.parse.failed')
    return badRequest('The request body is not valid JSON.');
  if (error.type && error.status && error.status < 500)
    return badRequest('The request body could not be read.');
  return undefined;
}

/**
 * Answers every error as `{ error: { code, message } }`, the shape Direct Line uses.
 * Anything unexpected becomes a logged, generic 500.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return function handleHttpError(error, req, res, _next) {
    const known = error instanceof HttpError ? error : fromBodyParser(error ?? {});
    if (known) {
      res.set(known.headers);
      res.status(known.status).json({ error: { code: known.code, message: known.message } });
      return;
    }

    const log = requestLogger(res, logger);
    log.error({ err: error, method: req.method, path: req.route?.path }, 'request failed');
    res.status(500).json({ error: { code: 'ServiceError', message: 'Something went wrong.' } });
  };
}
