import { describe, expect, it } from 'vitest';
import type { ScoreBins } from '../../src/plugin-api';
import rfm from './index';
import { rfmConfigSchema } from './rfm.config';
import { fitRfm, RfmColumns, scoreRfm } from './rfm.model';

// scoreBins tells the host how R and F follow from two figures, for the R x F grid in SQL: it
// must give every customer the R and F that score gives.

const provider = rfm.provides[0];
const binned = (b: ScoreBins, x: number) => {
  const above = b.cutPoints.filter((p) => x > p).length;
  return b.descending ? b.cutPoints.length + 1 - above : 1 + above;
};

describe('rfm scoreBins', () => {
  it('agrees with score on every customer of a population with ties', () => {
    const config = rfmConfigSchema.parse({});
    const inputs = Array.from({ length: 500 }, (_, i) => ({ recency: (i * 37) % 400, frequency: 1 + ((i * 13) % 9), monetary: 10 + ((i * 53) % 700) }));
    const model = fitRfm(RfmColumns.of(inputs), config);
    const bins = provider.scoreBins!(model, config)!;
    expect(bins.r.figure).toBe('daysSinceLastPurchase');
    expect(bins.f.figure).toBe('purchaseCount');
    for (const x of inputs) {
      const s = scoreRfm(x, model, config);
      expect([binned(bins.r, x.recency), binned(bins.f, x.frequency)]).toEqual([s.r, s.f]);
    }
  });

  it('declines a model over a window, whose figures are not the summary\'s', () => {
    const config = rfmConfigSchema.parse({ windowDays: 365 });
    const model = fitRfm(RfmColumns.of([{ recency: 1, frequency: 2, monetary: 3 }, { recency: 9, frequency: 1, monetary: 1 }]), config);
    expect(provider.scoreBins!(model, config)).toBeNull();
  });
});
