import { besideModule, offThreadTask, type OffThreadTask, runOffThread } from '../../compute/off-thread';
import { type FitOutcome, fittedValue } from './model-fit-error';

type Worker = typeof import('./btyd-fit.worker');
const WORKER = besideModule(__filename, 'btyd-fit.worker');

export const BGNBD_FIT = offThreadTask<Worker['bgnbd']>(WORKER, 'bgnbd');
export const PARETO_NBD_FIT = offThreadTask<Worker['paretoNbd']>(WORKER, 'paretoNbd');
export const GAMMA_GAMMA_FIT = offThreadTask<Worker['gammaGamma']>(WORKER, 'gammaGamma');

/**
 * Runs a BTYD fit on a worker thread, handing `packed` over (it is empty here afterwards), so that
 * the event loop keeps answering requests while the optimiser runs. Throws the fit's
 * ModelFitError; an aborted `signal` stops the fit.
 */
export async function fitOffThread<T>(task: OffThreadTask<(packed: Float64Array) => FitOutcome<T>>, packed: Float64Array, signal?: AbortSignal): Promise<T> {
  return fittedValue(await runOffThread(task, packed, { signal, transfer: [packed.buffer] }));
}
