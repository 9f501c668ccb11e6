/**
 * The Direct Line 3.0 REST API, as much of it as Web Chat and the official clients use:
 * tokens, conversations (start and resume), and activities (post and poll). Starting a
 * conversation and posting a message count against web chat's rate limits. The WebSocket
 * stream is in `activity-stream.ts`.
 */
import { Router, type Request, type Response } from 'express';
import { badRequest, forbidden, notFound } from '../../src/http/http-errors.js';
import type { Db } from '../../src/storage/database.js';
import {
  findWebchatConversation,
  listActivitiesAfter,
} from '../../src/storage/webchat-transcripts.js';
import type { ActivityIntake } from './activity-intake.js';
import {
  identifyCaller,
  requireConversationToken,
  requireSecret,
  requireToken,
} from './bearer-auth.js';
import type { ConversationStarter } from './conversation-starter.js';
import type { DirectLineTokens, TokenClaims } from './direct-line-tokens.js';
import { readClientActivity } from './inbound-activity.js';
import {
  directLineDomain,
  publicOrigin,
  readJsonBody,
  readWatermark,
  streamUrl,
} from './request-helpers.js';
import { toActivitySet } from './transcript-view.js';
import { newUserId, userIdProblem } from './webchat-ids.js';
import type { WebchatRateLimits } from './webchat-rate-limits.js';

export interface DirectLineRouteOptions {
  db: Db;
  tokens: DirectLineTokens;
  startConversation: ConversationStarter;
  receiveMessage: ActivityIntake;
  limits: WebchatRateLimits;
  publicUrl?: string;
  now: () => number;
}

/** The router to mount at `/v3/directline`. */
export function createDirectLineRouter(options: DirectLineRouteOptions): Router {
  const { db, tokens, startConversation, receiveMessage, limits, now } = options;
  const origin = (req: Request) => publicOrigin(req, options.publicUrl);

  /** Starts a conversation for the user and locale a trusted caller may name in the body. */
  async function startFromBody(req: Request, res: Response) {
    const body = asRecord(await readJsonBody(req, res));
    const userId = readRequestedUserId(body) ?? newUserId();
    const locale = typeof body.locale === 'string' ? body.locale.slice(0, 35) : undefined;
    const serviceUrl = directLineDomain(origin(req));
    await limits.admitNewConversation(req.ip);
    const conversationId = await startConversation({ userId, locale, serviceUrl });
    return { conversationId, userId };
  }

  /** The conversation named in the path, checked against the token. @throws 401/403/404 */
  async function ownConversation(req: Request): Promise<TokenClaims> {
    const conversationId = String(req.params.id);
    const claims = requireConversationToken(tokens, req.headers, conversationId);
    const conversation = await findWebchatConversation(db, conversationId);
    if (!conversation) throw notFound('No such conversation.');
    if (conversation.userId !== claims.userId) throw forbidden('The token is for another user.');
    return claims;
  }

  function conversationBody(
    req: Request,
    claims: Pick<TokenClaims, 'conversationId' | 'userId'>,
    watermark: number,
  ) {
    const { token, expiresIn } = tokens.issue(claims.conversationId, claims.userId);
    return {
      conversationId: claims.conversationId,
      token,
      expires_in: expiresIn,
      streamUrl: streamUrl(origin(req), claims.conversationId, watermark, token),
    };
  }

  const router = Router();
  router.use((_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    next();
  });

  router.post('/tokens/generate', async (req, res) => {
    requireSecret(tokens, req.headers);
    const { conversationId, userId } = await startFromBody(req, res);
    const { token, expiresIn } = tokens.issue(conversationId, userId);
    res.json({ conversationId, token, expires_in: expiresIn });
  });

  router.post('/tokens/refresh', (req, res) => {
    const claims = requireToken(tokens, req.headers);
    const { token, expiresIn } = tokens.issue(claims.conversationId, claims.userId);
    res.json({ conversationId: claims.conversationId, token, expires_in: expiresIn });
  });

  router.post('/conversations', async (req, res) => {
    const caller = identifyCaller(tokens, req.headers);
    if (caller.kind === 'secret') {
      const started = await startFromBody(req, res);
      res.status(201).json(conversationBody(req, started, 0));
      return;
    }

    const conversation = await findWebchatConversation(db, caller.claims.conversationId);
    if (!conversation) throw notFound('No such conversation.');
    res.status(201).json(conversationBody(req, caller.claims, 0));
  });

  router.get('/conversations/:id', async (req, res) => {
    const watermark = readWatermark(req.query.watermark);
    const claims = await ownConversation(req);
    res.json(conversationBody(req, claims, watermark));
  });

  router.post('/conversations/:id/activities', async (req, res) => {
    const claims = await ownConversation(req);
    const body = await readJsonBody(req, res);
    const serviceUrl = directLineDomain(origin(req));
    const read = readClientActivity(body, { ...claims, serviceUrl, receivedAt: now() });
    if (read.kind === 'ignored') {
      // The bot has no use for typing or events yet: acknowledged, not stored.
      res.json({ id: `${claims.conversationId}|${read.type}` });
      return;
    }

    await limits.admitMessage(claims.conversationId);
    const id = await receiveMessage({ conversationId: claims.conversationId, ...read });
    res.json({ id });
  });

  router.get('/conversations/:id/activities', async (req, res) => {
    const watermark = readWatermark(req.query.watermark);
    const claims = await ownConversation(req);
    const entries = await listActivitiesAfter(db, claims.conversationId, watermark);
    res.json(toActivitySet(entries, watermark));
  });

  return router;
}

function readRequestedUserId(body: Record<string, unknown>): string | undefined {
  const user = asRecord(body.user);
  if (user.id === undefined) return undefined;

  const problem = userIdProblem(user.id);
  if (problem) throw badRequest(problem);
  return user.id as string;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
