import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `customer_trait.key` and `.value` compared byte for byte on MySQL/MariaDB, as SQLite and the
 * `traits` JSON itself compare them. Under utf8mb4_unicode_ci, traits `tier` and `Tier` (or
 * `tier ` with a trailing space) collided on the primary key, so every upsert of such a customer
 * failed with a "retry" CONFLICT that no retry could cure, and trait filters matched `Gold` for
 * `gold` on MySQL only. A binary collation without trailing-space padding: utf8mb4_nopad_bin on
 * MariaDB, utf8mb4_0900_bin on MySQL 8 (utf8mb4_bin where neither exists).
 */
export class ExactTraitText1765200100000 implements MigrationInterface {
  name = 'ExactTraitText1765200100000';

  async up(q: QueryRunner): Promise<void> {
    if (!isMysql(q)) return;
    await collate(q, await exactCollation(q));
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to case-insensitive keys: fails if two keys of a customer now differ only in case.
    if (isMysql(q)) await collate(q, 'utf8mb4_unicode_ci');
  }
}

const isMysql = (q: QueryRunner) => q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';

async function exactCollation(q: QueryRunner): Promise<string> {
  const rows = await q.query(
    "SELECT COLLATION_NAME AS name FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN ('utf8mb4_nopad_bin', 'utf8mb4_0900_bin')",
  ) as { name: string }[];
  return rows[0]?.name ?? 'utf8mb4_bin';
}

async function collate(q: QueryRunner, collation: string): Promise<void> {
  await q.query(
    `ALTER TABLE customer_trait
       MODIFY \`key\` VARCHAR(100) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL,
       MODIFY \`value\` VARCHAR(191) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL`,
  );
}
