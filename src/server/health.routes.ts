import { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { ReplicaStatus } from './read-routing';

/**
 * `/healthz`: the process is up. `/readyz`: the database answers and no migration is pending; with
 * a read replica, its state too (`readReplica`), which does not change the answer: while the
 * replica is not usable, queries read from the primary.
 */
export function healthRoutes(ds: DataSource, log: Logger, replicaStatus: () => ReplicaStatus | null = () => null): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', async (_req, res) => {
    const replica = replicaStatus();
    const withReplica = <T extends object>(body: T) => (replica ? { ...body, readReplica: replica } : body);
    try {
      await ds.query('SELECT 1');
      const pending = await ds.showMigrations();
      if (pending) {
        res.status(503).json(withReplica({ status: 'unavailable', reason: 'migrations pending' }));
        return;
      }
      res.json(withReplica({ status: 'ready' }));
    } catch (err) {
      log.warn({ err }, 'readiness check failed');
      res.status(503).json(withReplica({ status: 'unavailable', reason: 'database unreachable' }));
    }
  });
  return r;
}
