import type { AppConfig } from '../config/config';

/** What every write path needs to know, taken from the config and the request's clock. */
export interface IngestOptions {
  batchSizeMax: number;
  clockSkewMs: number;
  baseCurrency: string;
  now: Date;
}

export function ingestOptions(config: AppConfig, now = new Date()): IngestOptions {
  return { batchSizeMax: config.batchSizeMax, clockSkewMs: config.clockSkewMs, baseCurrency: config.baseCurrency, now };
}
