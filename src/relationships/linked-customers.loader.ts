import DataLoader from 'dataloader';
import { pushTo } from '../common/multimap';
import type { DataSource } from 'typeorm';
import { LinkType } from '../common/enums';
import { Customer } from '../customers/customer.entity';
import { CustomerLink } from './customer-link.entity';

/** OUT follows edges from the customer (whom it referred), IN follows edges to it (who referred it). */
export type LinkDirection = 'OUT' | 'IN';

export interface LinkedKey {
  customerId: number;
  type: LinkType;
  direction: LinkDirection;
}

const keyOf = (k: LinkedKey) => `${k.type}|${k.direction}|${k.customerId}`;

/**
 * Customers on the other end of a customer's links, for many customers at once: one statement
 * per (type, direction) asked for in the request, whatever the page size. HOUSEHOLD is symmetric,
 * so it is read in both directions. Erased customers are left out.
 */
export function linkedCustomersLoader(ds: DataSource) {
  return new DataLoader<LinkedKey, Customer[], string>(
    async (keys) => {
      const groups = new Map<string, LinkedKey[]>();
      for (const k of keys) pushTo(groups, `${k.type}|${k.direction}`, k);
      const out = new Map<string, Customer[]>();
      for (const group of groups.values()) {
        const { type, direction } = group[0];
        const ids = group.map((k) => k.customerId);
        const qb = ds.getRepository(Customer).createQueryBuilder('c');
        const joins = type === LinkType.HOUSEHOLD
          ? ['l.fromCustomerId = c.id AND l.toCustomerId IN (:...ids)', 'l.toCustomerId = c.id AND l.fromCustomerId IN (:...ids)']
          : [direction === 'OUT' ? 'l.toCustomerId = c.id AND l.fromCustomerId IN (:...ids)' : 'l.fromCustomerId = c.id AND l.toCustomerId IN (:...ids)'];
        qb.innerJoin(CustomerLink, 'l', `l.type = :type AND ((${joins.join(') OR (')}))`, { type, ids })
          .addSelect('l.from_customer_id', 'link_from').addSelect('l.to_customer_id', 'link_to')
          .where('c.erasedAt IS NULL')
          .orderBy('c.id');
        const { entities, raw } = await qb.getRawAndEntities<{ c_id: number; link_from: number; link_to: number }>();
        const byId = new Map(entities.map((c) => [c.id, c]));
        for (const r of raw) {
          const other = byId.get(Number(r.c_id));
          const owner = Number(r.c_id) === Number(r.link_to) ? Number(r.link_from) : Number(r.link_to);
          const k = keyOf({ customerId: owner, type, direction });
          if (other) pushTo(out, k, other);
        }
      }
      return keys.map((k) => out.get(keyOf(k)) ?? []);
    },
    { cacheKeyFn: keyOf },
  );
}
