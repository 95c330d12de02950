import type { ModelRun } from '../store/model-run.entity';

/** A refresh in the queue: its runs as queued (status QUEUED), and a promise of them finished. */
export interface QueuedRefresh {
  queued: ModelRun[];
  done: Promise<ModelRun[]>;
}

/** Thrown when a caller asks for another refresh while it already has its share queued or running. */
export class RefreshQueueFull extends Error {
  constructor(readonly limit: number) {
    super(`this caller already has ${limit} refreshes queued or running (REFRESHES_QUEUED_PER_CALLER); wait for one to finish (poll modelRuns)`);
  }
}
