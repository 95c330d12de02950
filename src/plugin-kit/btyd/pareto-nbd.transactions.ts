import { fitOffThread, PARETO_NBD_FIT } from './btyd-fit.tasks';
import { type ParetoNbdParams, paretoNbdExpectedTransactions, paretoNbdPAlive } from './pareto-nbd.model';
import { readPositiveNumbers, type TransactionModel } from './transaction-model';

/** The Pareto/NBD as a transaction model for the BTYD plugins. */
export const PARETO_NBD: TransactionModel<ParetoNbdParams> = {
  name: 'Pareto/NBD',
  fit: (tuples, signal) => fitOffThread(PARETO_NBD_FIT, tuples, signal),
  readParams: (stored) => readPositiveNumbers(stored, ['r', 'alpha', 's', 'beta'] as const),
  pAlive: paretoNbdPAlive,
  expectedTransactions: paretoNbdExpectedTransactions,
};
