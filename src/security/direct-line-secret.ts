/**
 * The Direct Line secret signs web chat tokens and session cookies. It comes from
 * DIRECT_LINE_SECRET or, when unset, is generated once and kept in DATA_DIR, so tokens and
 * returning browsers survive a restart.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SECRET_FILE = 'direct-line-secret';

/** The configured secret, or the one kept under `dataDir` (created on first use). */
export async function resolveDirectLineSecret(
  configured: string | undefined,
  dataDir: string,
): Promise<string> {
  if (configured) return configured;

  const file = path.join(dataDir, SECRET_FILE);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();

  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch((error: unknown) => {
    // Another process created it between our check and our write: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  return (await readFile(file, 'utf8')).trim();
}
