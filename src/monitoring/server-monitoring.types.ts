/** One finished refresh run of one plugin, as `model_run` records it. */
export interface RefreshRunObservation {
  /** The plugin's name (bounded: plugins come from the metrics configuration, not from callers). */
  plugin: string;
  /** The run's RunStatus. Only SUCCEEDED, FAILED and SKIPPED are recorded; a run still QUEUED or RUNNING is ignored. */
  status: string;
  /** How long the run took; null (never timed) counts the run without a duration. */
  durationMs: number | null;
}

/** Whether this process holds the refresh lease right now. Called at every scrape: keep it cheap and synchronous. */
export type LeaderProbe = () => boolean;

/**
 * What the rest of the server may report to Prometheus (`GET /metrics`). One per running server,
 * on a registry of its own, so that several servers in one process never share or clash.
 * Reached as `RunningServer.monitoring` (src/server/app.ts).
 */
export interface ServerMonitoring {
  /**
   * Counts a finished refresh run by plugin and outcome, and records its duration. The server
   * already calls this for every run its own MetricsRuntime finishes (MetricsRuntime.onRefreshed):
   * call it only for runs finished elsewhere, or each would count twice.
   */
  observeRefreshRun(run: RefreshRunObservation): void;
  /**
   * Sets where the leader gauge reads from; it reads 0 until a probe is set. A later call replaces
   * the probe. A probe that throws leaves the gauge out of that scrape (and logs why).
   */
  setLeaderProbe(probe: LeaderProbe): void;
}
