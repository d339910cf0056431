import { LIST_LIMITS } from '@closer/query-limits';
import { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';

import { DomainError } from '../errors/domain-error';
import { isUuid } from './input-validator';

@ObjectType('PageInfo')
export class PageInfoModel {
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfoModel;
  totalCount: number;
}

/** A `<Thing>Connection` type: nodes, pageInfo, totalCount. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(name)
  class ConnectionModel implements Connection<T> {
    @Field(() => [node]) nodes!: T[];
    @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
    @Field(() => Int) totalCount!: number;
  }
  return ConnectionModel;
}

/** Keyset position: the sort value and the id of the last row seen, opaque to clients. */
export interface Cursor {
  at: string;
  id: string;
}

export const MAX_PAGE_SIZE = LIST_LIMITS.pageSize;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

export function decodeCursor(field: string, value: string | null | undefined): Cursor | null {
  if (value === null || value === undefined) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && /^[1-9]\d{3}-/.test(at) && new Date(at).toISOString() === at && isUuid(id)) return { at, id };
  } catch {
    // falls through to the error below
  }
  throw DomainError.invalid([{ field, message: 'is not a cursor from this list' }]);
}

/** `first` checked against the page limit; null (asked for explicitly) means `defaultSize`. */
export function pageSize(field: string, first: number | null | undefined, defaultSize = 50): number {
  const size = first ?? defaultSize;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw DomainError.invalid([{ field, message: `must be a whole number from 0 to ${MAX_PAGE_SIZE}` }]);
  }
  return size;
}

/** Builds the connection from `size + 1` fetched rows (the extra one only says there is more). */
export function toConnection<T extends { id: string }>(
  rows: T[],
  size: number,
  totalCount: number,
  sortValue: (row: T) => Date,
): Connection<T> {
  const nodes = rows.slice(0, size);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > size,
      endCursor: last ? encodeCursor({ at: sortValue(last).toISOString(), id: last.id }) : null,
    },
  };
}
