import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ApiKeyInputError, createApiKey, listApiKeys, revokeApiKey } from '../auth/api-key.service';
import { recordAudit } from '../auth/audit-log.service';
import { principal } from '../auth/principal';
import { Role, allRoles } from '../auth/roles';
import { createLogger } from '../common/logger';
import { loadConfig } from '../config/config';
import { describeDatabase } from '../config/database-url';
import { openDatabase } from '../db/open-database';

const USAGE = `npm run keys -- <command>, on DATABASE_URL (or the embedded database):
  create --role <role>[,<role>...] --label "<what it is for>"   prints the new key once
  list [--all]                                                 active keys (--all: revoked too)
  revoke <prefix>                                              the key stops working at once
Roles: ${allRoles.join(', ')} (see the README, Security).`;

// The operator at the shell, as the audit log names them.
const operator = principal('cli', 'cli', process.env.USER ?? 'cli', [Role.ADMIN]);

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, label: { type: 'string' }, all: { type: 'boolean', default: false } },
  });
  const [command, arg] = positionals;
  if (!command || !['create', 'list', 'revoke'].includes(command) || (command === 'revoke' && !arg)) {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }
  const config = loadConfig();
  const ds = await openDatabase(config.database, createLogger(process.env.LOG_LEVEL ?? 'warn'));
  const audit = (operation: string, counts: Record<string, number>) => recordAudit(ds, operator, `cli-${process.pid}`, [{ operation, outcome: 'ok', counts }]);
  try {
    if (command === 'create') {
      const { key, record } = await createApiKey(ds, { roles: (values.role ?? '').split(','), label: values.label ?? '', createdBy: 'cli' });
      await audit('createApiKey', { items: 1 });
      process.stdout.write(`Created key ${record.prefix} (${record.roles}) "${record.label}" on ${describeDatabase(config.database)}.\n`);
      process.stdout.write(`It is shown this once; only its hash is stored:\n\n    ${key}\n\n`);
    } else if (command === 'list') {
      const keys = await listApiKeys(ds, values.all);
      process.stdout.write(`${'prefix'.padEnd(14)}${'roles'.padEnd(22)}${'created'.padEnd(26)}${'last used'.padEnd(26)}${values.all ? 'revoked'.padEnd(26) : ''}label\n`);
      const at = (d: Date | null) => (d ? d.toISOString() : '-').padEnd(26);
      for (const k of keys) process.stdout.write(`${k.prefix.padEnd(14)}${k.roles.padEnd(22)}${at(k.createdAt)}${at(k.lastUsedAt)}${values.all ? at(k.revokedAt) : ''}${k.label}\n`);
      if (!keys.length) process.stdout.write('(no keys)\n');
    } else {
      const key = await revokeApiKey(ds, arg!);
      if (!key) {
        process.stderr.write(`No key has the prefix "${arg}"; \`npm run keys -- list --all\` shows them.\n`);
        return 1;
      }
      await audit('revokeApiKey', { items: 1 });
      process.stdout.write(`Revoked ${key.prefix} "${key.label}" (at ${key.revokedAt!.toISOString()}).\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof ApiKeyInputError)) throw e;
    process.stderr.write(`--${e.field === 'roles' ? 'role' : 'label'}: ${e.message}\n`);
    return 64;
  } finally {
    await ds.destroy();
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`keys failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
