import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { ingestOptions } from '../common/ingest-options';
import { upsertCustomers } from '../customers/customer-ingest.service';
import { recordInteractions } from '../interactions/interaction-ingest.service';
import { linkCustomers } from '../relationships/link.service';
import { addSegmentMembers } from '../segments/segment-members.service';
import { upsertSegment } from '../segments/segment.service';
import { noReservedKeys } from '../segments/reserved-segment-key';
import { generateDemoData } from './demo-data.generator';
import { demoRuleSegments } from './demo-rule-segments';
import { storeRuleSegment } from '../segments/rules/rule-segment-definition';
import { CORE_KINDS } from '../plugin-api/plugin.contract';

export interface SeedOptions {
  seed?: number;
  customers?: number;
  /** End of the generated history; default: the start of today (UTC). */
  end?: Date;
  /** Called after each written batch with (done, total) items. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedStats {
  seed: number;
  end: string;
  customers: number;
  interactions: number;
  links: number;
  segments: number;
  durationMs: number;
}

const startOfTodayUtc = () => new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00.000Z');

/**
 * Writes the demo data set through the same validated ingest paths as the API, in batches.
 * Idempotent: running it again with the same options changes nothing, and finishes an
 * interrupted run.
 */
export async function seedDemoData(ds: DataSource, config: AppConfig, opts: SeedOptions): Promise<SeedStats> {
  const started = performance.now();
  const seed = opts.seed ?? 42;
  const end = opts.end ?? startOfTodayUtc();
  const data = generateDemoData({ seed, customers: opts.customers ?? 3000, end });
  const o = ingestOptions(config);
  const batch = config.batchSizeMax;
  const total = data.customers.length + data.interactions.length + data.links.length + data.segments.length;
  let done = 0;
  const step = (n: number) => {
    done += n;
    opts.onProgress?.(done, total);
  };

  for (let i = 0; i < data.customers.length; i += batch) {
    await upsertCustomers(ds, o, data.customers.slice(i, i + batch));
    step(Math.min(batch, data.customers.length - i));
  }
  for (let i = 0; i < data.interactions.length; i += batch) {
    await recordInteractions(ds, o, data.interactions.slice(i, i + batch));
    step(Math.min(batch, data.interactions.length - i));
  }
  for (let i = 0; i < data.links.length; i += batch) {
    await linkCustomers(ds, o, data.links.slice(i, i + batch));
    step(Math.min(batch, data.links.length - i));
  }
  for (const s of data.segments) {
    await upsertSegment(ds, o.now, s.input, noReservedKeys);
    for (let i = 0; i < s.memberExternalIds.length; i += batch) {
      await addSegmentMembers(ds, o, s.input.key, s.memberExternalIds.slice(i, i + batch), noReservedKeys);
    }
    step(1);
  }
  for (const r of demoRuleSegments) await storeRuleSegment(ds, o.now, r, new Set(CORE_KINDS));
  return {
    seed,
    end: end.toISOString(),
    customers: data.customers.length,
    interactions: data.interactions.length,
    links: data.links.length,
    segments: data.segments.length + demoRuleSegments.length,
    durationMs: Math.round(performance.now() - started),
  };
}
