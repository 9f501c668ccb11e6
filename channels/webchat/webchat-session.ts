/**
 * `POST /api/webchat/session`: what the page needs to open Web Chat. A browser with a valid
 * `careline_session` cookie gets a fresh token for its own conversation, so it resumes it
 * (even long after its last token expired); any other browser gets a new person's
 * conversation and the cookie, within its address's hourly limit of new conversations.
 */
import { Router, type Request } from 'express';
import type { i18n as I18n } from 'i18next';
import type { SupportedLocale } from '../../src/i18n/i18n.js';
import type { Logger } from '../../src/logging/logger.js';
import type { Db } from '../../src/storage/database.js';
import { findWebchatConversation } from '../../src/storage/webchat-transcripts.js';
import { pickLocale } from './accept-language.js';
import type { ConversationStarter } from './conversation-starter.js';
import type { DirectLineTokens } from './direct-line-tokens.js';
import { directLineDomain, publicOrigin } from './request-helpers.js';
import type { SessionCookies, WebchatSession } from './session-cookie.js';
import { newUserId } from './webchat-ids.js';
import type { WebchatRateLimits } from './webchat-rate-limits.js';

export interface SessionRouteOptions {
  db: Db;
  tokens: DirectLineTokens;
  cookies: SessionCookies;
  startConversation: ConversationStarter;
  limits: WebchatRateLimits;
  i18n: I18n;
  logger: Logger;
  publicUrl?: string;
  defaultLocale?: SupportedLocale;
}

/**
 * The router for `/api/webchat/session`. Over the limit it answers 429 with `Retry-After`,
 * and its message is the line the page shows the person, in the page's language.
 */
export function createSessionRouter(options: SessionRouteOptions): Router {
  const { db, tokens, cookies, startConversation, limits, logger } = options;

  /** The session in the cookie, if its conversation still exists and is still its user's. */
  async function returningSession(req: Request): Promise<WebchatSession | undefined> {
    const session = cookies.read(req.get('cookie'));
    if (!session) return undefined;

    const conversation = await findWebchatConversation(db, session.conversationId);
    return conversation?.userId === session.userId ? session : undefined;
  }

  const router = Router();
  router.post('/api/webchat/session', async (req, res) => {
    const locale = pickLocale(req.get('accept-language'), options.defaultLocale);
    const domain = directLineDomain(publicOrigin(req, options.publicUrl));
    let session = await returningSession(req);
    if (session) {
      logger.debug({ conversationId: session.conversationId }, 'web chat session resumed');
    } else {
      const refusal = options.i18n.getFixedT(locale, 'webchat')('tooManyNewChats');
      await limits.admitNewConversation(req.ip, refusal);
      const userId = newUserId();
      const conversationId = await startConversation({ userId, locale, serviceUrl: domain });
      session = { userId, conversationId };
    }

    const { token } = tokens.issue(session.conversationId, session.userId);
    res.set('Cache-Control', 'no-store');
    // Re-set on every visit, so the 180 days count from the last one.
    res.append('Set-Cookie', cookies.serialize(session));
    res.json({ token, conversationId: session.conversationId, domain, locale });
  });
  return router;
}
