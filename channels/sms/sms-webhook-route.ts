/**
 * Where Twilio posts: `POST /api/sms` (an incoming text) and `POST /api/sms/status` (a
 * delivery receipt). Both are form-encoded and signed: the `X-Twilio-Signature` is checked
 * against the public URL Twilio called (PUBLIC_URL, so it holds behind a proxy) before
 * anything is stored; a missing or wrong signature gets 403. A text is made durable, Twilio
 * gets an empty TwiML answer at once, and only then does the turn run.
 */
import express, { Router, type Request, type RequestHandler } from 'express';
import twilio from 'twilio';
import { badRequest, forbidden } from '../../src/http/http-errors.js';
import type { Logger } from '../../src/logging/logger.js';
import type { Db } from '../../src/storage/database.js';
import { handleDeliveryReceipt, RECEIPT_STATUSES } from './sms-delivery-receipts.js';
import type { SmsIntake } from './sms-intake.js';

/** Where Twilio posts incoming texts, under PUBLIC_URL. */
export const SMS_WEBHOOK_PATH = '/api/sms';
/** Where Twilio posts delivery receipts, under PUBLIC_URL. */
export const SMS_STATUS_PATH = '/api/sms/status';
export const SIGNATURE_HEADER = 'x-twilio-signature';
/** A text is at most 1,600 characters; Twilio's whole form is far below this. */
const MAX_BODY = '64kb';
const MAX_TEXT_CHARACTERS = 1600;
const PHONE_NUMBER = /^\+[1-9]\d{6,14}$/;
const MESSAGE_SID = /^(SM|MM)[0-9a-f]{32}$/;
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export interface SmsRouteOptions {
  db: Db;
  intake: SmsIntake;
  logger: Logger;
  /** Never logged. */
  authToken: string;
  /** PUBLIC_URL; unset, the URL is rebuilt from the request (only right without a proxy). */
  publicUrl?: string;
  /** First wait before an undelivered part is sent again; default 30 s. */
  resendBackoffMs?: number;
}

/** The URL Twilio signed: where it posted, as the public sees it. */
export function signedUrlOf(req: Request, publicUrl: string | undefined): string {
  const origin = publicUrl
    ? publicUrl.replace(/\/+$/, '')
    : `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  return `${origin}${req.originalUrl}`;
}

/** The router with both routes; errors go to the app's `errorHandler`. */
export function createSmsRouter(options: SmsRouteOptions): Router {
  const { db, intake, logger, authToken, publicUrl, resendBackoffMs } = options;
  const checkSignature: RequestHandler = (req, _res, next) => {
    const signature = req.get(SIGNATURE_HEADER);
    const params = (req.body ?? {}) as Record<string, string>;
    const valid =
      typeof signature === 'string' &&
      twilio.validateRequest(authToken, signature, signedUrlOf(req, publicUrl), params);
    next(valid ? undefined : forbidden('The Twilio signature is missing or wrong.'));
  };
  const form = express.urlencoded({ extended: false, limit: MAX_BODY, parameterLimit: 100 });

  const router = Router();
  router.post(SMS_STATUS_PATH, form, checkSignature, async function receiveSmsReceipt(req, res) {
    const { MessageSid: sid, MessageStatus: status, ErrorCode: code, To: to } = req.body;
    if (!isSid(sid) || typeof status !== 'string' || !RECEIPT_STATUSES.has(status)) {
      throw badRequest('The body is not a Twilio delivery receipt.');
    }

    const errorCode = typeof code === 'string' && /^\d{1,6}$/.test(code) ? code : null;
    const receipt = { messageSid: sid, status, errorCode, to: String(to) };
    await handleDeliveryReceipt(db, receipt, logger, resendBackoffMs);
    res.sendStatus(204);
  });
  router.post(SMS_WEBHOOK_PATH, form, checkSignature, async function receiveSms(req, res) {
    const { MessageSid: sid, From: from, To: to, Body: body } = req.body;
    if (!isSid(sid) || !isPhone(from) || !isPhone(to)) {
      throw badRequest('The body is not a Twilio message.');
    }
    const text = typeof body === 'string' ? body : '';
    if ([...text].length > MAX_TEXT_CHARACTERS) throw badRequest('Body is too long.');

    const followUp = await intake.receive({ messageSid: sid, from, to, body: text });
    res.type('text/xml').send(EMPTY_TWIML);
    followUp();
  });
  return router;
}

function isSid(value: unknown): value is string {
  return typeof value === 'string' && MESSAGE_SID.test(value);
}

function isPhone(value: unknown): value is string {
  return typeof value === 'string' && PHONE_NUMBER.test(value);
}
