/**
 * The SMS channel: people text CareLine's number(s) through Twilio. Texts arrive at
 * `POST /api/sms`, delivery receipts at `POST /api/sms/status`; replies and proactive
 * messages leave through the outbox, this channel's sender and Twilio's REST API, paced per
 * sending number.
 */
import type { Router } from 'express';
import type { i18n as I18n } from 'i18next';
import type { SupportedLocale } from '../../src/i18n/i18n.js';
import type { Logger } from '../../src/logging/logger.js';
import type { ChannelSender } from '../../src/outbox/outbox-dispatcher.js';
import type { OutboxSignal } from '../../src/outbox/outbox-signal.js';
import type { Db } from '../../src/storage/database.js';
import type { TurnProcessor } from '../../src/turns/turn-processor.js';
import { NumberPacer } from './number-pacer.js';
import { createSmsIntake } from './sms-intake.js';
import { createSmsSender } from './sms-sender.js';
import { createSmsRouter, SMS_STATUS_PATH } from './sms-webhook-route.js';
import { createTwilioApi } from './twilio-api.js';

export interface SmsChannelOptions {
  db: Db;
  processor: TurnProcessor;
  signal: OutboxSignal;
  logger: Logger;
  i18n: I18n;
  /** TWILIO_ACCOUNT_SID. */
  accountSid: string;
  /** TWILIO_AUTH_TOKEN: signs webhooks and authenticates REST calls. Never logged. */
  authToken: string;
  /** TWILIO_PHONE_NUMBERS: the numbers CareLine texts from (E.164). */
  phoneNumbers: readonly string[];
  /** TWILIO_API_BASE_URL; default Twilio's own. */
  apiBaseUrl?: string;
  /** Keep connections to Twilio open; default true (see `twilio-api.ts`). */
  keepAlive?: boolean;
  /** PUBLIC_URL: what Twilio calls, for signatures and the status callback. */
  publicUrl?: string;
  /** SMS_SEGMENTS_PER_SECOND_PER_NUMBER; default 1 (a US long code). */
  segmentsPerSecondPerNumber?: number;
  /** SMS_MAX_SEGMENTS; default 3. */
  maxSegments?: number;
  /** SMS_PROGRAM_NAME and SMS_HELP_CONTACT, for the HELP answer. */
  program: { program: string; contact: string };
  defaultLocale: SupportedLocale;
  /** First wait before an undelivered part is sent again; default 30 s. */
  resendBackoffMs?: number;
}

export interface SmsChannel {
  /** Mount at `/`: serves `POST /api/sms` and `POST /api/sms/status`. */
  router: Router;
  /** The outbox sender for channel 'sms'. */
  sender: ChannelSender;
  /** Deliveries at once: enough to keep every number busy while each waits its turn. */
  dispatchConcurrency: number;
}

/** Builds the channel (no network until something is sent). */
export function createSmsChannel(options: SmsChannelOptions): SmsChannel {
  const { db, processor, signal, logger, i18n, publicUrl, defaultLocale } = options;
  const twilio = createTwilioApi({
    accountSid: options.accountSid,
    authToken: options.authToken,
    baseUrl: options.apiBaseUrl,
    keepAlive: options.keepAlive,
  });
  const pacer = new NumberPacer({ segmentsPerSecond: options.segmentsPerSecondPerNumber });
  const sender = createSmsSender({
    db,
    twilio,
    pacer,
    numbers: options.phoneNumbers,
    i18n,
    logger,
    statusCallbackUrl: publicUrl ? `${publicUrl.replace(/\/+$/, '')}${SMS_STATUS_PATH}` : undefined,
    maxSegments: options.maxSegments,
    defaultLocale,
  });
  const intake = createSmsIntake({
    db,
    processor,
    signal,
    i18n,
    logger,
    program: options.program,
    defaultLocale,
  });
  const router = createSmsRouter({
    db,
    intake,
    logger,
    authToken: options.authToken,
    publicUrl,
    resendBackoffMs: options.resendBackoffMs,
  });
  return { router, sender, dispatchConcurrency: Math.max(8, options.phoneNumbers.length * 5) };
}
