import { describe, expect, it } from 'vitest';
import { InteractionType, subject, subjectFromInteractions } from '../../src/plugin-api';
import { actualValue, costToServe, valueParts } from './value-parts.model';
import { valueTierConfigSchema } from './value-tier.config';

const config = valueTierConfigSchema.parse({ interactionCosts: { SUPPORT_CASE: 15, CALL: 4 } });

describe('actualValue', () => {
  it('is the net margin when margins are recorded, else the net revenue (x the default ratio)', () => {
    expect(actualValue({ revenue: 550, totalMargin: 160, marginedPurchaseCount: 3 }, null)).toBe(160);
    expect(actualValue({ revenue: 550, totalMargin: 160, marginedPurchaseCount: 3 }, 0.3)).toBe(160);
    expect(actualValue({ revenue: 130, totalMargin: 0, marginedPurchaseCount: 0 }, null)).toBe(130);
    // 130 x 0.3 = 39 (38.99999... in binary, rounded to 4 decimals).
    expect(actualValue({ revenue: 130, totalMargin: 0, marginedPurchaseCount: 0 }, 0.3)).toBe(39);
    expect(actualValue({ revenue: -20, totalMargin: -5, marginedPurchaseCount: 1 }, null)).toBe(-5);
  });
});

describe('costToServe', () => {
  const { PURCHASE, CALL, SUPPORT_CASE } = InteractionType;
  const byType = [{ type: PURCHASE, count: 4 }, { type: CALL, count: 3 }, { type: SUPPORT_CASE, count: 2 }];

  it('adds the trait to each configured type count x unit cost', () => {
    // 12.5 + 2 x 15 + 3 x 4 = 54.5; PURCHASE has no configured cost.
    expect(costToServe({ costToServe: 12.5 }, byType, config)).toBe(54.5);
    expect(costToServe(null, byType, config)).toBe(42);
    expect(costToServe({ costToServe: null }, [], config)).toBe(0);
    expect(costToServe({ handling: 0.1, costToServe: 99 }, [{ type: CALL, count: 2 }], { ...config, costTrait: 'handling' })).toBe(8.1);
  });

  it('refuses a trait that is not a number >= 0', () => {
    expect(() => costToServe({ costToServe: '15' }, [], config)).toThrow('value-tier: trait "costToServe" must be a number >= 0 in the base currency, got "15"');
    expect(() => costToServe({ costToServe: -1 }, [], config)).toThrow('got -1');
  });
});

describe('valueParts', () => {
  it('puts actual value, cost, net value and potential together', () => {
    // Margin 120 - 30 + 25 = 115 (the refund takes back 30 of margin); cost 10 + 2 x 15 + 4 = 44; net 71; potential 115 + 300.5.
    const s = subjectFromInteractions([
      { at: '2025-03-01', type: 'PURCHASE', amount: 300, margin: 120 },
      { at: '2025-04-01', type: 'REFUND', amount: 60, margin: 30 },
      { at: '2025-05-01', type: 'PURCHASE', amount: 80, margin: 25 },
      { at: '2025-05-02', type: 'SUPPORT_CASE' }, { at: '2025-05-03', type: 'SUPPORT_CASE' }, { at: '2025-05-04', type: 'CALL' },
    ], '2026-01-01', { customer: { traits: { costToServe: 10 } } });
    expect(valueParts({ ...s, metrics: { clv: 300.5 } }, config)).toEqual({
      buyer: true, actual: 115, costToServe: 44, net: 71, clv: 300.5, potential: 415.5,
    });
  });

  it('has no potential without a CLV, and no buyer without purchases', () => {
    expect(valueParts({ ...subject({ customer: { traits: { costToServe: 5 } } }), metrics: { clv: null } }, config)).toEqual({
      buyer: false, actual: 0, costToServe: 5, net: -5, clv: null, potential: null,
    });
  });
});
