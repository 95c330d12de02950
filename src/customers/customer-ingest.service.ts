import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { writeTransaction } from '../common/concurrent-write';
import type { IngestOptions } from '../common/ingest-options';
import { batchError, duplicateKeys, validateBatch } from '../common/validate-batch';
import { insertEntities } from '../db/bulk-insert';
import { findByExternalIds } from '../db/find-by-external-ids';
import { entitiesById } from '../db/raw-entities';
import { ErrorCode } from '../graphql/errors';
import { erasedMeanwhileProblems, lockCustomersByExternalId } from './customer-locks';
import { Customer } from './customer.entity';
import { emptyCustomerStats } from './customer-stats.embedded';
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
  /** Created or changed: rule segments re-evaluate them. */
  changedCustomerIds: number[];
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

/** Live customers by external id (erased ones no longer have their old key). */
export async function customersByExternalId(m: EntityManager, externalIds: string[]): Promise<Map<string, Customer>> {
  const found = await findByExternalIds(m, Customer, externalIds);
  return new Map([...found].filter(([, c]) => !c.erasedAt));
}

/**
 * Creates or updates customers by externalId in one transaction: all or nothing. Re-sending the
 * same content changes nothing (not even updatedAt). The customers it updates are locked first,
 * so a concurrent erasure either waits for this batch and then erases it, or wins and this batch
 * is refused with a CONFLICT naming the erased customer.
 */
export async function upsertCustomers(ds: DataSource, o: IngestOptions, inputs: CustomerInput[]): Promise<UpsertCustomersResult> {
  const valid = validateBatch(inputs, customerInputSchema(o), o.batchSizeMax);
  const externalIds = valid.map((c) => c.externalId);
  const dupes = duplicateKeys(externalIds, 'externalId');
  if (dupes.length) throw batchError(dupes);

  const written = await writeTransaction(ds, { what: 'customers' }, async (m) => {
    const { byExternalId: existing, erasedMeanwhile } = await lockCustomersByExternalId(m, externalIds);
    const erased = erasedMeanwhileProblems(externalIds, erasedMeanwhile, 'externalId');
    if (erased.length) throw batchError(erased, 'input', ErrorCode.CONFLICT);
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
        if (metricFieldsDiffer(before, content)) rescore.push(before.id);
      }
    }
    await insertEntities(m, Customer, toInsert.map((c) => ({ ...c, stats: emptyCustomerStats() })));
    const lost: string[] = [];
    for (const c of toUpdate) if (!await updateContent(m, c)) lost.push(c.externalId);
    if (lost.length) throw batchError(erasedMeanwhileProblems(externalIds, new Set(lost), 'externalId'), 'input', ErrorCode.CONFLICT);

    // New rows are read back for their ids; updated ones already carry theirs.
    const inserted = await findByExternalIds(m, Customer, toInsert.map((c) => c.externalId as string));
    await replaceTraits(m, [...inserted.values(), ...toUpdate]);
    rescore.push(...[...inserted.values()].map((c) => c.id));
    await markChanged(m, rescore);
    const ids = externalIds.map((k) => ((existing.get(k) ?? inserted.get(k)) as Customer).id);
    const changed = [...inserted.values(), ...toUpdate].map((c) => c.id);
    return { created: toInsert.length, updated: toUpdate.length, unchanged, rescoreCustomerIds: rescore, changedCustomerIds: changed, ids };
  });
  const { ids, ...counts } = written;
  return {
    ...counts,
    // Read back only if the client selects them (bulk loaders rarely do), by id: a customer
    // erased since is returned as its tombstone.
    get customers() {
      return entitiesById(ds, Customer, ids).then((rows) => {
        const byId = new Map(rows.map((c) => [c.id, c]));
        return ids.map((id) => byId.get(id) as Customer);
      });
    },
  };
}

/**
 * Writes a customer's content columns (not its stats, which are copied from its summary) unless
 * it was erased meanwhile, and says whether it did: the guard keeps personal data off an erased
 * record even if a lock was missed.
 */
async function updateContent(m: EntityManager, c: Customer): Promise<boolean> {
  const { id, stats: _stats, ...content } = c;
  const r = await m.update(Customer, { id, erasedAt: IsNull() }, content as QueryDeepPartialEntity<Customer>);
  return r.affected !== 0;
}

/** Rewrites the indexed copy of the customers' top-level scalar traits. */
export async function replaceTraits(m: EntityManager, customers: Customer[]): Promise<void> {
  if (customers.length === 0) return;
  const ids = customers.map((c) => c.id);
  for (let i = 0; i < ids.length; i += 500) await m.delete(CustomerTrait, { customerId: In(ids.slice(i, i + 500)) });
  await insertEntities(m, CustomerTrait, customers.flatMap((c) => indexableTraits(c.traits).map((t) => ({ customerId: c.id, ...t }))));
}
