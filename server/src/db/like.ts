import { sql, type RawBuilder } from 'kysely';

/**
 * A case-insensitive "contains" pattern for LIKE, with the wildcard characters of the search text
 * escaped, and its ESCAPE clause. Compare it against `lower(column)`; works on both dialects.
 */
export function containsPattern(q: string): RawBuilder<string> {
  const escaped = q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<string>`${`%${escaped}%`} escape '\\'`;
}
