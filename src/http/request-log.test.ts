/** The request log: one line per request with its correlation id, and nothing from the URL. */
import { Writable } from 'node:stream';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import { createLogger } from '../logging/logger.js';
import { errorHandler, notFound } from './http-errors.js';
import { requestLog, requestLogger } from './request-log.js';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
    done();
  },
});
const logger = createLogger('debug', sink);
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  const app = express();
  app.use(requestLog(logger));
  app.get('/conversations/:conversationId/stream', (_req, res) => {
    requestLogger(res, logger).info({ step: 'inside' }, 'working');
    res.sendStatus(204);
  });
  app.get('/healthz', (_req, res) => void res.json({ ok: true }));
  app.use((_req, _res, next) => next(notFound()));
  app.use(errorHandler(logger));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => void lines.splice(0));

/** Waits for the 'finish' line, written just after the response. */
async function requestLines(): Promise<Record<string, unknown>[]> {
  for (let i = 0; i < 100 && !lines.some((l) => l.msg === 'request'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return lines;
}

describe('requestLog', () => {
  it('logs the route pattern, status and duration under one id, never the URL', async () => {
    const response = await fetch(`${baseUrl}/conversations/conv-secret-id/stream?t=token-value`);
    const requestId = response.headers.get('x-request-id');

    const logged = await requestLines();
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged.map((l) => [l.msg, l.requestId])).toEqual([
      ['working', requestId],
      ['request', requestId],
    ]);
    expect(logged[1]).toMatchObject({
      method: 'GET',
      route: '/conversations/:conversationId/stream',
      status: 204,
    });
    expect(typeof logged[1]!.ms).toBe('number');
    expect(JSON.stringify(logged)).not.toMatch(/conv-secret-id|token-value/);
  });

  it("keeps a proxy's plain request id and replaces one that could forge a line", async () => {
    const kept = await fetch(`${baseUrl}/healthz`, { headers: { 'x-request-id': 'lb-42.a' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-42.a');
    expect((await requestLines()).at(-1)).toMatchObject({ requestId: 'lb-42.a', level: 20 });

    lines.splice(0);
    const forged = await fetch(`${baseUrl}/healthz`, {
      headers: { 'x-request-id': 'x"} {"admin":true' },
    });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs requests that matched no route, with their status', async () => {
    await fetch(`${baseUrl}/no/such/place?q=private`);

    expect((await requestLines()).at(-1)).toMatchObject({ route: '(no route)', status: 404 });
    expect(JSON.stringify(lines)).not.toContain('private');
  });
});
