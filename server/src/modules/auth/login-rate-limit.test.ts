import { describe, expect, it } from 'vitest';
import { createLoginRateLimiter } from './login-rate-limit';

describe('login rate limit', () => {
  it('allows N attempts per sliding minute per address, then says how long to wait', () => {
    let t = 0;
    const limiter = createLoginRateLimiter(3, () => t);
    expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('a')]).toEqual([0, 0, 0]);
    t = 20_000;
    expect(limiter.hit('a')).toBe(40);
    expect(limiter.hit('b')).toBe(0);
    t = 60_000;
    expect(limiter.hit('a')).toBe(0);
  });
});
