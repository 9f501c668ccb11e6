/**
 * A PostgreSQL for benchmarks: DATABASE_URL's server when set, otherwise an embedded one in
 * a temporary folder. `createDatabase` gives each measured system its own database.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findFreePort } from '../../test/support/free-port.mjs';
import { startEmbeddedPostgres } from '../../src/storage/embedded-postgres.js';

export interface BenchPostgres {
  createDatabase(label: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const external = process.env.DATABASE_URL;
  let adminUrl = external;
  let stopServer = async () => undefined as void;
  if (!adminUrl) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'careline-bench-pg-'));
    await chmod(dataDir, 0o755);
    const port = await findFreePort();
    const server = await startEmbeddedPostgres({ dataDir, port, database: 'postgres' });
    adminUrl = server.url;
    stopServer = async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }

  const created: string[] = [];
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  return {
    async createDatabase(label) {
      const name = `careline_bench_${label}_${randomBytes(4).toString('hex')}`;
      await admin(`create database ${name}`);
      created.push(name);
      const url = new URL(adminUrl!);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      for (const name of created) await admin(`drop database if exists ${name} with (force)`);
      await stopServer();
    },
  };
}
