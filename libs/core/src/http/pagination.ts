import { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { BadRequestProblem } from '../errors/app-errors';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

// OpenAPI shape of a page: `export class MemberPageDto extends PageOf(MemberDto) {}`.
export function PageOf<T>(item: ClassType<T>, itemsDescription?: string) {
  class PageDto {
    @ApiProperty({ type: [item], ...(itemsDescription ? { description: itemsDescription } : {}) })
    items: T[];

    @ApiProperty({
      nullable: true,
      type: String,
      description: 'Cursor of the next page; null on the last page',
    })
    nextCursor: string | null;
  }
  return PageDto;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type CursorValue = string | number | null;

// Keyset cursors: the sort key of the last row, opaque to clients.
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): CursorValue[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through
  }
  throw new BadRequestProblem('cursor: invalid cursor', [{ field: 'cursor', message: 'invalid cursor' }]);
}

// Rows were fetched with limit + 1 so we know whether another page exists.
export function toPage<R, T>(
  rows: R[],
  limit: number,
  key: (row: R) => CursorValue[],
  map: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return {
    items: items.map(map),
    nextCursor: more && items.length ? encodeCursor(key(items[items.length - 1])) : null,
  };
}

export function pageLimit(q: { limit?: number }): number {
  return q.limit ?? DEFAULT_LIMIT;
}

// `LIMIT n+1` (one row more than the page, to know whether there is a next one) as SQL text rather
// than a parameter: the planner then sees the real limit in a prepared statement's generic plan
// and keeps it, instead of planning every call afresh (a parameter limit makes the generic plan
// look as if it read a tenth of the table).
export function limitPlusOneSql(limit: number): string {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new Error(`bad page limit ${limit}`);
  return `LIMIT ${limit + 1}`;
}

// A row from a raw query: pg returns untyped objects keyed by column name.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- narrowed by each mapper
export type PgRow = Record<string, any>;
