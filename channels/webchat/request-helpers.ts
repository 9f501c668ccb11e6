/**
 * Small readers shared by the web chat routes: the JSON body (parsed only once the caller
 * is authenticated), the watermark, and the URLs a client should use.
 */
import express, { type Request, type Response } from 'express';
import { badRequest } from '../../src/http/http-errors.js';

/** Largest request body the Direct Line API reads. */
export const MAX_BODY = '256kb';
/** Where the Direct Line API is mounted. */
export const DIRECT_LINE_PATH = '/v3/directline';

const parseJson = express.json({
  limit: MAX_BODY,
  type: ['application/json', 'application/*+json'],
});

/**
 * Reads the JSON body: undefined when there is none (or it is not JSON-typed).
 * @throws body-parser's errors, which `errorHandler` answers 400 or 413
 */
export function readJsonBody(req: Request, res: Response): Promise<unknown> {
  return new Promise((resolve, reject) => {
    parseJson(req, res, (error?: unknown) => (error ? reject(error) : resolve(req.body)));
  });
}

/** A watermark from a query string: none means 0. @throws HttpError 400 */
export function readWatermark(raw: unknown): number {
  if (raw === undefined || raw === '') return 0;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) {
    throw badRequest('watermark must be a whole number.');
  }
  return Number(raw);
}

/** The origin clients reach CareLine at: PUBLIC_URL when set, else what the request says. */
export function publicOrigin(req: Request, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** The Direct Line base URL (`domain` in Direct Line clients). */
export function directLineDomain(origin: string): string {
  return `${origin}${DIRECT_LINE_PATH}`;
}

/**
 * The WebSocket URL of a conversation's activity stream. Browsers cannot set headers on a
 * WebSocket, so the token rides in the query, as in Direct Line; it is never logged.
 */
export function streamUrl(
  origin: string,
  conversationId: string,
  watermark: number,
  token: string,
) {
  const base = origin.replace(/^http/, 'ws');
  const query = new URLSearchParams({ watermark: String(watermark), t: token });
  return `${base}${DIRECT_LINE_PATH}/conversations/${conversationId}/stream?${query}`;
}
