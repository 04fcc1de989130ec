import { BadRequestProblem, CursorValue, decodeCursor, isUuid, PageQuery } from '@roundtable/core';

// created_at at full (microsecond) precision, for keyset cursors that never skip or repeat a row.
export const createdKey = (alias: string) =>
  `to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key`;

// Keyset condition for lists ordered by (created_at, id) in `direction`; pushes its parameters.
export function createdKeyset(
  q: PageQuery,
  alias: string,
  params: unknown[],
  direction: 'asc' | 'desc' = 'asc',
): string {
  const cursor: CursorValue[] | null = decodeCursor(q.cursor, 2);
  if (!cursor) return 'TRUE';
  if (typeof cursor[0] !== 'string' || Number.isNaN(Date.parse(cursor[0])) || !isUuid(cursor[1]))
    throw new BadRequestProblem('cursor: invalid cursor', [{ field: 'cursor', message: 'invalid cursor' }]);
  params.push(cursor[0], cursor[1]);
  const op = direction === 'asc' ? '>' : '<';
  return `(${alias}.created_at, ${alias}.id) ${op} ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
}
