/**
 * Sign-in attempts per client address in a sliding minute, kept in memory: it blunts password
 * spraying across many user names. The per-account lock-out (in the database) is what stops
 * guessing one account, and holds across app instances.
 */
export function createLoginRateLimiter(perMinute: number, now: () => number = Date.now) {
  const attempts = new Map<string, number[]>();
  return {
    /** Records an attempt; returns the seconds to wait when over the limit, else 0. */
    hit(key: string): number {
      const t = now();
      const recent = (attempts.get(key) ?? []).filter((at) => t - at < 60_000);
      if (recent.length >= perMinute) {
        attempts.set(key, recent);
        return Math.max(1, Math.ceil((60_000 - (t - (recent[0] ?? t))) / 1000));
      }
      recent.push(t);
      attempts.set(key, recent);
      if (attempts.size > 10_000) {
        for (const [k, list] of attempts) {
          if (list.every((at) => t - at >= 60_000)) {
            attempts.delete(k);
          }
        }
      }
      return 0;
    },
  };
}
