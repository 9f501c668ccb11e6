/**
 * `POST /api/telegram`, where Telegram delivers updates. The secret header is checked before
 * the body is read (403, nothing stored, when it is missing or wrong); the update is made
 * durable, Telegram gets its 200 at once, and only then is the update handled, so a slow
 * turn never makes Telegram time out and deliver it again.
 */
import express, { Router, type RequestHandler } from 'express';
import type { Update } from 'grammy/types';
import { badRequest, forbidden } from '../../src/http/http-errors.js';
import type { UpdateIntake } from './update-intake.js';
import { createSecretCheck, SECRET_HEADER } from './webhook-secret.js';

/** Where Telegram posts updates, under PUBLIC_URL. */
export const TELEGRAM_WEBHOOK_PATH = '/api/telegram';
/** Telegram's updates are small; text is at most 4096 characters. */
const MAX_BODY = '1mb';

export interface WebhookRouteOptions {
  intake: UpdateIntake;
  secret: string;
}

/** The router with the webhook route; errors go to the app's `errorHandler`. */
export function createWebhookRouter(options: WebhookRouteOptions): Router {
  const { intake } = options;
  const isWebhookSecret = createSecretCheck(options.secret);
  const checkSecret: RequestHandler = (req, _res, next) => {
    if (!isWebhookSecret(req.get(SECRET_HEADER))) {
      next(forbidden('The webhook secret is missing or wrong.'));
      return;
    }
    next();
  };

  const router = Router();
  router.post(
    TELEGRAM_WEBHOOK_PATH,
    checkSecret,
    express.json({ limit: MAX_BODY }),
    async function receiveTelegramUpdate(req, res) {
      const update: unknown = req.body;
      if (!isUpdate(update)) throw badRequest('The body is not a Telegram update.');

      const followUp = await intake.receive(update);
      res.sendStatus(200);
      followUp();
    },
  );
  return router;
}

function isUpdate(body: unknown): body is Update {
  const updateId = (body as { update_id?: unknown } | null)?.update_id;
  return typeof updateId === 'number' && Number.isSafeInteger(updateId) && updateId >= 0;
}
