/**
 * A fake Twilio for bench/sms: a real HTTP server on 127.0.0.1 serving Twilio's documented
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` (form-encoded, HTTP basic auth with
 * the Account SID and Auth Token), answering 201 with the message resource or an error
 * `{ code, message, more_info, status }`.
 *
 * It enforces each sending number's provisioned throughput (a long code: 1 segment per
 * second) as a token bucket holding one segment: a number that has been idle may send at
 * once, and each accepted message of n segments makes the number's next message wait n
 * seconds. A message arriving earlier than that (less a small allowance for network
 * jitter) is refused with 429 and Twilio's error 20429. Segments are counted with the
 * benchmark's own implementation (`independent-segment-count.ts`).
 *
 * Every accepted message and every refusal is recorded with its arrival time.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { countAirSegments, type AirEncoding } from './independent-segment-count.js';

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
/** Twilio refuses longer bodies (error 21617). */
const MAX_BODY_CHARACTERS = 1600;

export interface FakeTwilioOptions {
  accountSid: string;
  authToken: string;
  /** Segments each From number may send per second; default 1. */
  segmentsPerSecond?: number;
  /** How early a message may arrive and still be accepted, for network jitter; default 50 ms. */
  toleranceMs?: number;
}

/** A message the fake took (answered 201). `at` is `performance.now()` on arrival, in ms. */
export interface AcceptedMessage {
  sid: string;
  from: string;
  to: string;
  body: string;
  segments: number;
  encoding: AirEncoding;
  at: number;
}

/** A message the fake refused for going over its number's throughput (429). */
export interface RefusedMessage {
  from: string;
  to: string;
  at: number;
  /** How long before its number's budget allowed it the message arrived, in ms. */
  earlyMs: number;
}

interface TwilioError {
  status: number;
  code: number;
  message: string;
}

export class FakeTwilioServer {
  readonly accepted: AcceptedMessage[] = [];
  readonly refused: RefusedMessage[] = [];
  /** Accepted messages whose To and Body (which carries a unique reference) came before. */
  duplicates = 0;
  private readonly seen = new Set<string>();
  /** When each From number's budget allows its next message, in `performance.now()` ms. */
  private readonly nextAllowedAt = new Map<string, number>();
  private readonly msPerSegment: number;
  private readonly toleranceMs: number;

  private constructor(
    private readonly server: http.Server,
    private readonly options: FakeTwilioOptions,
  ) {
    this.msPerSegment = 1000 / (options.segmentsPerSecond ?? 1);
    this.toleranceMs = options.toleranceMs ?? 50;
  }

  /** Starts listening on a free port of 127.0.0.1. */
  static async start(options: FakeTwilioOptions): Promise<FakeTwilioServer> {
    const server = http.createServer();
    const fake = new FakeTwilioServer(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** What TWILIO_API_BASE_URL is set to. */
  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Milliseconds one segment occupies a number. */
  get segmentMs(): number {
    return this.msPerSegment;
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const at = performance.now();
    const accountSid = MESSAGES_PATH.exec(req.url ?? '')?.[1];
    if (req.method !== 'POST' || accountSid !== this.options.accountSid) {
      return reply(res, 404, errorBody({ status: 404, code: 20404, message: 'Not Found' }));
    }
    if (!this.isAuthorized(req.headers.authorization)) {
      return reply(res, 401, errorBody({ status: 401, code: 20003, message: 'Authenticate' }));
    }

    const parsed = parseMessage(new URLSearchParams(body));
    if ('error' in parsed) return reply(res, parsed.error.status, errorBody(parsed.error));

    const { from, to, text } = parsed;
    const count = countAirSegments(text);
    const earlyMs = this.takeBudget(from, count.segments, at);
    if (earlyMs > 0) {
      this.refused.push({ from, to, at, earlyMs });
      const tooMany = { status: 429, code: 20429, message: 'Too Many Requests' };
      return reply(res, 429, errorBody(tooMany));
    }

    const sid = `SM${randomBytes(16).toString('hex')}`;
    this.record({
      sid,
      from,
      to,
      body: text,
      segments: count.segments,
      encoding: count.encoding,
      at,
    });
    reply(res, 201, messageResource(this.options.accountSid, sid, parsed, count.segments));
  }

  private isAuthorized(header: string | undefined): boolean {
    const [scheme, encoded] = (header ?? '').split(' ');
    if (scheme !== 'Basic' || !encoded) return false;

    const expected = `${this.options.accountSid}:${this.options.authToken}`;
    return Buffer.from(encoded, 'base64').toString('utf8') === expected;
  }

  /**
   * The token bucket: takes `segments` of `from`'s time and answers 0, or answers how many
   * ms too early the message is when `from` has not earned the time for it yet.
   */
  private takeBudget(from: string, segments: number, at: number): number {
    const allowedAt = this.nextAllowedAt.get(from) ?? at;
    if (allowedAt - at > this.toleranceMs) return allowedAt - at;

    this.nextAllowedAt.set(from, Math.max(allowedAt, at) + segments * this.msPerSegment);
    return 0;
  }

  private record(message: AcceptedMessage): void {
    const key = `${message.to}\n${message.body}`;
    if (this.seen.has(key)) this.duplicates += 1;
    this.seen.add(key);
    this.accepted.push(message);
  }
}

interface MessageParams {
  from: string;
  to: string;
  text: string;
}

/** The message asked for, or Twilio's answer to a request missing what a message needs. */
function parseMessage(params: URLSearchParams): MessageParams | { error: TwilioError } {
  const [to, from, text] = [params.get('To'), params.get('From'), params.get('Body')];
  if (!to)
    return { error: { status: 400, code: 21604, message: "A 'To' phone number is required." } };
  if (!from) {
    return { error: { status: 400, code: 21603, message: "A 'From' phone number is required." } };
  }
  if (!text) return { error: { status: 400, code: 21602, message: 'Message body is required.' } };
  if ([...text].length > MAX_BODY_CHARACTERS) {
    const message = 'The concatenated message body exceeds the 1600 character limit.';
    return { error: { status: 400, code: 21617, message } };
  }
  return { from, to, text };
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function errorBody(error: TwilioError) {
  return {
    code: error.code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${error.code}`,
    status: error.status,
  };
}

/** The message resource Twilio answers a create with. */
function messageResource(accountSid: string, sid: string, sent: MessageParams, segments: number) {
  const now = new Date().toUTCString();
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}`;
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: sent.text,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: sent.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: String(segments),
    price: null,
    price_unit: 'USD',
    sid,
    status: 'queued',
    subresource_uris: { media: `${uri}/Media.json` },
    to: sent.to,
    uri: `${uri}.json`,
  };
}
