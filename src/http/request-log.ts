/**
 * One log line per HTTP request, and a correlation id that ties it to every other line the
 * request writes. The id comes from a proxy's `X-Request-Id` when that is a plain token, or
 * is made here; it is answered in `X-Request-Id`, so a person's "it failed at 10:02" can be
 * found. A line names the route pattern, never the URL: URLs carry conversation ids, and
 * the Direct Line stream carries its token in the query string.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logging/logger.js';

/** What a forwarded id may look like: short, and nothing that could forge a log line. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
/** Polled by orchestrators every few seconds: logged at debug, not info. */
const QUIET_ROUTES = new Set(['/healthz', '/readyz']);

/** The request's child logger, carrying its `requestId`; the process logger outside one. */
export function requestLogger(res: Response, fallback: Logger): Logger {
  return (res.locals.log as Logger | undefined) ?? fallback;
}

/** Middleware: mount first, so every route and the error handler see the request's logger. */
export function requestLog(logger: Logger): RequestHandler {
  return function logRequest(req, res, next) {
    const forwarded = req.get('x-request-id');
    const requestId = forwarded && REQUEST_ID_PATTERN.test(forwarded) ? forwarded : randomUUID();
    const log = logger.child({ requestId });
    res.locals.log = log;
    res.setHeader('X-Request-Id', requestId);
    const startedAt = performance.now();
    res.on('finish', () => {
      const route = routeOf(req);
      const fields = {
        method: req.method,
        route,
        status: res.statusCode,
        ms: Math.round(performance.now() - startedAt),
      };
      if (QUIET_ROUTES.has(route)) log.debug(fields, 'request');
      else log.info(fields, 'request');
    });
    next();
  };
}

/** The matched route's pattern (e.g. `/v3/directline/conversations/:conversationId`). */
function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern !== 'string') return '(no route)';

  return `${req.baseUrl}${pattern}`;
}
