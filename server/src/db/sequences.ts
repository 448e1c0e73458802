import { sql } from 'kysely';
import type { Trx } from './database';

/**
 * Hands out the next number of a gapless sequence (case numbers, registration numbers, 文号):
 * one counter row per scope and year, bumped inside the caller's transaction. On PostgreSQL the
 * upsert takes the row lock, so concurrent writers queue on it and a rolled-back transaction gives
 * its number back; SQLite has one writer anyway. Never call it outside the transaction that
 * stores the number.
 */
export async function nextNumber(trx: Trx, scope: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('number_sequences')
    .values({ scope, year, last: 1 })
    .onConflict((oc) => oc.columns(['scope', 'year']).doUpdateSet({ last: sql`number_sequences.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

/**
 * Formats a number by a bureau's pattern: `{year}` and `{n}` are replaced, e.g.
 * `临人社监立〔{year}〕第{n}号` → `临人社监立〔2026〕第12号`.
 */
export function formatNumber(pattern: string, year: number, n: number): string {
  return pattern.replaceAll('{year}', String(year)).replaceAll('{n}', String(n));
}
