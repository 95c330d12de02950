import { describe, expect, it } from 'vitest';
import { signedLogGamma } from './signed-log-gamma';

describe('signedLogGamma', () => {
  it('Γ(-1/2) = -2√π and Γ(-3/2) = 4√π/3 (from Γ(x + 1) = x Γ(x))', () => {
    const half = signedLogGamma(-0.5);
    expect(half.sign).toBe(-1);
    expect(half.logAbs).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 14);
    const threeHalves = signedLogGamma(-1.5);
    expect(threeHalves.sign).toBe(1);
    expect(threeHalves.logAbs).toBeCloseTo(Math.log((4 * Math.sqrt(Math.PI)) / 3), 14);
  });

  it('positive arguments: Γ(5) = 24', () => {
    expect(signedLogGamma(5)).toEqual({ logAbs: expect.closeTo(Math.log(24), 14), sign: 1 });
  });

  it('poles have sign 0 (1/Γ = 0); non-finite input throws', () => {
    expect(signedLogGamma(-4)).toEqual({ logAbs: Infinity, sign: 0 });
    expect(signedLogGamma(0).sign).toBe(0);
    expect(() => signedLogGamma(Number.POSITIVE_INFINITY)).toThrow(/non-finite/);
  });
});
