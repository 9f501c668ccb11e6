/**
 * `npm run bench`: runs every benchmark under bench/ one after another. Each prints its own
 * figures and its ratio against a baseline measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHMARKS = [
  'turn/turn.bench.ts',
  'telegram-webhook/telegram-webhook.bench.ts',
  'telegram-fanout/telegram-fanout.bench.ts',
  'sms/sms.bench.ts',
  'reminders/reminders.bench.ts',
];

const here = path.dirname(fileURLToPath(import.meta.url));
let failed = false;
for (const benchmark of BENCHMARKS) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, benchmark)], {
    stdio: 'inherit',
  });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
