import { describe, expect, it } from 'vitest';
import { progressTracker } from './proxy';

describe('progressTracker', () => {
  it('turns out_time_us against the duration into whole, increasing percentages capped at 99', () => {
    const seen: number[] = [];
    const feed = progressTracker(20, (p) => seen.push(p));
    for (const line of [
      'frame=10',
      'out_time_us=N/A',
      'out_time_us=5000000',
      'out_time_ms=5000000',
      'out_time_us=4000000',
      'out_time_us=10100000',
      'out_time_us=25000000',
      'progress=end',
    ]) {
      feed(line);
    }
    expect(seen).toEqual([0, 25, 50, 99]);
  });

  it('without a duration only the start is reported (the caller reports 100 when done)', () => {
    const seen: number[] = [];
    progressTracker(null, (p) => seen.push(p))('out_time_us=5000000');
    expect(seen).toEqual([0]);
  });
});
