import DataLoader from 'dataloader';
import { FindOperator, In, type EntityMetadata, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import {
  columnSql,
  plainCondition,
  plainCountBy,
  plainSelectJoined,
  type PlainCondition,
  type PlainJoin,
  type PlainSql,
} from '../db/plain-select';
import { pageOf, pageRequest, pastCursor, totalOf, type Connection, type PageArgs, type PageRequest } from './paging';
import type { RequestContext } from './context';

const MAX_BATCH = 1_000;

/** A many-to-one relation read in the same statement as its entity's rows: see `Loaders.include`. */
interface Included {
  join: PlainJoin;
  related: EntityTarget<{ id: number }>;
}

/**
 * The request's DataLoaders, created on first use and dropped with the request, so that
 * a relation costs one statement per level of a query, never one per row. Loaders of
 * tenant-owned records apply the viewer's scope themselves.
 */
export class Loaders {
  private readonly registry = new Map<string, DataLoader<number, unknown>>();
  /** what `byId` loaders have answered (or been primed with), by entity: see `byIdNow` */
  private readonly known = new Map<string, Map<number, unknown>>();
  private readonly metadata = new Map<EntityTarget<unknown>, EntityMetadata>();
  /** the many-to-one relations read beside each entity's rows, by entity and relation: see `include` */
  private readonly includes = new Map<string, Map<string, Included>>();
  /** what each `manyBy` loader has been asked for, by its key: the whole lists this request reads (see `pageBy`) */
  private readonly wholeLists = new Map<string, Map<number, Promise<unknown[]>>>();

  constructor(private readonly ctx: RequestContext) {}

  /** one record per id (null when absent or outside the viewer's scope) */
  byId<T extends ObjectLiteral & { id: number }>(target: EntityTarget<T>): DataLoader<number, T | null> {
    const name = this.nameOf(target);
    return this.memoise(`byId:${name}`, () => {
      const known = new Map<number, unknown>();
      this.known.set(name, known);
      return new DataLoader<number, T | null>(
        async (ids) => {
          const rows = await this.select(target, { id: [...ids] }, []);
          const byId = new Map(rows.map((row) => [row.id, row]));
          return ids.map((id) => {
            const row = byId.get(id) ?? null;
            known.set(id, row);
            return row;
          });
        },
        { maxBatchSize: MAX_BATCH },
      );
    });
  }

  /**
   * The record itself when this request has already read it, else the promise of it:
   * GraphQL completes a field answered with a value there and then, where a promise costs
   * each object of a list a round of the microtask queue (a hundred services, each with its
   * site, were a hundred of them).
   */
  byIdNow<T extends ObjectLiteral & { id: number }>(target: EntityTarget<T>, id: number): T | null | Promise<T | null> {
    const loader = this.byId(target);
    const known = this.known.get(this.nameOf(target))!;
    return known.has(id) ? (known.get(id) as T | null) : loader.load(id);
  }

  /** every record whose `column` equals the key, optionally narrowed by a fixed condition */
  manyBy<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    column: keyof T & string,
    fixed: FindOptionsWhere<T> = {},
    order: Partial<Record<keyof T & string, 'ASC' | 'DESC'>> = {},
  ): DataLoader<number, T[]> {
    const key = this.manyByKey(target, column, fixed, order);
    return this.memoise(key, () => {
      // the loader's cache, kept where pageBy can see which parents' whole lists are being read
      const asked = new Map<number, Promise<T[]>>();
      this.wholeLists.set(key, asked as Map<number, Promise<unknown[]>>);
      return new DataLoader<number, T[]>(
        async (keys) => {
          // a stable order: the one asked for, then the primary key (which need not be `id`)
          const primary = this.metadataOf(target).primaryColumns.map((column) => [column.propertyName, 'ASC'] as const);
          const rows = await this.select(target, { ...fixed, [column]: [...keys] }, [
            ...(Object.entries(order) as [string, 'ASC' | 'DESC'][]),
            ...primary,
          ]);
          const grouped = new Map<number, T[]>(keys.map((k) => [k, []]));
          for (const row of rows) grouped.get(row[column] as number)?.push(row);
          return keys.map((k) => grouped.get(k) ?? []);
        },
        { maxBatchSize: MAX_BATCH, cacheMap: asked },
      );
    });
  }

  private manyByKey(target: EntityTarget<unknown>, column: string, fixed: object, order: object): string {
    return `manyBy:${this.nameOf(target)}:${column}:${JSON.stringify(fixed)}:${JSON.stringify(order)}`;
  }

  /**
   * From now on in this request, every load of `target` reads its many-to-one `relation`
   * in the same statement and primes `byId` of the related entity with it: a resolver that
   * sees the relation selected calls this before loading, and the relation's field then
   * costs the query no statement of its own (a contract's services with their sites are
   * one read). The related rows are held to the viewer's scope as `byId` holds them.
   */
  include<T extends ObjectLiteral>(target: EntityTarget<T>, relation: keyof T & string): void {
    const name = this.nameOf(target);
    let relations = this.includes.get(name);
    if (relations === undefined) {
      relations = new Map();
      this.includes.set(name, relations);
    }
    if (!relations.has(relation)) relations.set(relation, this.relationJoin(target, relation));
  }

  /** How `target`'s many-to-one `relation` is read beside its rows, held to the viewer's scope. */
  private relationJoin<T extends ObjectLiteral>(target: EntityTarget<T>, relation: keyof T & string): Included {
    const name = this.nameOf(target);
    const metadata = this.metadataOf(target);
    const found = metadata.findRelationWithPropertyPath(relation);
    const local = found?.joinColumns[0];
    const from = local && metadata.columns.find((column) => column.databaseName === local.databaseName && !column.isVirtual);
    if (!found?.isManyToOne || found.joinColumns.length !== 1 || !from || local!.referencedColumn?.propertyName !== 'id') {
      throw new Error(`Loaders.include: ${name}.${relation} is not a many-to-one onto an id, held in a column of its own`);
    }
    // the related rows in the viewer's scope, as byId reads them
    const related = found.inverseEntityMetadata;
    const where: Record<string, PlainCondition> = related.findColumnWithPropertyName('organisationId')
      ? { organisationId: [...this.ctx.organisationIds] }
      : {};
    return {
      join: { target: related.target, from: from.propertyName, to: 'id', where },
      related: related.target as EntityTarget<{ id: number }>,
    };
  }

  /**
   * One page of the records whose `column` equals the key, for a paged field under a list
   * (a contract's services under a page of contracts), over (`sort`, id) as `paginatePlain`
   * pages: every parent's page is read in one statement, numbered within its parent by
   * ROW_NUMBER() OVER (PARTITION BY …) (MariaDB 10.2+, SQLite 3.25+), and the totals, when
   * a client selects one, in one more. The same arguments under every parent share a loader.
   */
  pageBy<T extends ObjectLiteral & { id: number }>(
    target: EntityTarget<T>,
    column: keyof T & string,
    fixed: Readonly<Record<string, PlainCondition>>,
    args: PageArgs,
    options: {
      maxPageSize: number;
      sort?: { property: keyof T & string; valueOf: (row: T) => string | number };
      direction?: 'ASC' | 'DESC';
      /** many-to-one relations read with this page only (as `include`, but not for other reads of `target`) */
      include?: readonly (keyof T & string)[];
    },
  ): DataLoader<number, Connection<T>> {
    const request = pageRequest(args, options.maxPageSize);
    const sort = options.sort ?? { property: 'id', valueOf: (row: T) => row.id };
    const ascending = ((options.direction ?? 'ASC') === 'ASC') !== request.backward;
    const key =
      `pageBy:${this.nameOf(target)}:${column}:${JSON.stringify(fixed)}:${JSON.stringify(request)}:${sort.property}:${ascending}:` +
      `${options.include ?? []}`;
    return this.memoise(key, () => {
      const include = (options.include ?? []).map((relation) => this.relationJoin(target, relation));
      return new DataLoader<number, Connection<T>>(
        async (keys) => {
          // One parent's first page, when this request reads all of that parent's rows in the
          // page's order anyway (the SLA report reads every service of the contract by reference),
          // is cut from them, and their number is the total: no statement of its own.
          // Only a list already asked for, for this very parent: never a whole read for a page.
          const whole =
            keys.length === 1 && request.cursorText === undefined && ascending
              ? (this.wholeLists.get(this.manyByKey(target, column, fixed, { [sort.property]: 'ASC' }))?.get(keys[0]!) as
                  Promise<T[]> | undefined)
              : undefined;
          if (whole) {
            const all = await whole;
            const rows = request.size === 0 ? [] : all.slice(0, request.size + 1);
            return [{ ...pageOf(rows, request.size, false, undefined, sort.valueOf), countTotal: () => Promise.resolve(all.length) }];
          }
          const where = { ...fixed, [column]: [...keys] };
          const order = ascending ? 'ASC' : 'DESC';
          const paging: [string, 'ASC' | 'DESC'][] = [
            [sort.property, order],
            ['id', order],
          ];
          // one parent (a contract's own page) is a plain LIMIT; several, each one's first rows by a window
          const rows =
            request.size === 0
              ? []
              : keys.length === 1
                ? await this.select(target, where, paging, {
                    and: pastCursor(this.ctx.manager, target, sort.property, request, ascending),
                    limit: request.size + 1,
                    include,
                  })
                : await this.select(target, where, [[column, 'ASC'], ...paging], {
                    and: this.firstOfEach(target, column, where, sort.property, request, ascending),
                    include,
                  });
          const grouped = new Map<number, T[]>(keys.map((k) => [k, []]));
          for (const row of rows) grouped.get(row[column] as number)?.push(row);
          const totals = this.countBy(target, column, fixed);
          return keys.map((k) => {
            const page = grouped.get(k)!;
            return {
              ...pageOf(page, request.size, request.backward, request.cursorText, sort.valueOf),
              countTotal: totalOf(page, request, () => totals.load(k)),
            };
          });
        },
        { maxBatchSize: MAX_BATCH },
      );
    });
  }

  /** How many records (in the viewer's scope) have each key in `column`, narrowed by `fixed`: one statement for all the keys asked for together. */
  countBy<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    column: keyof T & string,
    fixed: Readonly<Record<string, PlainCondition>>,
  ): DataLoader<number, number> {
    return this.memoise(
      `countBy:${this.nameOf(target)}:${column}:${JSON.stringify(fixed)}`,
      () =>
        new DataLoader<number, number>(
          async (keys) => {
            const counts = await plainCountBy(
              this.ctx.manager,
              target,
              column,
              this.scoped(target, { ...fixed, [column]: [...keys] }) as Record<string, PlainCondition>,
            );
            return keys.map((k) => counts.get(k) ?? 0);
          },
          { maxBatchSize: MAX_BATCH },
        ),
    );
  }

  /**
   * The condition that keeps, of the rows matching `where` past the request's cursor, the
   * first `size + 1` of each value of `column` in paging order (the one past the page says
   * whether there is a next).
   */
  private firstOfEach<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    column: string,
    where: Record<string, PlainCondition>,
    sortProperty: string,
    request: PageRequest,
    ascending: boolean,
  ): PlainSql {
    const manager = this.ctx.manager;
    const inner = plainCondition(
      manager,
      target,
      this.scoped(target, where) as Record<string, PlainCondition>,
      pastCursor(manager, target, sortProperty, request, ascending),
    ) ?? { sql: '1 = 0', params: [] };
    const [id, parent, sort] = [
      columnSql(manager, target, 'id'),
      columnSql(manager, target, column),
      columnSql(manager, target, sortProperty),
    ];
    const order = ascending ? 'ASC' : 'DESC';
    const table = manager.connection.driver.escape(this.metadataOf(target).tableName);
    return {
      sql:
        `${id} IN (SELECT ${id} FROM (SELECT ${id}, ROW_NUMBER() OVER (PARTITION BY ${parent} ORDER BY ${sort} ${order}, ${id} ${order}) AS ` +
        `page_row FROM ${table} WHERE ${inner.sql}) paged WHERE page_row <= ?)`,
      params: [...inner.params, request.size + 1],
    };
  }

  /** A loader of the caller's own making, one per request under `key`. */
  custom<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    return this.memoise(`custom:${key}`, create as () => DataLoader<number, unknown>) as unknown as DataLoader<K, V>;
  }

  /**
   * The rows matching `where` (and `and`, SQL of the caller's) in the viewer's scope, in
   * `order`: the one place loaders apply tenancy. Conditions the plain reader takes (values,
   * lists, IS NULL) go through it; any other operator through TypeORM's find.
   */
  private async select<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    where: Record<string, unknown>,
    order: readonly (readonly [string, 'ASC' | 'DESC'])[],
    { and, limit, include = [] }: { and?: PlainSql; limit?: number; include?: readonly Included[] } = {},
  ): Promise<T[]> {
    const scoped = this.scoped(target, where);
    const plain: Record<string, PlainCondition> = {};
    for (const [property, wanted] of Object.entries(scoped)) {
      if (wanted === undefined) continue; // as find does
      if (wanted instanceof FindOperator && wanted.type !== 'isNull') {
        if (and || limit !== undefined)
          throw new Error(`Loaders: a ${wanted.type} condition cannot be combined with SQL of the caller's or a limit`);
        return this.ctx.repository(target).find({ where: findWhere(scoped), order: Object.fromEntries(order) as never });
      }
      plain[property] = wanted instanceof FindOperator ? null : (wanted as PlainCondition);
    }
    const included = [...(this.includes.get(this.nameOf(target))?.values() ?? [])];
    for (const extra of include) if (!included.some(({ join }) => join.from === extra.join.from)) included.push(extra);
    const { rows, joined } = await plainSelectJoined(this.ctx.manager, target, plain, order, {
      and,
      limit,
      joins: included.map(({ join }) => join),
    });
    included.forEach(({ join, related }, k) => {
      rows.forEach((row, i) => {
        const key = row[join.from] as number | null;
        if (key !== null) this.primeById(related, key, (joined[k]![i] ?? null) as { id: number } | null);
      });
    });
    return rows;
  }

  /** `where`, held to the viewer's organisations when the records belong to one */
  private scoped<W extends Record<string, unknown>>(target: EntityTarget<unknown>, where: W): W {
    return this.metadataOf(target).findColumnWithPropertyName('organisationId')
      ? { ...where, organisationId: [...this.ctx.organisationIds] }
      : where;
  }

  /**
   * Hands `byId` a record this request has read some other way (null: absent, or outside the
   * viewer's scope), so that loading it costs no statement. The caller holds the read to the
   * viewer's scope, as `byId` would.
   */
  primeById<T extends ObjectLiteral & { id: number }>(target: EntityTarget<T>, id: number, entity: T | null): void {
    this.byId(target).prime(id, entity);
    this.known.get(this.nameOf(target))!.set(id, entity);
  }

  private metadataOf(target: EntityTarget<unknown>) {
    // DataSource.getMetadata searches every entity each time; a list's field resolvers ask per row
    let metadata = this.metadata.get(target);
    if (!metadata) {
      metadata = this.ctx.manager.connection.getMetadata(target);
      this.metadata.set(target, metadata);
    }
    return metadata;
  }

  private nameOf(target: EntityTarget<unknown>): string {
    return this.metadataOf(target).name;
  }

  private memoise<L extends DataLoader<number, unknown>>(key: string, create: () => L): L {
    let loader = this.registry.get(key) as L | undefined;
    if (!loader) {
      loader = create();
      this.registry.set(key, loader);
    }
    return loader;
  }
}

/** The same conditions as TypeORM find options: lists become IN. */
function findWhere<T>(where: Record<string, unknown>): FindOptionsWhere<T> {
  return Object.fromEntries(
    Object.entries(where).map(([property, wanted]) => [property, Array.isArray(wanted) ? In(wanted) : wanted]),
  ) as FindOptionsWhere<T>;
}
