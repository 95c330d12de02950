import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MetricsRuntime } from './metrics-runtime';
import type { MetricsSetup } from './metrics-setup';

const setup = (refreshIntervalMinutes: number): MetricsSetup => ({
  plugins: [], selected: {}, freeMetrics: new Map(), refreshIntervalMinutes, refreshOnStart: false, includeInternal: false,
});

describe('MetricsRuntime timer', () => {
  afterEach(() => vi.useRealTimers());

  it('refreshes every plugin once per configured interval, and stops', async () => {
    vi.useFakeTimers();
    const runtime = new MetricsRuntime(setup(15), {} as DataSource, 'USD', pino({ level: 'silent' }));
    const refresh = vi.spyOn(runtime, 'refresh').mockResolvedValue([]);
    runtime.start();
    vi.advanceTimersByTime(15 * 60_000 - 1);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh.mock.calls[0][0]).toBeUndefined();
    vi.advanceTimersByTime(30 * 60_000);
    expect(refresh).toHaveBeenCalledTimes(3);
    await runtime.stop();
    vi.advanceTimersByTime(60 * 60_000);
    expect(refresh).toHaveBeenCalledTimes(3);
  });

  it('has no timer when the interval is 0', () => {
    vi.useFakeTimers();
    const runtime = new MetricsRuntime(setup(0), {} as DataSource, 'USD', pino({ level: 'silent' }));
    const refresh = vi.spyOn(runtime, 'refresh').mockResolvedValue([]);
    runtime.start();
    vi.advanceTimersByTime(24 * 3600_000);
    expect(refresh).not.toHaveBeenCalled();
  });
});
