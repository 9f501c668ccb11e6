/**
 * The webhook benchmark's load, run in its own process (as Telegram's servers would be) so
 * the client's work does not share an event loop with the route it measures. Sends CLIENTS
 * concurrent streams of text updates to 127.0.0.1:PORT and prints one JSON line:
 * `{ perSecond, p50, p99 }`.
 */
import http from 'node:http';
import { TELEGRAM_WEBHOOK_PATH } from '../../channels/telegram/webhook-route.js';
import { SECRET_HEADER } from '../../channels/telegram/webhook-secret.js';
import { textUpdate } from '../../channels/telegram/testing/update-builders.js';
import { quantile } from '../support/stats.js';

const PORT = Number(process.env.LOAD_PORT);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 32);
const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 200);
const WARMUP = Number(process.env.LOAD_WARMUP ?? 20);
const SECRET = process.env.LOAD_SECRET ?? '';
let nextUpdateId = Number(process.env.LOAD_FIRST_UPDATE_ID ?? 1);

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function post(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      [SECRET_HEADER]: SECRET,
    };
    const options = { host: '127.0.0.1', port: PORT, path: TELEGRAM_WEBHOOK_PATH, agent };
    const req = http.request({ ...options, method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function client(requests: number, into: number[]): Promise<void> {
  for (let i = 0; i < requests; i++) {
    const userId = 1_000_000 + (nextUpdateId % 500);
    const body = JSON.stringify(textUpdate(nextUpdateId++, { userId }, 'How are you today?'));
    const startedAt = performance.now();
    const status = await post(body);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    into.push(performance.now() - startedAt);
  }
}

await Promise.all(Array.from({ length: CLIENTS }, () => client(WARMUP, [])));
const latencies: number[] = [];
const startedAt = performance.now();
await Promise.all(Array.from({ length: CLIENTS }, () => client(REQUESTS, latencies)));
const seconds = (performance.now() - startedAt) / 1000;
agent.destroy();
process.stdout.write(
  `${JSON.stringify({
    perSecond: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  })}\n`,
);
