/**
 * The files `npm run plugin:new <name>` writes: a working free-metric plugin (average order value
 * relative to the population, banded low / typical / high), its pure model, a passing test that
 * uses the plugin harness, and a README. Only strings and file names depend on the name, so any
 * valid kebab-case name yields code that compiles.
 */

/** plugins/<name>/<name>.model.ts: the pure logic, with no host or I/O dependency. */
function modelTemplate(name: string): string {
  return `import type { FittedModel } from '../../src/plugin-api';

// The pure logic of the ${name} metric: plain numbers in, plain values out, easy to test.

/** The fitted model: the population's mean average order value at the refresh. Stored as JSON. */
export type BandModel = {
  /** Mean of the buyers' average order values; null when nobody has a purchase. */
  meanOrderValue: number | null;
  /** Customers with purchases the mean was taken over. */
  buyers: number;
};

/** One customer's result: its average order value over the population mean, and the band of that ratio. */
export interface Band {
  ratio: number;
  band: 'low' | 'typical' | 'high';
}

/** Fits the model on the average order values of the customers with purchases. */
export function fitBands(orderValues: number[]): BandModel {
  if (orderValues.length === 0) return { meanOrderValue: null, buyers: 0 };
  const total = orderValues.reduce((sum, v) => sum + v, 0);
  return { meanOrderValue: total / orderValues.length, buyers: orderValues.length };
}

/** Reads a stored model back: it comes from JSON, so its shape is checked, not assumed. */
export function readBandModel(stored: FittedModel): BandModel {
  const { meanOrderValue, buyers } = stored;
  if ((meanOrderValue !== null && typeof meanOrderValue !== 'number') || typeof buyers !== 'number') {
    throw new Error('${name}: the stored model has an unexpected shape; run npm run metrics:refresh');
  }
  return { meanOrderValue, buyers };
}

/**
 * A customer's band: 'high' when its average order value is at least \`highRatio\` times the
 * population mean, 'low' at or below 1 / highRatio, 'typical' in between. Null when it does not
 * apply: no purchase in the base currency, or nobody to compare with.
 */
export function bandOf(orderValue: number | null, model: BandModel, highRatio: number): Band | null {
  if (orderValue === null || !model.meanOrderValue) return null;
  const ratio = orderValue / model.meanOrderValue;
  const band = ratio >= highRatio ? 'high' : ratio <= 1 / highRatio ? 'low' : 'typical';
  // Two decimals are plenty for a ratio, and keep stored values readable.
  return { ratio: Math.round(ratio * 100) / 100, band };
}
`;
}

/** plugins/<name>/index.ts: the plugin object the host loads. */
function indexTemplate(name: string): string {
  return `import { z } from 'zod';
import { definePlugin, HOST_API_VERSION, type MetricProvider } from '../../src/plugin-api';
import { bandOf, fitBands, readBandModel } from './${name}.model';

const METRIC_KEY = '${name}';

/** The options, read from \`options["${name}"]\` of metrics.config.json; \`{}\` is valid. */
export const configSchema = z.object({
  /** 'high' from this multiple of the population's mean order value up, 'low' from its inverse down. */
  highRatio: z.number().gt(1).default(1.5),
}).strict();

/** The validated options, defaults applied. */
export type Config = z.infer<typeof configSchema>;

/** The free metric "${name}": average order value relative to the population mean, with its band as label. */
const provider: MetricProvider<Config, 'metrics'> = {
  kind: 'metrics',
  metricKeys: [METRIC_KEY],
  requires: ['summary'],

  async fit(population) {
    // One number per buyer, never the subjects: the population can be millions of customers.
    const orderValues: number[] = [];
    for await (const batch of population) {
      for (const s of batch) if (s.summary.averageOrderValue !== null) orderValues.push(s.summary.averageOrderValue);
    }
    const model = fitBands(orderValues);
    return { model, diagnostics: { buyers: model.buyers } };
  },

  score(subjects, model, ctx) {
    // A model of the wrong shape concerns every customer, so it throws instead of failing each one.
    const stored = readBandModel(model);
    return subjects.map((s) => {
      const result = bandOf(s.summary.averageOrderValue, stored, ctx.config.highRatio);
      return result && { [METRIC_KEY]: { value: result.ratio, label: result.band } };
    });
  },
};

/** The ${name} plugin. */
export default definePlugin<Config>({
  name: '${name}',
  version: '0.1.0',
  apiVersion: HOST_API_VERSION,
  description: 'Average order value relative to the population mean, banded low / typical / high.',
  configSchema,
  provides: [provider],
});
`;
}

/** plugins/<name>/index.spec.ts: a passing test through the plugin harness, expectations worked out by hand. */
function specTemplate(name: string): string {
  return `import { describe, expect, it } from 'vitest';
import { runPlugin, subject, subjectFromPurchases } from '../../src/plugin-api';
import plugin from './index';

const asOf = '2026-01-01T00:00:00.000Z';

/*
 * Average order values: A (40 + 60) / 2 = 50, B 100, C (120 + 180) / 2 = 150, D never bought.
 * Mean over the three buyers: (50 + 100 + 150) / 3 = 100, so the ratios are 0.5, 1 and 1.5.
 * With highRatio 1.5: A (0.5 <= 1 / 1.5) is low, B typical, C (1.5 >= 1.5) high, D null.
 */
const customers = () => [
  subjectFromPurchases([{ at: '2025-11-01', amount: 40 }, { at: '2025-12-01', amount: 60 }], asOf, { externalId: 'A' }),
  subjectFromPurchases([{ at: '2025-12-10', amount: 100 }], asOf, { externalId: 'B' }),
  subjectFromPurchases([{ at: '2025-10-01', amount: 120 }, { at: '2025-12-20', amount: 180 }], asOf, { externalId: 'C' }),
  subject({ customer: { externalId: 'D' } }),
];

describe('${name} plugin', () => {
  it('fits the mean order value of the buyers', async () => {
    const run = await runPlugin(plugin, customers(), { asOf });
    expect(run.models).toEqual({ 'metrics:${name}': { meanOrderValue: 100, buyers: 3 } });
    expect(run.diagnostics).toEqual({ 'metrics:${name}': { buyers: 3 } });
  });

  it('bands every customer as worked out by hand', async () => {
    const run = await runPlugin(plugin, customers(), { asOf });
    expect(run.results.get('${name}')).toEqual([
      { value: 0.5, label: 'low' },
      { value: 1, label: 'typical' },
      { value: 1.5, label: 'high' },
      null,
    ]);
  });

  it('applies highRatio', async () => {
    // 1 / 2 = 0.5: A stays low; C at 1.5 is now typical.
    const run = await runPlugin(plugin, customers(), { asOf, options: { highRatio: 2 } });
    expect(run.valueOf('${name}', 'A')).toEqual({ value: 0.5, label: 'low' });
    expect(run.valueOf('${name}', 'C')).toEqual({ value: 1.5, label: 'typical' });
  });

  it('rejects invalid options', async () => {
    await expect(runPlugin(plugin, customers(), { asOf, options: { highRatio: 0.8 } })).rejects.toThrow('options.${name}.highRatio');
    await expect(runPlugin(plugin, customers(), { asOf, options: { hihgRatio: 2 } })).rejects.toThrow('hihgRatio');
  });
});
`;
}

/** plugins/<name>/README.md. */
function readmeTemplate(name: string): string {
  return `# ${name}

A free metric \`${name}\`, generated by \`npm run plugin:new\`: each customer's average order value
divided by the mean average order value of all customers with purchases, labelled with its band.

| label | when |
|---|---|
| \`high\` | ratio >= \`highRatio\` |
| \`low\` | ratio <= 1 / \`highRatio\` |
| \`typical\` | in between |

A customer without a purchase in the base currency gets no value (null: not applicable).
Replace this description once the metric computes what you need.

## Options

Under \`options["${name}"]\` in \`metrics.config.json\`; \`{}\` is valid, unknown names are rejected.

| option | default | meaning |
|---|---|---|
| \`highRatio\` | \`1.5\` | greater than 1: where \`high\` starts; \`low\` ends at its inverse |

## Files

- \`index.ts\`: the plugin object (options schema, \`fit\`, \`score\`) the host loads.
- \`${name}.model.ts\`: the pure logic, tested through the plugin.
- \`index.spec.ts\`: tests through the plugin harness (\`runPlugin\`).

Import the host only through its plugin API, \`../../src/plugin-api\` (\`test/plugin-boundary.test.ts\` fails on any other import from \`src/\`).

## Use

\`\`\`sh
npx vitest run plugins/${name}                # its tests, no database needed
npm run metrics:refresh -- --plugin ${name}   # once listed in metrics.config.json "plugins"
\`\`\`

Read it with \`customer(externalId: "...") { metrics(keys: ["${name}"]) { value label error } }\`.
See \`plugins/README.md\` for the whole contract.
`;
}

/** Every file of a new plugin, by path relative to its folder. */
export function pluginTemplates(name: string): Record<string, string> {
  return {
    'index.ts': indexTemplate(name),
    [`${name}.model.ts`]: modelTemplate(name),
    'index.spec.ts': specTemplate(name),
    'README.md': readmeTemplate(name),
  };
}
