import { parseArgs } from 'node:util';

export interface ScaleOptions {
  customers: number;
  /** Customers per generating statement. */
  chunk: number;
  skipPerPlugin: boolean;
  /** Keeps a population of exactly `customers` customers that an earlier run left, instead of generating it again. */
  reusePopulation: boolean;
  /** Per refresh phase; 0: no limit. */
  timeoutMinutes: number;
  /** Sets MariaDB's innodb_buffer_pool_size to this many GiB first. */
  bufferPoolGb: number | undefined;
  /** Sets MariaDB's innodb_log_file_size to this many GiB first. */
  redoLogGb: number | undefined;
  /** Concurrent clients of the throughput test, and its length. */
  clients: number;
  seconds: number;
  /** Runs of the page comparison. */
  runs: number;
}

/** `npm run bench:scale -- --customers 100000 [--skip-per-plugin] [--reuse-population] [--timeout-minutes N] [--buffer-pool-gb N] [--redo-log-gb N] ...` */
export function parseScaleOptions(argv: string[]): ScaleOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      customers: { type: 'string', default: '100000' },
      chunk: { type: 'string', default: '100000' },
      'skip-per-plugin': { type: 'boolean', default: false },
      'reuse-population': { type: 'boolean', default: false },
      'timeout-minutes': { type: 'string', default: '0' },
      'buffer-pool-gb': { type: 'string' },
      'redo-log-gb': { type: 'string' },
      clients: { type: 'string', default: '16' },
      seconds: { type: 'string', default: '5' },
      runs: { type: 'string', default: '30' },
    },
  });
  const positive = (name: string, v: string | undefined, min = 1): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number >= ${min} (got ${v})`);
    return n;
  };
  return {
    customers: Math.floor(positive('customers', values.customers)),
    chunk: Math.floor(positive('chunk', values.chunk)),
    skipPerPlugin: values['skip-per-plugin'] ?? false,
    reusePopulation: values['reuse-population'] ?? false,
    timeoutMinutes: positive('timeout-minutes', values['timeout-minutes'], 0),
    bufferPoolGb: values['buffer-pool-gb'] === undefined ? undefined : positive('buffer-pool-gb', values['buffer-pool-gb'], 0.125),
    redoLogGb: values['redo-log-gb'] === undefined ? undefined : positive('redo-log-gb', values['redo-log-gb'], 0.125),
    clients: Math.floor(positive('clients', values.clients)),
    seconds: positive('seconds', values.seconds),
    runs: Math.floor(positive('runs', values.runs)),
  };
}
