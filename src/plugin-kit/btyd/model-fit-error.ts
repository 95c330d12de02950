/**
 * A model could not be fitted to the population: the optimiser did not converge, or the data
 * cannot identify the model (e.g. too few repeat buyers). The message names the model, the reason
 * and, for an optimiser failure, the iteration count.
 */
export class ModelFitError extends Error {
  constructor(
    /** e.g. 'BG/NBD', 'Gamma-Gamma'. */
    readonly model: string,
    readonly reason: string,
    /** Optimiser iterations spent, when an optimiser ran. */
    readonly iterations: number | null = null,
  ) {
    super(`${model} fit failed: ${reason}${iterations === null ? '' : ` (after ${iterations} iterations)`}`);
    this.name = 'ModelFitError';
  }
}
