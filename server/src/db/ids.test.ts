import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { newId } from './ids';

describe('row ids', () => {
  it('are UUID version 7 with the RFC 9562 variant, valid where the API takes a uuid', () => {
    for (let i = 0; i < 2000; i++) {
      const id = newId();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(z.uuid().safeParse(id).success).toBe(true);
    }
  });

  it('carry the time and only ever increase, within a millisecond, past a full counter and when the clock goes back', () => {
    const now = vi.spyOn(Date, 'now');
    try {
      // Ahead of every id made so far in this process (a time behind them counts as the clock going back).
      const ahead = Date.now() + 86_400_000;
      now.mockReturnValue(ahead);
      const ids = Array.from({ length: 10_000 }, () => newId()); // more than one counter's worth
      now.mockReturnValue(ahead - 3_600_000); // the clock is set back an hour
      ids.push(...Array.from({ length: 100 }, () => newId()));
      expect([...ids].sort()).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
      expect(Number.parseInt(ids[0]?.replace(/-/g, '').slice(0, 12) ?? '', 16)).toBe(ahead);
    } finally {
      now.mockRestore();
    }
  });
});
