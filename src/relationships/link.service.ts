import { In, type DataSource } from 'typeorm';
import { LinkType, Party } from '../common/enums';
import { writeTransaction } from '../common/concurrent-write';
import type { IngestOptions } from '../common/ingest-options';
import { batchError, type InputProblem, validateBatch } from '../common/validate-batch';
import { ErrorCode } from '../graphql/errors';
import { insertEntities } from '../db/bulk-insert';
import { CustomerLink } from './customer-link.entity';
import type { LinkInput } from './link.input';
import { linkInputSchema } from './link-input.schema';
import { linkKey, resolveLinks, storedLinks } from './link-lookup';

export interface LinkCustomersResult {
  created: number;
  unchanged: number;
  /** Both ends of the links stored. */
  linkedCustomerIds: number[];
}

/**
 * Creates links in one transaction: all or nothing. An existing link (or a repeat in the batch)
 * is "unchanged". A customer has at most one referrer and belongs to at most one organisation.
 */
export async function linkCustomers(ds: DataSource, o: IngestOptions, inputs: LinkInput[]): Promise<LinkCustomersResult> {
  const valid = validateBatch(inputs, linkInputSchema, o.batchSizeMax);
  return writeTransaction(ds, { what: 'links' }, async (m) => {
    const links = await resolveLinks(m, valid);
    const notOrgs: InputProblem[] = links
      .filter((l) => l.type === LinkType.MEMBER_OF && l.to.party !== Party.ORGANIZATION)
      .map((l) => ({ index: l.index, field: 'toExternalId', message: `"${l.to.externalId}" is not an ORGANIZATION, so it cannot have members` }));
    if (notOrgs.length) throw batchError(notOrgs);

    const stored = await storedLinks(m, links);
    const known = new Set(stored.map((l) => linkKey(l.type, l.fromCustomerId, l.toCustomerId)));
    const referrerOf = new Map<number, number>();
    const organizationOf = new Map<number, number>();
    for (const l of stored) {
      if (l.type === LinkType.REFERRED) referrerOf.set(l.toCustomerId, l.fromCustomerId);
      if (l.type === LinkType.MEMBER_OF) organizationOf.set(l.fromCustomerId, l.toCustomerId);
    }

    const conflicts: InputProblem[] = [];
    const fresh: Omit<CustomerLink, 'id'>[] = [];
    let unchanged = 0;
    for (const l of links) {
      const key = linkKey(l.type, l.fromId, l.toId);
      if (known.has(key)) { unchanged += 1; continue; }
      const referrer = l.type === LinkType.REFERRED ? referrerOf.get(l.toId) : undefined;
      const organization = l.type === LinkType.MEMBER_OF ? organizationOf.get(l.fromId) : undefined;
      if (referrer !== undefined) {
        conflicts.push({ index: l.index, field: 'toExternalId', message: `"${l.to.externalId}" already has a referrer; a customer is referred by at most one customer` });
      } else if (organization !== undefined) {
        conflicts.push({ index: l.index, field: 'fromExternalId', message: `"${l.from.externalId}" is already a member of another organisation; unlink it first` });
      } else {
        known.add(key);
        if (l.type === LinkType.REFERRED) referrerOf.set(l.toId, l.fromId);
        if (l.type === LinkType.MEMBER_OF) organizationOf.set(l.fromId, l.toId);
        fresh.push({ type: l.type, fromCustomerId: l.fromId, toCustomerId: l.toId, createdAt: o.now });
      }
    }
    if (conflicts.length) throw batchError(conflicts, 'input', ErrorCode.CONFLICT);

    await insertEntities(m, CustomerLink, fresh);
    return { created: fresh.length, unchanged, linkedCustomerIds: endsOf(fresh) };
  });
}

/** Removes links in one transaction; a link that does not exist is simply not counted. */
export async function unlinkCustomers(ds: DataSource, o: IngestOptions, inputs: LinkInput[]): Promise<{ removed: number; linkedCustomerIds: number[] }> {
  const valid = validateBatch(inputs, linkInputSchema, o.batchSizeMax);
  return writeTransaction(ds, { what: 'links' }, async (m) => {
    const links = await resolveLinks(m, valid);
    const wanted = new Set(links.map((l) => linkKey(l.type, l.fromId, l.toId)));
    const removed = (await storedLinks(m, links)).filter((l) => wanted.has(linkKey(l.type, l.fromCustomerId, l.toCustomerId)));
    const ids = removed.map((l) => l.id);
    for (let i = 0; i < ids.length; i += 500) await m.delete(CustomerLink, { id: In(ids.slice(i, i + 500)) });
    return { removed: ids.length, linkedCustomerIds: endsOf(removed) };
  });
}

/** The customers at either end of these links: rule segments that read links re-evaluate them. */
function endsOf(links: Pick<CustomerLink, 'fromCustomerId' | 'toCustomerId'>[]): number[] {
  return [...new Set(links.flatMap((l) => [l.fromCustomerId, l.toCustomerId]))];
}
