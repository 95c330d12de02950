import { In, type EntityManager } from 'typeorm';
import { LinkType } from '../common/enums';
import { batchError, type InputProblem } from '../common/validate-batch';
import { erasedMeanwhileProblems, lockCustomersByExternalId } from '../customers/customer-locks';
import { ErrorCode } from '../graphql/errors';
import type { Customer } from '../customers/customer.entity';
import { CustomerLink } from './customer-link.entity';
import type { ValidLinkInput } from './link-input.schema';

const CHUNK = 500;

/** One input item with both ends found, in stored orientation. */
export interface ResolvedLink {
  index: number;
  type: LinkType;
  from: Customer;
  to: Customer;
  fromId: number;
  toId: number;
}

export const linkKey = (type: LinkType, fromId: number, toId: number) => `${type}|${fromId}|${toId}`;

/** HOUSEHOLD is symmetric, so it is stored once with the lower id as `from`: A-B and B-A are one link. */
function storedEnds(type: LinkType, fromId: number, toId: number): [number, number] {
  return type === LinkType.HOUSEHOLD && toId < fromId ? [toId, fromId] : [fromId, toId];
}

/**
 * Finds both customers of every item (erased ones do not count) and locks them for the
 * transaction, so that the one-referrer and one-organisation checks see every committed link and
 * an erasure cannot drop links under the batch; throws naming every unknown one, or a CONFLICT
 * naming customers erased meanwhile.
 */
export async function resolveLinks(m: EntityManager, items: ValidLinkInput[]): Promise<ResolvedLink[]> {
  const { byExternalId: customers, erasedMeanwhile } = await lockCustomersByExternalId(m, [...new Set(items.flatMap((l) => [l.fromExternalId, l.toExternalId]))]);
  const erased = [
    ...erasedMeanwhileProblems(items.map((l) => l.fromExternalId), erasedMeanwhile, 'fromExternalId'),
    ...erasedMeanwhileProblems(items.map((l) => l.toExternalId), erasedMeanwhile, 'toExternalId'),
  ];
  if (erased.length) throw batchError(erased, 'input', ErrorCode.CONFLICT);
  const problems: InputProblem[] = [];
  const resolved: ResolvedLink[] = [];
  items.forEach((l, index) => {
    const from = customers.get(l.fromExternalId);
    const to = customers.get(l.toExternalId);
    if (!from) problems.push({ index, field: 'fromExternalId', message: `no customer has externalId "${l.fromExternalId}"` });
    if (!to) problems.push({ index, field: 'toExternalId', message: `no customer has externalId "${l.toExternalId}"` });
    if (from && to) {
      const [fromId, toId] = storedEnds(l.type, from.id, to.id);
      resolved.push({ index, type: l.type, from, to, fromId, toId });
    }
  });
  if (problems.length) throw batchError(problems);
  return resolved;
}

/**
 * Stored links that could match or contradict the batch: every link of the batch's types leaving
 * its `from` customers, plus every REFERRED link reaching its referred customers.
 */
export async function storedLinks(m: EntityManager, links: ResolvedLink[]): Promise<CustomerLink[]> {
  const found = new Map<number, CustomerLink>();
  const fetch = async (type: LinkType, column: 'fromCustomerId' | 'toCustomerId', ids: number[]) => {
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await m.getRepository(CustomerLink).findBy({ type, [column]: In(unique.slice(i, i + CHUNK)) });
      for (const r of rows) found.set(r.id, r);
    }
  };
  for (const type of new Set(links.map((l) => l.type))) {
    const ofType = links.filter((l) => l.type === type);
    await fetch(type, 'fromCustomerId', ofType.map((l) => l.fromId));
    if (type === LinkType.REFERRED) await fetch(type, 'toCustomerId', ofType.map((l) => l.toId));
  }
  return [...found.values()];
}
