import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig: rule segment evaluation', () => {
  it('evaluates two customer ranges of a rule segment at once by default', () => {
    expect(loadConfig({}).segmentRules.concurrency).toBe(2);
  });

  it('refuses more ranges at once than the pool has connections besides the lock\'s', () => {
    expect(() => loadConfig({ SEGMENT_RULES_CONCURRENCY: '10', DB_POOL_SIZE: '10' })).toThrow(/SEGMENT_RULES_CONCURRENCY: SEGMENT_RULES_CONCURRENCY must be less than DB_POOL_SIZE/);
    expect(loadConfig({ SEGMENT_RULES_CONCURRENCY: '9', DB_POOL_SIZE: '10' }).segmentRules.concurrency).toBe(9);
  });
});
