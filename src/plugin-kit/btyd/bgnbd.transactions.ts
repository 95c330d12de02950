import { type BgNbdParams, bgnbdExpectedTransactions, bgnbdPAlive } from './bgnbd.model';
import { BGNBD_FIT, fitOffThread } from './btyd-fit.tasks';
import { readPositiveNumbers, type TransactionModel } from './transaction-model';

/** The BG/NBD as a transaction model for the BTYD plugins. */
export const BG_NBD: TransactionModel<BgNbdParams> = {
  name: 'BG/NBD',
  fit: (tuples, signal) => fitOffThread(BGNBD_FIT, tuples, signal),
  readParams: (stored) => readPositiveNumbers(stored, ['r', 'alpha', 'a', 'b'] as const),
  pAlive: bgnbdPAlive,
  expectedTransactions: bgnbdExpectedTransactions,
};
