import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStopWatch, STOP_GRACE_MS } from './stopWatch';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the Stop watch', () => {
  it('restarts the worker when the stopped call still goes after the grace period, and then reads its end as a stop', () => {
    const restart = vi.fn();
    const stops = createStopWatch(restart);
    stops.watch('run', () => true);
    vi.advanceTimersByTime(STOP_GRACE_MS - 1);
    expect(restart).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(restart).toHaveBeenCalledOnce();
    const lost = Object.assign(new Error('lost'), { name: 'WorkerLost' });
    expect(stops.wasStopped(lost)).toBe(true);
    stops.begin();
    expect(stops.wasStopped(lost)).toBe(false);
  });

  it('a later call of the same kind is not ended by the earlier Stop; watches of run and retrain are apart', () => {
    const restart = vi.fn();
    const stops = createStopWatch(restart);
    let token = 1;
    const mine = token;
    stops.watch('run', () => mine === token);
    stops.watch('retrain', () => false);
    token++; // Reset, then Run: a new call
    vi.advanceTimersByTime(2 * STOP_GRACE_MS);
    expect(restart).not.toHaveBeenCalled();
    stops.watch('retrain', () => true);
    stops.clear('retrain');
    vi.advanceTimersByTime(2 * STOP_GRACE_MS);
    expect(restart).not.toHaveBeenCalled();
  });
});
