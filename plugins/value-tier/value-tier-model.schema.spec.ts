import { describe, expect, it } from 'vitest';
import { valueTierConfigSchema } from './value-tier.config';
import { readValueTierModel } from './value-tier-model.schema';

const config = valueTierConfigSchema.parse({});
const model = { mvcShare: 0.1, mgcShare: 0.1, defaultMarginRatio: null, mvcCut: 120, mgcCut: null, ranked: 9, sampled: 9 };

describe('readValueTierModel', () => {
  it('reads back a model fitted under the current options', () => {
    expect(readValueTierModel(JSON.parse(JSON.stringify(model)), config)).toEqual(model);
  });

  it('asks for a refresh when the options it was fitted with changed', () => {
    expect(() => readValueTierModel(model, { ...config, mvcShare: 0.2, defaultMarginRatio: 0.3 })).toThrow(
      'value-tier: the stored model was fitted with mvcShare=0.1, defaultMarginRatio=null but the configuration now has mvcShare=0.2, defaultMarginRatio=0.3; refresh the value-tier metrics',
    );
  });

  it('refuses a model of another shape', () => {
    expect(() => readValueTierModel({ ...model, mvcCut: 'high' }, config)).toThrow(/the stored model is not valid .*mvcCut.*refresh the value-tier metric/s);
    expect(() => readValueTierModel({}, config)).toThrow(/not valid/);
  });
});
