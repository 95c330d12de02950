/**
 * True when a statement lost a lock race that re-running its transaction can win: a deadlock or a
 * lock-wait timeout on MySQL/MariaDB (ER_LOCK_DEADLOCK 1213, ER_LOCK_WAIT_TIMEOUT 1205), or a
 * database file locked by another connection on SQLite (SQLITE_BUSY and its extended codes).
 */
export function isLockConflict(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e?.driverError?.code ?? e?.code;
  const errno = e?.driverError?.errno ?? e?.errno;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || errno === 1213 || errno === 1205
    || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'));
}
