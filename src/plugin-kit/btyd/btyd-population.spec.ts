import { describe, expect, it } from 'vitest';
import { BG_NBD } from './bgnbd.transactions';
import { BtydPopulation, readStoredTransactionModel } from './btyd-population';
import type { BtydSummary } from './btyd-summary';
import { ModelFitError } from './model-fit-error';
import { PARETO_NBD } from './pareto-nbd.transactions';
import type { TransactionModel } from './transaction-model';

const summary = (x: number, tx: number, T: number): BtydSummary => ({
  unit: 'week', x, tx, T, firstPurchaseDay: new Date(0), lastPurchaseDay: new Date(0), meanRepeatValue: null, repeatValueDays: 0,
  meanRepeatMargin: null, revenue: 0, margin: 0, marginRevenue: 0,
});

/** Three customers, one repeat buyer: refused with minRepeatBuyers = 2, whatever the model. */
async function refusesBelowMinimum<P>(model: TransactionModel<P>, name: RegExp): Promise<void> {
  const population = new BtydPopulation(model);
  population.add(summary(0, 0, 30));
  population.add(summary(0, 0, 30));
  population.add(summary(2, 10, 30));
  expect(population.customers).toBe(3);
  expect(population.repeatBuyers).toBe(1);
  await expect(population.fit(2)).rejects.toThrow(ModelFitError);
  await expect(population.fit(2)).rejects.toThrow(name);
  await expect(population.fit(2)).rejects.toThrow(/only 1 of 3 customers .* at least 2 \(minRepeatBuyers\)/);
}

describe('BtydPopulation', () => {
  it('counts customers and repeat buyers, and refuses to fit below minRepeatBuyers, naming the model', async () => {
    await refusesBelowMinimum(BG_NBD, /^BG\/NBD fit failed/);
    await refusesBelowMinimum(PARETO_NBD, /^Pareto\/NBD fit failed/);
  });
});

describe('readStoredTransactionModel', () => {
  it('reads a valid BG/NBD model and rejects broken ones', () => {
    expect(readStoredTransactionModel({ params: { r: 1, alpha: 2, a: 3, b: 4 }, unit: 'day' }, BG_NBD, 'p')).toEqual({ params: { r: 1, alpha: 2, a: 3, b: 4 }, unit: 'day' });
    expect(() => readStoredTransactionModel({ params: { r: 1, alpha: null, a: 3, b: 4 }, unit: 'day' }, BG_NBD, 'p'))
      .toThrow(/^p: the stored model has no valid BG\/NBD parameters and unit; refresh the metrics$/);
    expect(() => readStoredTransactionModel({ params: { r: 1, alpha: 2, a: 3, b: 4 }, unit: 'month' }, BG_NBD, 'p')).toThrow(/refresh the metrics/);
    expect(() => readStoredTransactionModel({ params: { r: 1, alpha: 2, a: 0, b: 4 }, unit: 'week' }, BG_NBD, 'p')).toThrow(/BG\/NBD parameters/);
    expect(() => readStoredTransactionModel({ params: { r: 1, alpha: 2, a: 3, b: Number.POSITIVE_INFINITY }, unit: 'week' }, BG_NBD, 'p')).toThrow(/BG\/NBD parameters/);
    expect(() => readStoredTransactionModel({}, BG_NBD, 'p')).toThrow(/refresh the metrics/);
  });

  it('keeps only the named parameters, and each model reads only its own', () => {
    const bg = { params: { r: 1, alpha: 2, a: 3, b: 4, extra: 'x' }, unit: 'week' };
    const pareto = { params: { r: 1, alpha: 2, s: 3, beta: 4 }, unit: 'week' };
    expect(readStoredTransactionModel(bg, BG_NBD, 'p').params).toEqual({ r: 1, alpha: 2, a: 3, b: 4 });
    expect(readStoredTransactionModel(pareto, PARETO_NBD, 'p').params).toEqual({ r: 1, alpha: 2, s: 3, beta: 4 });
    expect(() => readStoredTransactionModel(pareto, BG_NBD, 'p')).toThrow(/BG\/NBD parameters/);
    expect(() => readStoredTransactionModel(bg, PARETO_NBD, 'p')).toThrow(/Pareto\/NBD parameters/);
  });
});
