import { describe, expect, it } from 'vitest';
import { customerMarginRatio, hasMargins, netOrderValue } from './margin-ratio';

// `margined`: purchases carrying a margin (default: all of them when the margin is not 0).
const money = (grossRevenue: number, refunded: number, totalMargin: number, purchases: number, margined = totalMargin !== 0 ? purchases : 0) => ({
  grossRevenue, revenue: grossRevenue - refunded, totalMargin, averageOrderValue: purchases ? grossRevenue / purchases : null, marginedPurchaseCount: margined,
});

describe('margin ratio', () => {
  it('is net margin over net revenue', () => {
    // 400 bought, 100 refunded, margin 120 - 30 = 90: 90 / 300 = 0.3.
    expect(customerMarginRatio(money(400, 100, 90, 4))).toBe(0.3);
    expect(hasMargins(money(400, 100, 90, 4))).toBe(true);
  });

  it('is null without margins or without positive net revenue', () => {
    expect(customerMarginRatio(money(400, 0, 0, 4))).toBeNull();
    expect(hasMargins(money(400, 0, 0, 4))).toBe(false);
    // Margins recorded that net to zero are a known zero, not missing.
    expect(hasMargins(money(400, 0, 0, 4, 4))).toBe(true);
    expect(customerMarginRatio(money(400, 0, 0, 4, 4))).toBe(0);
    // Everything refunded but a margin left: no revenue to divide by.
    expect(customerMarginRatio(money(100, 100, 5, 1))).toBeNull();
  });
});

describe('netOrderValue', () => {
  it('is net revenue per purchase', () => {
    // 4 purchases for 400 gross, 100 refunded: 300 / 4 = 75 (the gross average is 100).
    expect(netOrderValue(money(400, 100, 0, 4))).toBe(75);
    expect(netOrderValue(money(400, 0, 0, 4))).toBe(100);
  });

  it('is null without an average order value, 0 for zero-amount purchases', () => {
    expect(netOrderValue(money(0, 0, 0, 0))).toBeNull();
    expect(netOrderValue({ grossRevenue: 0, revenue: 0, totalMargin: 0, averageOrderValue: 0, marginedPurchaseCount: 0 })).toBe(0);
    expect(netOrderValue({ grossRevenue: 0, revenue: -10, totalMargin: 0, averageOrderValue: 0, marginedPurchaseCount: 0 })).toBeNull();
  });
});
