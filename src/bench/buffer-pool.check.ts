import type { DataSource } from 'typeorm';

const GIB = 1024 ** 3;

const poolSize = async (ds: DataSource): Promise<number> =>
  Number(((await ds.query('SELECT @@innodb_buffer_pool_size AS size')) as { size: number | string }[])[0].size);

/**
 * InnoDB's buffer pool: sets it to `setGb` GiB first when asked (SET GLOBAL, resized online on
 * MariaDB 10.11; it stays so for the server until changed or restarted), then returns its size
 * and a warning when it is under 1 GiB (the per-customer GROUP BY over millions of interactions
 * then reads from disk).
 */
export async function checkBufferPool(ds: DataSource, setGb: number | undefined): Promise<{ bytes: number; warning?: string }> {
  const wanted = setGb === undefined ? 0 : Math.round(setGb * GIB);
  if (setGb !== undefined && Math.abs((await poolSize(ds)) - wanted) > wanted * 0.01) {
    await ds.query(`SET GLOBAL innodb_buffer_pool_size = ${wanted}`);
    // The resize runs in the background; wait for it (at most a minute). Its status is empty or
    // "Completed ..." once done (MariaDB versions differ).
    for (let i = 0; i < 120; i += 1) {
      const status = ((await ds.query("SHOW STATUS LIKE 'Innodb_buffer_pool_resize_status'")) as { Value: string }[])[0]?.Value ?? '';
      if (Math.abs((await poolSize(ds)) - wanted) <= wanted * 0.01 && (status === '' || /^completed|fail/i.test(status))) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const bytes = await poolSize(ds);
  return bytes < GIB
    ? { bytes, warning: `innodb_buffer_pool_size is ${(bytes / 1048576).toFixed(0)} MiB, under 1 GiB: the figures will be disk-bound; pass --buffer-pool-gb 2 (or size it in the server config)` }
    : { bytes };
}

const redoSize = async (ds: DataSource): Promise<number> =>
  Number(((await ds.query('SELECT @@innodb_log_file_size AS size')) as { size: number | string }[])[0].size);

/**
 * InnoDB's redo log: sets it to `setGb` GiB first when asked (SET GLOBAL, online on MariaDB 10.9
 * and later; MySQL sizes it with innodb_redo_log_capacity instead), then returns its size and a
 * warning under 512 MiB: a refresh writes millions of index entries, and a small redo log makes
 * InnoDB stop to flush pages at every checkpoint (MariaDB's default is 96 MiB).
 */
export async function checkRedoLog(ds: DataSource, setGb: number | undefined): Promise<{ bytes: number; warning?: string }> {
  if (setGb !== undefined) await ds.query(`SET GLOBAL innodb_log_file_size = ${Math.round(setGb * GIB)}`);
  const bytes = await redoSize(ds);
  return bytes < GIB / 2
    ? { bytes, warning: `innodb_log_file_size is ${(bytes / 1048576).toFixed(0)} MiB, under 512 MiB: metric writes will stall on checkpoints; pass --redo-log-gb 1 (or size it in the server config)` }
    : { bytes };
}
