import { restrictTo } from './restrict-subjects';
import { subjectsFor } from './provider-subjects';
import { scoreBatch } from './score-batch';
import type { FittedModel, MetricProvider, MetricSubject, ScoreOutcome } from '../../plugin-api/plugin.contract';
import type { EngineTarget, PopulationSource } from './engine-target';

/** A target ready to score: the model of each of its providers. */
export interface ScoringTarget extends EngineTarget {
  models: Map<MetricProvider<unknown>, FittedModel>;
}

/** Where scores go: refresh and re-scoring write rows, a backtest compares, the harness collects. */
export interface ScoreSink<T extends ScoringTarget = ScoringTarget> {
  /** One provider's outcomes for the subjects of a batch it applies to, in order, and how long scoring them took. */
  scored(target: T, provider: MetricProvider<unknown>, subjects: MetricSubject[], outcomes: ScoreOutcome<unknown>[], ms: number): void;
  /** After every target scored a batch (queue writes, report progress). */
  batchDone?(batch: MetricSubject[]): Promise<void> | void;
}

// Scoring is synchronous CPU work; yielding between targets lets requests in flight be answered.
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

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
        if (!mine.length) continue;
        const started = performance.now();
        const outcomes = scoreBatch(p, mine, target.models.get(p) ?? {}, target.ctx);
        sink.scored(target, p, mine, outcomes, performance.now() - started);
      }
      await yieldToEventLoop();
    }
    await sink.batchDone?.(batch);
  }
}
