import { describe, expect, it } from 'vitest';
import { deadlineAfter, isPast } from './deadline';

describe('deadline', () => {
  it('no deadline never passes; one in the past has passed; one ahead has not', () => {
    expect(isPast(undefined)).toBe(false);
    expect(isPast(deadlineAfter(-1))).toBe(true);
    expect(isPast(deadlineAfter(60_000))).toBe(false);
    expect(deadlineAfter(250, 1000)).toBe(1250);
  });
});
