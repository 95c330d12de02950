import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { readStoredModel } from './stored-model';

const schema = z.object({ bins: z.number().int(), window: z.number().nullable(), cut: z.number() });
const model = { bins: 3, window: null, cut: 12.5 };
const fitted = (config: { bins: number; window: number | null }) => ({ options: ['bins', 'window'] as const, config });

describe('readStoredModel', () => {
  it('returns a valid model after its JSON round trip, with or without options to compare', () => {
    const raw: unknown = JSON.parse(JSON.stringify(model));
    expect(readStoredModel('p', schema, raw)).toEqual(model);
    expect(readStoredModel('p', schema, raw, fitted({ bins: 3, window: null }))).toEqual(model);
  });

  it('refuses a model of another shape, naming the plugin and asking for a refresh', () => {
    expect(() => readStoredModel('my-plugin', schema, { ...model, cut: 'high' })).toThrow(
      /^my-plugin: the stored model is not valid \(.*cut.*\); refresh the my-plugin metrics$/s,
    );
    expect(() => readStoredModel('my-plugin', schema, null)).toThrow(/^my-plugin: the stored model is not valid/);
  });

  it('refuses a model fitted under other options, naming only the changed ones, fitted and current', () => {
    expect(() => readStoredModel('my-plugin', schema, model, fitted({ bins: 3, window: 90 }))).toThrow(
      new Error('my-plugin: the stored model was fitted with window=null but the configuration now has window=90; refresh the my-plugin metrics'),
    );
    expect(() => readStoredModel('my-plugin', schema, model, fitted({ bins: 5, window: 90 }))).toThrow(
      new Error('my-plugin: the stored model was fitted with bins=3, window=null but the configuration now has bins=5, window=90; refresh the my-plugin metrics'),
    );
  });
});
