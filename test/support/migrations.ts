import type { DataSource } from 'typeorm';

/** Reverts migrations, newest first, up to and including the one named. */
export async function undoMigrationsThrough(ds: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last] = await ds.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1') as { name: string }[];
    if (!last) throw new Error(`migration ${name} was never applied`);
    await ds.undoLastMigration({ transaction: 'each' });
    if (last.name === name) return;
  }
}
