import type { DataSource } from 'typeorm';
import { Channel } from '../common/enums';
import { fingerprint } from '../common/fingerprint';
import { writeTransaction } from '../common/concurrent-write';
import type { IngestOptions } from '../common/ingest-options';
import { batchError, type InputProblem, validateBatch } from '../common/validate-batch';
import { erasedMeanwhileProblems, lockCustomersByExternalId } from '../customers/customer-locks';
import { refreshCustomerStats } from '../customers/customer-stats';
import { insertEntities } from '../db/bulk-insert';
import { findByExternalIds } from '../db/find-by-external-ids';
import { ErrorCode } from '../graphql/errors';
import { Interaction } from './interaction.entity';
import type { InteractionInput } from './interaction.input';
import { interactionInputSchema, type ValidInteractionInput } from './interaction-input.schema';

export interface RecordInteractionsResult {
  created: number;
  unchanged: number;
  /** The interactions in input order (already-recorded ones as stored), read when first asked for. */
  readonly interactions: Promise<Interaction[]>;
  /** Customers whose interactions changed, for follow-up work such as re-scoring. */
  touchedCustomerIds: number[];
}

export type Content = Omit<Interaction, 'id' | 'createdAt' | 'fingerprint'>;

async function readBack(ds: DataSource, externalIds: string[]): Promise<Interaction[]> {
  const all = await findByExternalIds(ds.manager, Interaction, externalIds);
  return externalIds.map((id) => all.get(id) as Interaction);
}

export function contentOf(i: ValidInteractionInput, customerId: number, baseCurrency: string): Content {
  return {
    externalId: i.externalId,
    customerId,
    occurredAt: i.occurredAt,
    type: i.type,
    channel: i.channel ?? Channel.OTHER,
    contactLevel: i.contactLevel ?? null,
    amount: i.amount ?? null,
    // Money without a currency is in the base currency.
    currency: i.currency ?? (i.amount != null || i.margin != null ? baseCurrency : null),
    margin: i.margin ?? null,
    expectationScore: i.expectationScore ?? null,
    perceptionScore: i.perceptionScore ?? null,
    note: i.note ?? null,
    metadata: i.metadata ?? null,
  };
}

/**
 * Records interactions idempotently in one transaction: an externalId already stored with the same
 * content is "unchanged"; with different content it is a CONFLICT and nothing is written.
 */
export async function recordInteractions(ds: DataSource, o: IngestOptions, inputs: InteractionInput[]): Promise<RecordInteractionsResult> {
  const valid = validateBatch(inputs, interactionInputSchema(o), o.batchSizeMax);
  const customerKeys = valid.map((i) => i.customerExternalId);
  return writeTransaction(ds, { what: 'interactions' }, async (m) => {
    // Locked: an erasure waits for this batch (and then clears its notes), or wins and refuses it.
    const { byExternalId: customers, erasedMeanwhile } = await lockCustomersByExternalId(m, [...new Set(customerKeys)]);
    const erased = erasedMeanwhileProblems(customerKeys, erasedMeanwhile, 'customerExternalId');
    if (erased.length) throw batchError(erased, 'input', ErrorCode.CONFLICT);
    const unknown: InputProblem[] = [];
    valid.forEach((i, index) => {
      if (!customers.has(i.customerExternalId)) unknown.push({ index, field: 'customerExternalId', message: `no customer has externalId "${i.customerExternalId}"` });
    });
    if (unknown.length) throw batchError(unknown);

    const contents = valid.map((i) => contentOf(i, (customers.get(i.customerExternalId) as { id: number }).id, o.baseCurrency));
    const hashes = contents.map((c) => fingerprint(c as unknown as Record<string, unknown>));
    const stored = await findByExternalIds(m, Interaction, valid.map((i) => i.externalId));

    const conflicts: InputProblem[] = [];
    const fresh = new Map<string, { content: Content; hash: string }>();
    contents.forEach((c, index) => {
      const known = stored.get(c.externalId)?.fingerprint ?? fresh.get(c.externalId)?.hash;
      if (known === undefined) fresh.set(c.externalId, { content: c, hash: hashes[index] });
      else if (known !== hashes[index]) {
        conflicts.push({ index, field: 'externalId', message: `"${c.externalId}" was already recorded with different content; interactions are immutable` });
      }
    });
    if (conflicts.length) throw batchError(conflicts, 'input', ErrorCode.CONFLICT);

    const rows = [...fresh.values()];
    await insertEntities(m, Interaction, rows.map(({ content, hash }) => ({ ...content, fingerprint: hash, createdAt: o.now })));
    const touched = [...new Set(rows.map((r) => r.content.customerId))];
    await refreshCustomerStats(m, touched, o.baseCurrency);
    return {
      created: rows.length,
      unchanged: valid.length - rows.length,
      // Read back only if the client selects them: bulk loaders (the seed, ETL jobs) rarely do.
      get interactions() {
        return readBack(ds, valid.map((i) => i.externalId));
      },
      touchedCustomerIds: touched,
    };
  });
}
