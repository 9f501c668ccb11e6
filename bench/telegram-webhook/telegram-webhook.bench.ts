/**
 * bench/telegram-webhook: the Telegram webhook route (secret check in constant time, JSON
 * body, inbox insert in PostgreSQL, 200) against a bare express route that reads the same
 * body and answers 200, measured in the same run. Both are mounted the same way (a router on
 * the app, as CareLine mounts every channel's routes). Turns are not run: this measures what
 * Telegram waits for. The load comes from a separate process (`load-generator.ts`), as
 * Telegram's would. The two alternate for BENCH_ROUNDS rounds (default 5); the verdict is on
 * the median ratio. Target: the webhook reaches at least 0.65 of the bare route's rate.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import express from 'express';
import { createUpdateIntake } from '../../channels/telegram/update-intake.js';
import {
  createWebhookRouter,
  TELEGRAM_WEBHOOK_PATH,
} from '../../channels/telegram/webhook-route.js';
import { SendThrottle } from '../../channels/telegram/send-throttle.js';
import { createTelegramApi } from '../../channels/telegram/telegram-api.js';
import { FAKE_BOT_TOKEN } from '../../channels/telegram/testing/fake-telegram-server.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { createLogger } from '../../src/logging/logger.js';
import { openDatabase } from '../../src/storage/database.js';
import { InboxBatcher } from '../../src/turns/inbox-batcher.js';
import { migrate } from '../../src/storage/migrator.js';
import { inboundRecordOf, type TurnProcessor } from '../../src/turns/turn-processor.js';
import { startBenchPostgres } from '../support/bench-postgres.js';
import { ms, quantile } from '../support/stats.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP = 20;
const TARGET_RATIO = 0.65;
const run = promisify(execFile);
const SECRET = 'bench-webhook-secret';

interface Measurement {
  perSecond: number;
  p50: number;
  p99: number;
}

let nextFirstUpdateId = 1;

/** Runs the load in its own process against `port` and returns what it measured. */
async function measure(port: number): Promise<Measurement> {
  const firstUpdateId = nextFirstUpdateId;
  nextFirstUpdateId += CLIENTS * (REQUESTS + WARMUP) + 1;
  const generator = fileURLToPath(new URL('./load-generator.ts', import.meta.url));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', generator], {
    env: {
      ...process.env,
      LOAD_PORT: String(port),
      LOAD_CLIENTS: String(CLIENTS),
      LOAD_REQUESTS: String(REQUESTS),
      LOAD_WARMUP: String(WARMUP),
      LOAD_SECRET: SECRET,
      LOAD_FIRST_UPDATE_ID: String(firstUpdateId),
    },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Measurement;
}

async function listen(app: express.Express): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function report(name: string, m: Measurement): void {
  const rate = m.perSecond.toFixed(0).padStart(6);
  console.log(`${name.padEnd(50)} ${rate} req/s   p50 ${ms(m.p50)}   p99 ${ms(m.p99)}`);
}

async function main(): Promise<void> {
  const postgres = await startBenchPostgres();
  const db = openDatabase(await postgres.createDatabase('telegram_webhook'));
  try {
    await migrate(db);
    // Mounted as CareLine mounts every route, a router per channel on the app, so the ratio
    // is of what the route does, not of how routes are mounted.
    const bareRouter = express.Router();
    bareRouter.post(TELEGRAM_WEBHOOK_PATH, express.json(), (req, res) => {
      if (typeof req.body?.update_id !== 'number') throw new Error('no update');
      res.sendStatus(200);
    });
    const bare = express();
    bare.use(bareRouter);
    const bareServer = await listen(bare);

    // Only what the route does before answering: accept records the inbox row, as
    // TurnProcessor.accept does (batched commits); the turn that would follow is not part of
    // what Telegram waits for.
    const inbox = new InboxBatcher(db);
    const processor = {
      accept: (message: Parameters<TurnProcessor['accept']>[0]) =>
        inbox.record(inboundRecordOf(message)),
      process: async () => undefined,
    } as unknown as TurnProcessor;
    const intake = createUpdateIntake({
      db,
      processor,
      api: createTelegramApi(FAKE_BOT_TOKEN, 'http://127.0.0.1:9'),
      throttle: new SendThrottle(),
      i18n: createI18n(),
      logger: createLogger('silent'),
      bot: { id: '123456789', name: 'CareLine' },
      apiRoot: 'https://api.telegram.org',
      defaultLocale: 'en',
      holdMs: 0,
    });
    const webhook = express();
    webhook.use(createWebhookRouter({ intake, secret: SECRET }));
    const webhookServer = await listen(webhook);

    // Rounds alternate, so a burst of noise on a shared machine lands on both sides of
    // one ratio rather than on one side of the only one.
    console.log(
      `bench/telegram-webhook: ${CLIENTS} clients x ${REQUESTS} updates each, ` +
        `${ROUNDS} alternating rounds`,
    );
    const ratios: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const bareResult = await measure(bareServer.port);
      const webhookResult = await measure(webhookServer.port);
      report(`round ${round}: bare express route (reads the body)`, bareResult);
      report(`round ${round}: Telegram webhook (secret, inbox, 200)`, webhookResult);
      ratios.push(webhookResult.perSecond / bareResult.perSecond);
    }
    await bareServer.close();
    await webhookServer.close();
    await intake.close();

    const ratio = quantile(ratios, 0.5);
    const verdict = ratio >= TARGET_RATIO ? 'meets' : 'MISSES';
    console.log(`ratios by round: ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
    console.log(
      `ratio webhook/bare (median of ${ROUNDS}): ${ratio.toFixed(2)} ` +
        `(${verdict} the target of ${TARGET_RATIO})`,
    );
  } finally {
    await db.destroy();
    await postgres.stop();
  }
}

await main();
