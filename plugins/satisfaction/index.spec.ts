import { describe, expect, it } from 'vitest';
import { type FixtureInteraction, runPlugin, subjectFromInteractions } from '../../src/plugin-api';
import plugin from './index';

const asOf = '2026-01-01T00:00:00.000Z';
const survey = (at: string, expectationScore: number, perceptionScore: number): FixtureInteraction => ({
  at, type: 'SURVEY', channel: 'EMAIL', expectationScore, perceptionScore,
});

/*
 * A: gaps -4, +2, +3, +1 (oldest first): mean 2/4 = 0.5 satisfied, 3 of 4 with P >= E, 4 surveys.
 *    Last 3: (2 + 3 + 1) / 3 = 2, share 1, 3 surveys.
 * B: one gap 7 - 8 = -1 and a purchase: -1 disappointed, share 0, 1 survey (last 3: the same).
 * C: a purchase only: null for all three keys.
 * D: a survey on 2026-02-01, after asOf: invisible, so null as well.
 */
const customers = () => [
  subjectFromInteractions([survey('2025-09-01', 8, 4), survey('2025-10-01', 7, 9), survey('2025-11-01', 6, 9), survey('2025-12-01', 8, 9)], asOf, { customer: { externalId: 'A' } }),
  subjectFromInteractions([{ at: '2025-11-15', type: 'PURCHASE', amount: 20 }, survey('2025-11-20', 8, 7)], asOf, { customer: { externalId: 'B' } }),
  subjectFromInteractions([{ at: '2025-12-24', type: 'PURCHASE', amount: 90 }], asOf, { customer: { externalId: 'C' } }),
  subjectFromInteractions([survey('2026-02-01', 1, 9)], asOf, { customer: { externalId: 'D' } }),
];

describe('satisfaction plugin', () => {
  it('declares three free metrics on the interactions and publishes its label as segments', () => {
    expect(plugin).toMatchObject({ name: 'satisfaction', segments: { metricKey: 'satisfaction' } });
    expect(plugin.provides).toMatchObject([{ kind: 'metrics', metricKeys: ['satisfaction', 'satisfaction.share', 'satisfaction.surveys'], requires: ['interactions'] }]);
  });

  it('scores every survey up to asOf by default', async () => {
    const run = await runPlugin(plugin, customers(), { asOf });
    expect(run.results.get('satisfaction')).toEqual([{ value: 0.5, label: 'satisfied' }, { value: -1, label: 'disappointed' }, null, null]);
    expect(run.results.get('satisfaction.share')).toEqual([{ value: 0.75, label: null }, { value: 0, label: null }, null, null]);
    expect(run.results.get('satisfaction.surveys')).toEqual([{ value: 4, label: null }, { value: 1, label: null }, null, null]);
  });

  it('agrees with the summary’s average gap when every survey counts', async () => {
    const subjects = customers();
    const run = await runPlugin(plugin, subjects, { asOf });
    subjects.forEach((s, i) => expect(run.results.get('satisfaction')?.[i]).toEqual(
      s.summary.averageSatisfactionGap === null ? null : expect.objectContaining({ value: s.summary.averageSatisfactionGap }),
    ));
  });

  it('keeps the last recentSurveys when set', async () => {
    const run = await runPlugin(plugin, customers(), { asOf, options: { recentSurveys: 3 } });
    expect(run.valueOf('satisfaction', 'A')).toEqual({ value: 2, label: 'satisfied' });
    expect(run.valueOf('satisfaction.share', 'A')).toEqual({ value: 1, label: null });
    expect(run.valueOf('satisfaction.surveys', 'A')).toEqual({ value: 3, label: null });
    expect(run.valueOf('satisfaction', 'B')).toEqual({ value: -1, label: 'disappointed' });
  });

  it('fills its default and rejects bad options', async () => {
    expect((await runPlugin(plugin, [], { asOf })).config).toEqual({ recentSurveys: null });
    await expect(runPlugin(plugin, [], { options: { recentSurveys: 0, peers: true } })).rejects.toThrow(/recentSurveys: .*\n.*Unrecognized key: "peers"/);
  });
});
