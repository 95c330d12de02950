import { describe, expect, it } from 'vitest';
import { BgNbdPopulation, readBgNbdModel } from './bgnbd-population';
import type { BtydSummary } from './btyd-summary';
import { GammaGammaRowAccumulator } from './gamma-gamma-rows';
import { ModelFitError } from './model-fit-error';

const summary = (x: number, tx: number, T: number): BtydSummary => ({
  unit: 'week', x, tx, T, firstPurchaseDay: new Date(0), lastPurchaseDay: new Date(0), meanRepeatValue: null, repeatValueDays: 0,
  meanRepeatMargin: null, revenue: 0, margin: 0, marginRevenue: 0,
});

describe('BgNbdPopulation', () => {
  it('counts customers and repeat buyers, and refuses to fit below minRepeatBuyers', () => {
    const population = new BgNbdPopulation();
    population.add(summary(0, 0, 30));
    population.add(summary(0, 0, 30));
    population.add(summary(2, 10, 30));
    expect(population.customers).toBe(3);
    expect(population.repeatBuyers).toBe(1);
    expect(() => population.fit(2)).toThrow(ModelFitError);
    expect(() => population.fit(2)).toThrow(/only 1 of 3 customers .* at least 2 \(minRepeatBuyers\)/);
  });
});

describe('readBgNbdModel', () => {
  it('reads a valid model and rejects broken ones', () => {
    expect(readBgNbdModel({ params: { r: 1, alpha: 2, a: 3, b: 4 }, unit: 'day' }, 'p')).toEqual({ params: { r: 1, alpha: 2, a: 3, b: 4 }, unit: 'day' });
    expect(() => readBgNbdModel({ params: { r: 1, alpha: null, a: 3, b: 4 }, unit: 'day' }, 'p')).toThrow(/p: the stored model/);
    expect(() => readBgNbdModel({ params: { r: 1, alpha: 2, a: 3, b: 4 }, unit: 'month' }, 'p')).toThrow();
    expect(() => readBgNbdModel({}, 'p')).toThrow();
  });
});

describe('GammaGammaRowAccumulator', () => {
  it('merges identical (x, zbar) and ignores non-repeat or non-positive values', () => {
    const rows = new GammaGammaRowAccumulator();
    rows.add(2, 10);
    rows.add(2, 10);
    rows.add(1, 10);
    rows.add(0, 10);
    rows.add(3, null);
    rows.add(3, 0);
    expect(rows.customers).toBe(3);
    expect(rows.rows()).toEqual([{ x: 2, zbar: 10, weight: 2 }, { x: 1, zbar: 10, weight: 1 }]);
  });
});
