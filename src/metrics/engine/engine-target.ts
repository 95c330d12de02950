import type { PluginNeeds } from '../host/plugin-needs';
import type { FittedModel, MetricContext, MetricPlugin, MetricProvider, MetricSubject } from '../../plugin-api/plugin.contract';

/** One pass over the population: a fresh stream of subject batches for every call. */
export type PopulationSource = () => AsyncIterable<MetricSubject[]>;

/**
 * One plugin as the engine runs it: the providers to run (all of the plugin's, or the one a
 * backtest compares), the context handed to them, and what its subjects must carry. The engine
 * itself never touches a database: refreshes, re-scoring, backtests and the plugin harness each
 * give it a source and collect what it produces.
 */
export interface EngineTarget {
  plugin: MetricPlugin<unknown>;
  providers: MetricProvider<unknown>[];
  ctx: MetricContext<unknown>;
  /** When the source carries more than this plugin needs (other plugins' interactions, reads), subjects are trimmed to it. */
  needs?: PluginNeeds;
}

/** A provider's fitted model after the JSON round trip, as it is stored and read back for re-scoring. */
export interface FittedProvider {
  model: FittedModel;
  diagnostics?: Record<string, unknown>;
}

/**
 * A target's fit: every provider's model, or why it failed; `ms` from the start of the pass until
 * its last fit ended. `error` is the raw message, for local tools; what is stored or returned goes
 * through publicErrorMessage with `cause`, the value thrown (it may be a database error).
 */
export type TargetFit = ({ models: Map<MetricProvider<unknown>, FittedProvider>; error?: undefined } | { error: string; cause: unknown; models?: undefined }) & { ms: number };
