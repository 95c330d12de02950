import type { DataSource } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import type { Principal } from './principal';

export interface AuditRecord {
  operation: string;
  outcome: string;
  counts: Record<string, number>;
}

export async function recordAudit(ds: DataSource, caller: Principal, requestId: string, records: readonly AuditRecord[]): Promise<void> {
  if (!records.length) return;
  const at = new Date();
  // In a transaction of its own, for the reason given in api-key.service.ts.
  await ds.transaction((m) => m.getRepository(AuditEntry).insert(records.map((r) => ({
    at,
    actor: caller.id,
    actorLabel: caller.label.slice(0, 200),
    roles: caller.roles.join(','),
    operation: r.operation.slice(0, 100),
    outcome: r.outcome.slice(0, 40),
    countsJson: JSON.stringify(r.counts),
    requestId: requestId.slice(0, 100),
  }))));
}

/** Newest first, keyset-paged by id. */
export function readAudit(ds: DataSource, first: number, before: number | null, actor: string | null): Promise<AuditEntry[]> {
  const qb = ds.getRepository(AuditEntry).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(first);
  if (before !== null) qb.andWhere('a.id < :before', { before });
  if (actor) qb.andWhere('a.actor = :actor', { actor });
  return qb.getMany();
}
