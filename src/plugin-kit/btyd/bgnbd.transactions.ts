import { type BgNbdParams, bgnbdExpectedTransactions, bgnbdPAlive, fitBgNbd } from './bgnbd.model';
import { readPositiveNumbers, type TransactionModel } from './transaction-model';

/** The BG/NBD as a transaction model for the BTYD plugins. */
export const BG_NBD: TransactionModel<BgNbdParams> = {
  name: 'BG/NBD',
  fit: (tuples) => fitBgNbd(tuples),
  readParams: (stored) => readPositiveNumbers(stored, ['r', 'alpha', 'a', 'b'] as const),
  pAlive: bgnbdPAlive,
  expectedTransactions: bgnbdExpectedTransactions,
};
