/**
 * The Direct Line activity stream: a WebSocket at
 * `/v3/directline/conversations/:id/stream?watermark=&t=<token>` that first sends the
 * transcript after the watermark, then each new batch as `{ activities, watermark }`.
 * A stream reads the transcript itself whenever it is told the conversation grew (by this
 * process, or by another one through the channel's notifications) and, as a safety net for
 * a lost notification, on a slow timer; so it never skips or repeats an activity.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../src/logging/logger.js';
import type { Db } from '../../src/storage/database.js';
import {
  findWebchatConversation,
  listActivitiesAfter,
} from '../../src/storage/webchat-transcripts.js';
import { bearerCredential } from './bearer-auth.js';
import type { DirectLineTokens } from './direct-line-tokens.js';
import { DIRECT_LINE_PATH } from './request-helpers.js';
import type { TranscriptNotifier } from './transcript-notifier.js';
import { toActivitySet } from './transcript-view.js';

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_PATH}/conversations/([^/]+)/stream$`);
/** WebSocket close code for a refused credential ("policy violation"). */
const POLICY_VIOLATION = 1008;
const GOING_AWAY = 1001;
/** Activities read (and sent) at once; a longer backlog goes out in several batches. */
const BATCH_SIZE = 500;
/** Clients only send empty keep-alive frames. */
const MAX_INCOMING_BYTES = 4096;
/** Notifications carry replies at once; this re-read only bounds the delay when one is lost. */
const SAFETY_NET_INTERVAL_MS = 30_000;

export interface ActivityStreamOptions {
  db: Db;
  tokens: DirectLineTokens;
  notifier: TranscriptNotifier;
  logger: Logger;
  /**
   * How often an open stream re-reads the transcript unprompted; default 30000 ms. It bounds
   * how late an activity shows up when its notification was lost.
   */
  pollIntervalMs?: number;
  /** How often the server pings; a client that missed the last ping is dropped; default 30 s. */
  pingIntervalMs?: number;
}

export interface ActivityStreams {
  /** Serves streams on `server`'s upgrade requests for the stream path. */
  attach(server: http.Server): void;
  /** Closes every stream and stops listening for upgrades. */
  close(): Promise<void>;
}

export function createActivityStreams(options: ActivityStreamOptions): ActivityStreams {
  const { logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INCOMING_BYTES });
  const servers = new Set<http.Server>();
  const streams = new Set<Stream>();

  function onUpgrade(this: http.Server, req: http.IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) {
      // Nobody else will answer this upgrade: refuse it rather than leave the socket open.
      if (this.listenerCount('upgrade') === 1) refuseUpgrade(socket);
      return;
    }

    wss.handleUpgrade(req, socket, head, (ws) => {
      const credential = url.searchParams.get('t') ?? undefined;
      const stream = new Stream(ws, options, match[1]!, url.searchParams);
      streams.add(stream);
      ws.once('close', () => streams.delete(stream));
      void stream.start([credential, bearerCredential(req.headers)]);
    });
  }

  return {
    attach(server) {
      servers.add(server);
      server.on('upgrade', onUpgrade);
    },
    async close() {
      for (const server of servers) server.off('upgrade', onUpgrade);
      servers.clear();
      await Promise.all([...streams].map((stream) => stream.stop()));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      logger.debug('web chat streams closed');
    },
  };
}

/**
 * One client's stream of one conversation. A token is checked when the stream opens, as in
 * Direct Line; an open stream outlives its token.
 */
class Stream {
  private watermark = 0;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private alive = true;
  private unsubscribe: (() => void) | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly log: Logger;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: ActivityStreamOptions,
    private readonly conversationId: string,
    private readonly query: URLSearchParams,
  ) {
    this.log = options.logger.child({ conversationId });
    ws.on('pong', () => (this.alive = true));
    ws.on('close', () => this.release());
    ws.on('error', (error) => this.log.debug({ err: error }, 'web chat stream error'));
  }

  /** Authenticates, then sends the backlog and every later batch. */
  async start(credentials: (string | undefined)[]): Promise<void> {
    const watermark = this.query.get('watermark') ?? '';
    if (!/^\d{0,15}$/.test(watermark)) return this.refuse('Invalid watermark');
    if (!this.isAuthorized(credentials)) return this.refuse('Invalid token');

    this.watermark = Number(watermark);
    try {
      const conversation = await findWebchatConversation(this.options.db, this.conversationId);
      if (!conversation) return this.refuse('Unknown conversation');
    } catch (error) {
      this.log.error({ err: error }, 'web chat stream could not start');
      return this.refuse('Try again');
    }
    if (this.ws.readyState !== WebSocket.OPEN) return;

    this.unsubscribe = this.options.notifier.subscribe(this.conversationId, () => this.read());
    const rereadMs = this.options.pollIntervalMs ?? SAFETY_NET_INTERVAL_MS;
    this.timers.push(setInterval(() => this.read(), rereadMs));
    this.timers.push(setInterval(() => this.ping(), this.options.pingIntervalMs ?? 30_000));
    this.timers.forEach((timer) => timer.unref());
    this.log.debug('web chat stream opened');
    this.read();
  }

  /** Closes the stream and waits for a read in progress. */
  async stop(): Promise<void> {
    this.release();
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(GOING_AWAY, 'Server shutting down');
    await this.reading;
  }

  /** Every credential presented must be a valid token for this conversation. */
  private isAuthorized(credentials: (string | undefined)[]): boolean {
    const presented = credentials.filter((c): c is string => Boolean(c));
    if (presented.length === 0) return false;
    return presented.every((credential) => {
      const check = this.options.tokens.verify(credential);
      return check.ok && check.claims.conversationId === this.conversationId;
    });
  }

  private refuse(reason: string): void {
    this.release();
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(POLICY_VIOLATION, reason);
  }

  /** Reads and sends what is new; a request while reading runs one more read after it. */
  private read(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.drain().finally(() => (this.reading = undefined));
  }

  private async drain(): Promise<void> {
    const { db } = this.options;
    do {
      this.readAgain = false;
      if (this.ws.readyState !== WebSocket.OPEN) return;
      try {
        const { conversationId, watermark } = this;
        const entries = await listActivitiesAfter(db, conversationId, watermark, BATCH_SIZE);
        if (entries.length === 0 || this.ws.readyState !== WebSocket.OPEN) continue;
        this.ws.send(JSON.stringify(toActivitySet(entries, watermark)));
        this.watermark = entries.at(-1)!.seq;
        if (entries.length === BATCH_SIZE) this.readAgain = true;
      } catch (error) {
        // The next signal or safety-net re-read tries again from the same watermark.
        this.log.warn({ err: error }, 'web chat stream read failed');
        return;
      }
    } while (this.readAgain);
  }

  private ping(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  private release(): void {
    this.timers.forEach((timer) => clearInterval(timer));
    this.timers.length = 0;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

function refuseUpgrade(socket: Duplex): void {
  socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
}
