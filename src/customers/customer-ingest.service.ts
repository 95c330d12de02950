import { In, type DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { concurrentWriteError } from '../common/concurrent-write';
import type { IngestOptions } from '../common/ingest-options';
import { batchError, duplicateKeys, validateBatch } from '../common/validate-batch';
import { insertEntities } from '../db/bulk-insert';
import { findByExternalIds } from '../db/find-by-external-ids';
import { Customer } from './customer.entity';
import type { CustomerInput } from './customer.input';
import { customerInputSchema } from './customer-input.schema';
import { customerFingerprint, mergeCustomer } from './customer-merge';
import { CustomerTrait } from './customer-trait.entity';
import { indexableTraits } from './customer-traits';
import { markChanged } from '../summaries/summary-store';
import type { MetricCustomer } from '../plugin-api/plugin.contract';

export interface UpsertCustomersResult {
  /** New customers, and updated ones whose fields that metrics read changed: to re-score. */
  rescoreCustomerIds: number[];
  created: number;
  updated: number;
  unchanged: number;
  /** The customers in input order, read when first asked for. */
  readonly customers: Promise<Customer[]>;
}

/** The customer fields plugins read besides its id (MetricCustomer): a change of any other field (name, email...) re-scores nothing. */
const METRIC_FIELDS = ['externalId', 'party', 'relationship', 'channelRole', 'origin', 'acquiredAt', 'contractStartedAt', 'contractEndedAt', 'churnReason', 'traits'] as const satisfies readonly (keyof MetricCustomer)[];

function metricFieldsDiffer(before: Customer, after: Partial<Customer>): boolean {
  const same = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date
    ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime()
    : JSON.stringify(a ?? null) === JSON.stringify(b ?? null));
  return METRIC_FIELDS.some((f) => f in after && !same(before[f], after[f]));
}

/** Customers by external id; erased ones (whose old key is free again) only when asked for. */
export async function customersByExternalId(m: EntityManager, externalIds: string[], withErased = false): Promise<Map<string, Customer>> {
  const found = await findByExternalIds(m, Customer, externalIds);
  return withErased ? found : new Map([...found].filter(([, c]) => !c.erasedAt));
}

/**
 * Creates or updates customers by externalId in one transaction: all or nothing. Re-sending the
 * same content changes nothing (not even updatedAt).
 */
export async function upsertCustomers(ds: DataSource, o: IngestOptions, inputs: CustomerInput[]): Promise<UpsertCustomersResult> {
  const valid = validateBatch(inputs, customerInputSchema(o), o.batchSizeMax);
  const dupes = duplicateKeys(valid.map((c) => c.externalId), 'externalId');
  if (dupes.length) throw batchError(dupes);

  try {
    return await ds.transaction(async (m) => {
      const existing = await customersByExternalId(m, valid.map((c) => c.externalId), true);
      const toInsert: Partial<Customer>[] = [];
      const toUpdate: Customer[] = [];
      let unchanged = 0;
      const rescore: number[] = [];
      for (const input of valid) {
        const before = existing.get(input.externalId) ?? null;
        const content = mergeCustomer(before, input);
        const hash = customerFingerprint(content);
        if (!before) toInsert.push({ ...content, fingerprint: hash, createdAt: o.now, updatedAt: o.now });
        else if (before.fingerprint === hash) unchanged += 1;
        else {
          toUpdate.push({ ...before, ...content, fingerprint: hash, updatedAt: o.now });
          if (!before.erasedAt && metricFieldsDiffer(before, content)) rescore.push(before.id);
        }
      }
      await insertEntities(m, Customer, toInsert.map((c) => ({ ...c, statRevenue: 0, statPurchaseCount: 0, statLastPurchaseAt: null, statLastInteractionAt: null })));
      // Only content columns: the stat_* columns belong to interaction ingest.
      for (const c of toUpdate) {
        const { id, statRevenue: _r, statPurchaseCount: _p, statLastPurchaseAt: _lp, statLastInteractionAt: _li, ...content } = c;
        await m.update(Customer, { id }, content as QueryDeepPartialEntity<Customer>);
      }

      // New rows are read back for their ids; updated ones already carry theirs.
      const inserted = await findByExternalIds(m, Customer, toInsert.map((c) => c.externalId as string));
      await replaceTraits(m, [...inserted.values(), ...toUpdate]);
      rescore.push(...[...inserted.values()].map((c) => c.id));
      await markChanged(m, rescore);
      const externalIds = valid.map((c) => c.externalId);
      return {
        created: toInsert.length,
        updated: toUpdate.length,
        unchanged,
        rescoreCustomerIds: rescore,
        // Read back only if the client selects them: bulk loaders rarely do.
        get customers() {
          return findByExternalIds(ds.manager, Customer, externalIds).then((rows) => externalIds.map((id) => rows.get(id) as Customer));
        },
      };
    });
  } catch (err) {
    throw concurrentWriteError(err, 'customers');
  }
}

/** Rewrites the indexed copy of the customers' top-level scalar traits. */
export async function replaceTraits(m: EntityManager, customers: Customer[]): Promise<void> {
  if (customers.length === 0) return;
  const ids = customers.map((c) => c.id);
  for (let i = 0; i < ids.length; i += 500) await m.delete(CustomerTrait, { customerId: In(ids.slice(i, i + 500)) });
  await insertEntities(m, CustomerTrait, customers.flatMap((c) => indexableTraits(c.traits).map((t) => ({ customerId: c.id, ...t }))));
}
