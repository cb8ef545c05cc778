import { sql } from 'kysely';

/**
 * A text[] value for a query. Both drivers take the array literal as text; the elements are
 * quoted and escaped here, so any string is safe.
 */
export function textArray(values: readonly string[]) {
  const literal = `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  return sql<string[]>`${literal}::text[]`;
}
