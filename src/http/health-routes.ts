/**
 * `/healthz`: the process is up. `/readyz`: the database answers and every migration is
 * applied, and the process is not shutting down; load balancers route only to ready ones.
 */
import { Router } from 'express';
import { isDatabaseReachable, type Db } from '../storage/database.js';
import { areMigrationsApplied } from '../storage/migrator.js';

export interface HealthOptions {
  db: Db;
  /** False once shutdown has begun. */
  isAccepting: () => boolean;
  /** Extra facts for /readyz, such as which medical text analyzer is in use. */
  details?: Record<string, string>;
}

export function createHealthRoutes(options: HealthOptions): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const database = await isDatabaseReachable(options.db);
    const migrations = database && (await areMigrationsApplied(options.db));
    const accepting = options.isAccepting();
    const ready = database && migrations && accepting;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      database: database ? 'reachable' : 'unreachable',
      migrations: migrations ? 'applied' : 'pending',
      shuttingDown: !accepting,
      ...options.details,
    });
  });
  return router;
}
