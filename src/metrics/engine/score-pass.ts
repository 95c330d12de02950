import { restrictTo } from './restrict-subjects';
import { subjectsFor } from './provider-subjects';
import { scoreBatch } from './score-batch';
import { yieldIfBusy } from '../../compute/yield-if-busy';
import type { FittedModel, MetricProvider, MetricSubject, ScoreOutcome } from '../../plugin-api/plugin.contract';
import type { EngineTarget, PopulationSource } from './engine-target';

/** A target ready to score: the model of each of its providers. */
export interface ScoringTarget extends EngineTarget {
  models: Map<MetricProvider<unknown>, FittedModel>;
}

/** Where scores go: refresh and re-scoring write rows, a backtest compares, the harness collects. */
export interface ScoreSink<T extends ScoringTarget = ScoringTarget> {
  /** One provider's outcomes for a slice of the subjects of a batch it applies to, in order, and how long scoring them took. */
  scored(target: T, provider: MetricProvider<unknown>, subjects: MetricSubject[], outcomes: ScoreOutcome<unknown>[], ms: number): void;
  /** After every target scored a batch (queue writes, report progress). */
  batchDone?(batch: MetricSubject[]): Promise<void> | void;
}

// Scoring is synchronous CPU work on the request thread: a provider scores a batch in slices,
// with the event loop let in between once a stretch passes its budget, so that requests in
// flight (and /healthz) are answered within milliseconds, whatever the batch size and the plugin.
const SLICE = 200;

/**
 * Scores every provider of every target from ONE pass over the population: each batch is scored
 * by every target (with the host's per-customer error isolation); sources may read the next batch meanwhile.
 */
export async function scoreTargets<T extends ScoringTarget>(targets: T[], source: PopulationSource, sink: ScoreSink<T>): Promise<void> {
  if (!targets.length) return;
  for await (const batch of source()) {
    for (const target of targets) {
      const subjects = target.needs ? restrictTo(batch, target.needs) : batch;
      for (const p of target.providers) {
        const mine = subjectsFor(p, subjects);
        for (let i = 0; i < mine.length; i += SLICE) {
          const slice = mine.length <= SLICE ? mine : mine.slice(i, i + SLICE);
          const started = performance.now();
          const outcomes = scoreBatch(p, slice, target.models.get(p) ?? {}, target.ctx);
          sink.scored(target, p, slice, outcomes, performance.now() - started);
          await yieldIfBusy();
        }
      }
    }
    await sink.batchDone?.(batch);
  }
}
