import { describe, expect, it } from 'vitest';
import { median } from './median';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([7])).toBe(7);
  });

  it('sorts numerically without touching the input', () => {
    const values = [100, 9, 25];
    expect(median(values)).toBe(25);
    expect(values).toEqual([100, 9, 25]);
  });

  it('is null for no values', () => {
    expect(median([])).toBeNull();
  });
});
