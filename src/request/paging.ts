/**
 * Paging as services do it: Relay arguments in, a page of edges out, over the query builder
 * (`paginate`), plain SQL (`paginatePlain`) or a list in memory (`paginateList`). The GraphQL
 * types of the same shapes live in graphql-types/connection.ts.
 */
import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { allOf, columnSql, plainCount, plainSelectJoined, type PlainCondition, type PlainJoin, type PlainSql } from '../db/plain-select';
import { badInput } from '../common/errors';
import { ErrorReason } from '../common/error-reasons';

/** Relay page information as services return it (graphql-types/connection.ts declares its GraphQL type). */
export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** Relay-style paging arguments as services read them (graphql-types/connection.ts declares and validates them). */
export interface PageArgs {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** runs the count query; only called when the client selects `totalCount` */
  countTotal(): Promise<number>;
}

export type SortDirection = 'ASC' | 'DESC';

export interface SortKey<T> {
  /** column as the query builder names it, e.g. `contract.reference` */
  readonly column: string;
  readonly valueOf: (row: T) => string | number;
}

/**
 * Keyset pagination over (sort column, id): stable under inserts, index-friendly, and the
 * same on both dialects. The total count is only queried if the client asks for it.
 */
export async function paginate<T extends ObjectLiteral & { id: number }>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  options: { maxPageSize: number; sort?: SortKey<T>; direction?: SortDirection },
): Promise<Connection<T>> {
  const alias = query.alias;
  const sort: SortKey<T> = options.sort ?? { column: `${alias}.id`, valueOf: (row) => row.id };
  const direction = options.direction ?? 'ASC';
  const { backward, size, cursorText } = pageRequest(args, options.maxPageSize);

  const countQuery = query.clone();
  const pageQuery = query.clone();
  // Walking backward reads the reverse order, then flips the page round.
  const ascending = (direction === 'ASC') !== backward;
  if (cursorText !== undefined) {
    const [value, id] = decodeCursor(cursorText, backward ? 'before' : 'after');
    const op = ascending ? '>' : '<';
    pageQuery.andWhere(`(${sort.column} ${op} :cursorValue OR (${sort.column} = :cursorValue AND ${alias}.id ${op} :cursorId))`, {
      cursorValue: value,
      cursorId: id,
    });
  }
  const order = ascending ? 'ASC' : 'DESC';
  pageQuery.orderBy(sort.column, order).addOrderBy(`${alias}.id`, order);
  // a plain LIMIT, unless a join can repeat a row (TypeORM's take then reads the page's ids first)
  if (query.expressionMap.joinAttributes.some((join) => join.isMany)) pageQuery.take(size + 1);
  else pageQuery.limit(size + 1);
  const rows = size === 0 ? [] : await pageQuery.getMany();
  return {
    ...pageOf(rows, size, backward, cursorText, sort.valueOf),
    countTotal: totalOf(rows, { size, cursorText }, () => countQuery.getCount()),
  };
}

/** A keyset-paged list read with `plainSelectJoined`: the conditions, and the joins its page is read with. */
export interface PlainList<T> {
  readonly target: EntityTarget<T>;
  readonly where: Readonly<Record<string, PlainCondition>>;
  readonly and?: PlainSql;
  readonly joins?: readonly PlainJoin[];
}

/**
 * `paginate` for a list read with `plainSelectJoined` rather than through the query builder
 * (whose SQL building cost more than the database did for a page of one on the dashboard):
 * the same keyset paging over (sort property, id), cursors and page rules. `joined` holds the
 * page's related entities, as `plainSelectJoined` gives them, in the page's order.
 */
export async function paginatePlain<T extends ObjectLiteral & { id: number }>(
  manager: EntityManager,
  list: PlainList<T>,
  args: PageArgs,
  options: { maxPageSize: number; sort?: { property: keyof T & string; valueOf: (row: T) => string | number }; direction?: SortDirection },
): Promise<Connection<T> & { joined: (ObjectLiteral | null)[][] }> {
  const sort = options.sort ?? { property: 'id', valueOf: (row: T) => row.id };
  const request = pageRequest(args, options.maxPageSize);
  const { backward, size, cursorText } = request;
  const ascending = ((options.direction ?? 'ASC') === 'ASC') !== backward;
  const and = allOf([list.and, pastCursor(manager, list.target, sort.property, request, ascending)]);
  const order = ascending ? 'ASC' : 'DESC';
  const { rows, joined } =
    size === 0
      ? { rows: [], joined: (list.joins ?? []).map(() => []) }
      : await plainSelectJoined(
          manager,
          list.target,
          list.where,
          [
            [sort.property, order],
            ['id', order],
          ],
          { and, joins: list.joins, limit: size + 1 },
        );
  const page = pageOf(rows, size, backward, cursorText, sort.valueOf);
  // the related entities of the rows on the page, in the page's order
  const kept = joined.map((entities) => (backward ? entities.slice(0, size).reverse() : entities.slice(0, size)));
  return { ...page, joined: kept, countTotal: totalOf(rows, request, () => plainCount(manager, list.target, list.where, list.and)) };
}

/**
 * How `totalCount` is found: a first page (no cursor) that has room to spare holds every match,
 * so its length is the total and the count query is never sent (a contract's 20 services, a
 * short list); any other page counts.
 */
export function totalOf(
  rows: readonly unknown[],
  request: Pick<PageRequest, 'size' | 'cursorText'>,
  count: () => Promise<number>,
): () => Promise<number> {
  return request.size > 0 && request.cursorText === undefined && rows.length <= request.size ? () => Promise.resolve(rows.length) : count;
}

/**
 * The keyset condition for the rows past a page request's cursor (undefined: no cursor),
 * over (`property`, id), read `ascending` or not: SQL for `plainSelect`.
 */
export function pastCursor(
  manager: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  property: string,
  request: PageRequest,
  ascending: boolean,
): PlainSql | undefined {
  if (request.cursorText === undefined) return undefined;
  const [value, id] = decodeCursor(request.cursorText, request.backward ? 'before' : 'after');
  const [column, key] = [columnSql(manager, target, property), columnSql(manager, target, 'id')];
  const op = ascending ? '>' : '<';
  return { sql: `${column} ${op} ? OR (${column} = ? AND ${key} ${op} ?)`, params: [value, value, id] };
}

/** The page of `rows` (read in paging order, one more than `size` when there are more), with its page information. */
export function pageOf<T extends { id: number }>(
  rows: readonly T[],
  size: number,
  backward: boolean,
  cursorText: string | undefined,
  valueOf: (row: T) => string | number,
) {
  const hasMore = rows.length > size;
  const page = rows.slice(0, size);
  if (backward) page.reverse();
  // an edge's cursor is worked out when a client selects it (a page of 100 services shown
  // without cursors costs no encoding)
  const edges = page.map((node) => ({
    node,
    get cursor() {
      return encodeCursor(valueOf(node), node.id);
    },
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? cursorText !== undefined : hasMore,
      hasPreviousPage: backward ? hasMore : cursorText !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * The same paging over a list worked out in memory (already sorted by `keyOf`, whose keys
 * are unique): a cursor holds the item's key, so a page stays put when items before it
 * appear or go away between requests.
 */
export function paginateList<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  args: PageArgs,
  options: { maxPageSize: number },
): Connection<T> {
  const { backward, size, cursorText } = pageRequest(args, options.maxPageSize);
  let from = 0;
  let to = items.length;
  if (cursorText !== undefined) {
    const [key] = decodeCursor(cursorText, backward ? 'before' : 'after');
    if (typeof key !== 'string')
      throw badInput(
        backward ? 'before' : 'after',
        `${backward ? 'before' : 'after'}: not a cursor returned by this list`,
        ErrorReason.INVALID_CURSOR,
      );
    const boundary = (test: (itemKey: string) => boolean) => {
      const index = items.findIndex((item) => test(keyOf(item)));
      return index === -1 ? items.length : index;
    };
    if (backward) to = boundary((itemKey) => itemKey >= key);
    else from = boundary((itemKey) => itemKey > key);
  }
  const page = size === 0 ? [] : backward ? items.slice(Math.max(from, to - size), to) : items.slice(from, from + size);
  const hasMore = to - from > size;
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node), 0), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? cursorText !== undefined && to < items.length : hasMore,
      hasPreviousPage: backward ? hasMore : cursorText !== undefined && from > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    countTotal: async () => items.length,
  };
}

export interface PageRequest {
  readonly backward: boolean;
  readonly size: number;
  readonly cursorText: string | undefined;
}

/**
 * Which way a page is read, how long it is and from where: first/after forward, last/before
 * backward, never both. A null argument is one left out, as Relay clients send `after: null`
 * for the first page.
 */
export function pageRequest(args: PageArgs, maxPageSize: number): PageRequest {
  const { first, after, last, before } = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null)) as PageArgs;
  const backward = last !== undefined || before !== undefined;
  if (backward && (first !== undefined || after !== undefined)) {
    throw badInput('first', 'Use first/after or last/before, not both', ErrorReason.INVALID_PAGINATION);
  }
  const sizeField = backward ? 'last' : 'first';
  const size = (backward ? last : first) ?? Math.min(50, maxPageSize);
  if (size > maxPageSize) {
    throw badInput(sizeField, `${sizeField}: at most ${maxPageSize} items per page`, ErrorReason.PAGE_SIZE_EXCEEDED);
  }
  return { backward, size, cursorText: backward ? before : after };
}

function encodeCursor(value: string | number, id: number): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, field: string): [string | number, number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      Number.isSafeInteger(parsed[1])
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(field, `${field}: not a cursor returned by this list`, ErrorReason.INVALID_CURSOR);
}

/**
 * A case-insensitive "contains" condition over several columns. Wildcards in the search
 * are escaped (with "!", which both dialects accept), so "50%" finds "50%", not everything.
 */
export function applySearch<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, columns: string[], search: string | undefined): void {
  const pattern = searchPattern(search);
  if (pattern !== undefined)
    query.andWhere(`(${columns.map((column) => `LOWER(${column}) LIKE :search ESCAPE '!'`).join(' OR ')})`, { search: pattern });
}

/** `applySearch`'s condition in SQL with `?` placeholders, for `paginatePlain` (undefined: no search). */
export function searchCondition(columns: readonly string[], search: string | undefined): PlainSql | undefined {
  const pattern = searchPattern(search);
  if (pattern === undefined) return undefined;
  return { sql: `(${columns.map((column) => `LOWER(${column}) LIKE ? ESCAPE '!'`).join(' OR ')})`, params: columns.map(() => pattern) };
}

function searchPattern(search: string | undefined): string | undefined {
  const term = search?.trim();
  return term ? `%${term.toLowerCase().replace(/[!%_]/g, (char) => `!${char}`)}%` : undefined;
}
