import { describe, expect, it } from 'vitest';
import { fingerprint } from './fingerprint';

describe('fingerprint', () => {
  const content = {
    externalId: 'T-1', customerId: 7, occurredAt: new Date('2026-03-02T10:15:00Z'), type: 'PURCHASE', channel: 'WEB', contactLevel: null,
    amount: 12.5, currency: 'USD', margin: undefined, note: 'naïve "quote"\n', metadata: { z: [1, { b: 2, a: new Date(0) }], a: {} },
  };

  it('keeps the hashes already stored: the same value as the first release computed for this content', () => {
    // Stored fingerprints decide "unchanged" versus "conflict" on every later ingest and import.
    expect(fingerprint(content)).toBe('1e84108a4e961ca607dcbcba6fb7deaae63a7a0f021474d9d9d590fb34772e2a');
  });

  it('ignores key order at every depth and reads undefined as null', () => {
    const reordered = { metadata: { a: {}, z: [1, { a: new Date(0), b: 2 }] }, note: content.note, margin: null, currency: 'USD', amount: 12.5,
      contactLevel: null, channel: 'WEB', type: 'PURCHASE', occurredAt: new Date('2026-03-02T10:15:00.000Z'), customerId: 7, externalId: 'T-1' };
    expect(fingerprint(reordered)).toBe(fingerprint(content));
    expect(fingerprint({ ...content, amount: 12.51 })).not.toBe(fingerprint(content));
  });
});
