import { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';

/** `/healthz`: the process is up. `/readyz`: the database answers and no migration is pending. */
export function healthRoutes(ds: DataSource, log: Logger): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', async (_req, res) => {
    try {
      await ds.query('SELECT 1');
      const pending = await ds.showMigrations();
      if (pending) {
        res.status(503).json({ status: 'unavailable', reason: 'migrations pending' });
        return;
      }
      res.json({ status: 'ready' });
    } catch (err) {
      log.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  return r;
}
