import { In, type EntityManager, type FindOptionsWhere } from 'typeorm';

/**
 * Rows whose `externalId` is in the list, keyed by it; queried in chunks of 500 so a full batch
 * stays under every engine's parameter limit.
 */
export async function findByExternalIds<T extends { externalId: string }>(
  m: EntityManager,
  target: new () => T,
  externalIds: string[],
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (let i = 0; i < externalIds.length; i += 500) {
    const where = { externalId: In(externalIds.slice(i, i + 500)) } as FindOptionsWhere<T>;
    for (const row of await m.getRepository(target).findBy(where)) out.set(row.externalId, row);
  }
  return out;
}
