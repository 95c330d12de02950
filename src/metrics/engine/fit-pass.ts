import { restrictTo } from './restrict-subjects';
import { yieldIfBusy } from '../../compute/yield-if-busy';
import { providerKey } from '../host/provider-key';
import { streamFor } from './provider-subjects';
import type { FittedModel, MetricProvider, MetricSubject } from '../../plugin-api/plugin.contract';
import { Broadcast } from './broadcast';
import type { EngineTarget, FittedProvider, PopulationSource, TargetFit } from './engine-target';

/** How a fitted model is stored: JSON round trip by default (the harness also reports what JSON would change). */
export type RoundTrip = (value: Record<string, unknown>, what: string) => Record<string, unknown>;
const jsonRoundTrip: RoundTrip = (v) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;

interface FitJob {
  target: EngineTarget;
  fit: NonNullable<MetricProvider<unknown>['fit']>;
  /** The providers this one fit serves (contract-sbg's clv and churn share one sBG fit). */
  providers: MetricProvider<unknown>[];
}

/** One job per distinct (fit function, relationships) of each target. */
function fitJobs(targets: EngineTarget[]): FitJob[] {
  const jobs: FitJob[] = [];
  for (const target of targets) {
    const byKey = new Map<string, FitJob>();
    const fnIds = new Map<unknown, number>();
    for (const p of target.providers) {
      if (!p.fit) continue;
      if (!fnIds.has(p.fit)) fnIds.set(p.fit, fnIds.size);
      const key = `${fnIds.get(p.fit)}|${p.relationships?.join(',') ?? '*'}`;
      const job = byKey.get(key);
      if (job) job.providers.push(p);
      else {
        const created = { target, fit: p.fit, providers: [p] };
        byKey.set(key, created);
        jobs.push(created);
      }
    }
  }
  return jobs;
}

/**
 * A fit's own view of the pass. Every fit takes each batch in turn on the request thread; between
 * two of them the event loop gets its turn once a stretch passes its budget.
 */
async function* trimmed(stream: AsyncIterable<MetricSubject[]>, target: EngineTarget): AsyncGenerator<MetricSubject[]> {
  for await (const batch of stream) {
    await yieldIfBusy();
    yield target.needs ? restrictTo(batch, target.needs) : batch;
  }
}

const failed = (cause: unknown, ms: number): TargetFit => ({ error: String((cause as Error)?.message ?? cause), cause, ms });

/**
 * Fits every provider of every target from ONE pass over the population, whatever their number:
 * the pass is broadcast to all fits, which run side by side. A fit that throws fails its target
 * only (the others go on); providers without `fit` get an empty model.
 */
export async function fitTargets(targets: EngineTarget[], source: PopulationSource, roundTrip: RoundTrip = jsonRoundTrip): Promise<Map<EngineTarget, TargetFit>> {
  const jobs = fitJobs(targets);
  const errors = new Map<EngineTarget, unknown>();
  const started = performance.now();
  const ended = new Map<EngineTarget, number>();
  const fitted = new Map<FitJob, { model: FittedModel; diagnostics?: Record<string, unknown> }>();
  if (jobs.length) {
    const broadcast = new Broadcast(source()[Symbol.asyncIterator](), jobs.length);
    await Promise.all(jobs.map(async (job, i) => {
      try {
        const own = streamFor(job.providers[0], trimmed(broadcast.consumer(i), job.target));
        fitted.set(job, await job.fit(own, job.target.ctx));
      } catch (err) {
        if (!errors.has(job.target)) errors.set(job.target, err);
      } finally {
        broadcast.detach(i);
        ended.set(job.target, performance.now() - started);
      }
    }));
  }
  const out = new Map<EngineTarget, TargetFit>();
  for (const target of targets) {
    const ms = Math.round(ended.get(target) ?? 0);
    if (errors.has(target)) {
      out.set(target, failed(errors.get(target), ms));
      continue;
    }
    try {
      const models = new Map<MetricProvider<unknown>, FittedProvider>();
      for (const p of target.providers) {
        const job = jobs.find((j) => j.target === target && j.providers.includes(p));
        const result = job ? fitted.get(job)! : { model: {} };
        const key = providerKey(p);
        models.set(p, {
          model: roundTrip(result.model, `the model of ${key}`) as FittedModel,
          ...(result.diagnostics ? { diagnostics: roundTrip(result.diagnostics, `the diagnostics of ${key}`) } : {}),
        });
      }
      out.set(target, { models, ms });
    } catch (err) {
      out.set(target, failed(err, ms));
    }
  }
  return out;
}
