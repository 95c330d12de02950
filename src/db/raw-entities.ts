import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Entities from one plain `SELECT <every column> FROM <table> <rest>`, each column converted by
 * the driver and its transformer exactly as TypeORM's own hydration does, without the query
 * builder's per-query work (aliasing, metadata walks, raw-result joins): for the loaders every
 * request goes through. `rest` (WHERE, ORDER BY) uses `?` placeholders and the table's columns
 * by their database names.
 */
export async function rawEntities<T extends ObjectLiteral>(ds: DataSource, target: EntityTarget<T>, rest: string, params: unknown[]): Promise<T[]> {
  const meta = ds.getMetadata(target);
  const columns = meta.columns;
  const select = columns.map((c, i) => `${ds.driver.escape(c.databaseName)} AS c${i}`).join(', ');
  const rows = await ds.query(`SELECT ${select} FROM ${ds.driver.escape(meta.tableName)} ${rest}`, params) as Record<string, unknown>[];
  return rows.map((row) => {
    const entity = meta.create() as T;
    columns.forEach((c, i) => c.setEntityValue(entity, ds.driver.prepareHydratedValue(row[`c${i}`], c)));
    return entity;
  });
}

/** Entities by primary id (one statement), in no particular order. */
export async function entitiesById<T extends ObjectLiteral>(ds: DataSource, target: EntityTarget<T>, ids: readonly number[]): Promise<T[]> {
  if (!ids.length) return [];
  return rawEntities(ds, target, `WHERE id IN (${ids.map(() => '?').join(', ')})`, [...ids]);
}
