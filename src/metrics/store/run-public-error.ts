import { publicErrorMessage } from '../../common/public-error-message';
import type { ModelRun } from './model-run.entity';

/** Makes a run's stored error fit to show: runs failed by an older version may hold a driver message. */
export function showRunError(r: ModelRun): ModelRun {
  if (r.error) r.error = publicErrorMessage(r.error, { code: 'REFRESH_FAILED', what: `the refresh of plugin ${r.plugin} failed`, ref: `run id ${r.id}` });
  return r;
}
