import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/** A column's wanted value: one value, any of a list, or NULL. */
export type PlainCondition = string | number | boolean | null | readonly (string | number)[];

interface Shape {
  readonly columns: readonly ColumnMetadata[];
  /** per column: its value as the driver returns it is the entity's (no conversion, no transformer, not embedded) */
  readonly asIs: readonly boolean[];
  /** SELECT … FROM …, ready for a WHERE */
  readonly head: string;
}

const shapes = new WeakMap<EntityMetadata, Shape>();

/** column types whose values TypeORM's drivers hand over unchanged when hydrating (see prepareHydratedValue) */
const AS_IS = new Set(['int', 'integer', 'varchar', 'text', 'char', 'decimal', 'bigint']);

/**
 * A many-to-one read in the same statement as the entities that point at it: each row's
 * `from` property names the joined entity's `to` (its key). Conditions in `where` hold the
 * joined row to them (one that fails reads as absent, as does a dangling key).
 */
export interface PlainJoin {
  readonly target: EntityTarget<ObjectLiteral>;
  readonly from: string;
  readonly to: string;
  readonly where?: Readonly<Record<string, PlainCondition>>;
}

/** SQL of the caller's writing: column names as the database has them, `?` placeholders. */
export interface PlainSql {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Every one of the conditions given (none: undefined). */
export function allOf(conditions: readonly (PlainSql | undefined)[]): PlainSql | undefined {
  const given = conditions.filter((condition): condition is PlainSql => condition !== undefined);
  if (given.length === 0) return undefined;
  return { sql: given.map((condition) => `(${condition.sql})`).join(' AND '), params: given.flatMap((condition) => condition.params) };
}

export interface PlainSelectOptions {
  /** a further condition in SQL (ranges, subqueries) */
  readonly and?: PlainSql;
  /** many-to-one relations read in the same statement */
  readonly joins?: readonly PlainJoin[];
  /** at most this many rows, the first in `order` */
  readonly limit?: number;
}

/**
 * Whole entities whose columns equal the given values, read with one plain SELECT and
 * hydrated column by column the way TypeORM's own transformer does (its driver conversions
 * and column transformers), but without building the query through the query builder:
 * for the request loaders, whose handful of shapes run thousands of times, the builder's
 * alias bookkeeping cost more than the database did. Conditions name entity properties;
 * `and` adds one in SQL (ranges, subqueries).
 */
export async function plainSelect<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: Readonly<Record<string, PlainCondition>>,
  order: readonly (readonly [property: string, direction: 'ASC' | 'DESC'])[],
  /** a further condition in SQL of the caller's writing */
  and?: PlainSql,
): Promise<T[]> {
  return (await plainSelectJoined(manager, target, where, order, { and })).rows;
}

/**
 * `plainSelect`, with each row's many-to-one `joins` read in the same statement:
 * `joined[k][i]` is row i's entity of join k, or null. The rows are selected as by
 * `plainSelect` in a derived table, so the caller's SQL names the main table's columns
 * unqualified either way, and a join can never narrow or repeat the rows.
 */
export async function plainSelectJoined<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: Readonly<Record<string, PlainCondition>>,
  order: readonly (readonly [property: string, direction: 'ASC' | 'DESC'])[],
  { and, joins = [], limit }: PlainSelectOptions = {},
): Promise<{ rows: T[]; joined: (ObjectLiteral | null)[][] }> {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const shape = shapeOf(manager, metadata);
  const params: unknown[] = [];
  const filter = whereClause(manager, metadata, where, and, params);
  if (filter === null) return { rows: [], joined: joins.map(() => []) };
  const ordered = (alias: string) =>
    order.length
      ? ` ORDER BY ${order.map(([property, direction]) => `${alias}${driver.escape(columnOf(metadata, property).databaseName)} ${direction}`).join(', ')}`
      : '';
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0))
    throw new Error(`plainSelect: a limit must be a whole number, not ${limit}`);
  // the rows, ordered and limited before any join (which can then neither narrow nor repeat them)
  const selected = shape.head + filter + ordered('') + (limit === undefined ? '' : ` LIMIT ${limit}`);

  const joinedShapes = joins.map((join, k) => ({ join, metadata: manager.connection.getMetadata(join.target), alias: `j${k}` }));
  let sql = selected;
  if (joins.length) {
    const selects = ['t.*'];
    const from = [`(${selected}) t`];
    for (const { join, metadata: joinedMetadata, alias } of joinedShapes) {
      const joinedShape = shapeOf(manager, joinedMetadata);
      for (const column of joinedShape.columns)
        selects.push(`${alias}.${driver.escape(column.databaseName)} AS ${driver.escape(`${alias}.${column.databaseName}`)}`);
      const on = [
        `${alias}.${driver.escape(columnOf(joinedMetadata, join.to).databaseName)} = t.${driver.escape(columnOf(metadata, join.from).databaseName)}`,
      ];
      const onClauses = conditions(manager, joinedMetadata, join.where ?? {}, params, `${alias}.`);
      // an empty list matches nothing: the join then reads every row's entity as absent
      on.push(...(onClauses ?? ['1 = 0']));
      from.push(`LEFT JOIN ${driver.escape(joinedMetadata.tableName)} ${alias} ON ${on.join(' AND ')}`);
    }
    sql = `SELECT ${selects.join(', ')} FROM ${from.join(' ')}${ordered('t.')}`;
  }
  const raw: Record<string, unknown>[] = await manager.query(sql, params);
  const rows = raw.map(hydrator<T>(manager, metadata, ''));
  const joined = joinedShapes.map(({ join, metadata: joinedMetadata, alias }) => {
    const key = `${alias}.${columnOf(joinedMetadata, join.to).databaseName}`;
    const entityOf = hydrator(manager, joinedMetadata, `${alias}.`);
    return raw.map((row) => (row[key] === null || row[key] === undefined ? null : entityOf(row)));
  });
  return { rows, joined };
}

/** A property's column as SQL names it (escaped), for conditions of the caller's writing. */
export function columnSql(manager: EntityManager, target: EntityTarget<ObjectLiteral>, property: string): string {
  return manager.connection.driver.escape(columnOf(manager.connection.getMetadata(target), property).databaseName);
}

/** How many rows `plainSelect` would read for these conditions. */
export async function plainCount(
  manager: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  where: Readonly<Record<string, PlainCondition>>,
  and?: PlainSql,
): Promise<number> {
  const metadata = manager.connection.getMetadata(target);
  const params: unknown[] = [];
  const filter = whereClause(manager, metadata, where, and, params);
  if (filter === null) return 0;
  const [row] = (await manager.query(
    `SELECT COUNT(*) AS n FROM ${manager.connection.driver.escape(metadata.tableName)}${filter}`,
    params,
  )) as { n: number | string }[];
  return Number(row!.n);
}

/**
 * `where` and `and` as one condition in SQL with `?` placeholders, for a statement of the
 * caller's (a subquery); null when it can match nothing.
 */
export function plainCondition(
  manager: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  where: Readonly<Record<string, PlainCondition>>,
  and?: PlainSql,
): PlainSql | null {
  const params: unknown[] = [];
  const filter = whereClause(manager, manager.connection.getMetadata(target), where, and, params);
  if (filter === null) return null;
  return { sql: filter === '' ? '1 = 1' : filter.slice(' WHERE '.length), params };
}

/** How many rows match, for each value of the integer column `group` among them. */
export async function plainCountBy(
  manager: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  group: string,
  where: Readonly<Record<string, PlainCondition>>,
): Promise<Map<number, number>> {
  const metadata = manager.connection.getMetadata(target);
  const params: unknown[] = [];
  const filter = whereClause(manager, metadata, where, undefined, params);
  if (filter === null) return new Map();
  const column = manager.connection.driver.escape(columnOf(metadata, group).databaseName);
  const rows = (await manager.query(
    `SELECT ${column} AS k, COUNT(*) AS n FROM ${manager.connection.driver.escape(metadata.tableName)}${filter} GROUP BY ${column}`,
    params,
  )) as { k: number | string; n: number | string }[];
  return new Map(rows.map((row) => [Number(row.k), Number(row.n)]));
}

/** ` WHERE …` for `where` and `and` (values into `params`; empty when there is no condition), or null when they match nothing. */
function whereClause(
  manager: EntityManager,
  metadata: EntityMetadata,
  where: Readonly<Record<string, PlainCondition>>,
  and: PlainSql | undefined,
  params: unknown[],
): string | null {
  const clauses = conditions(manager, metadata, where, params);
  if (clauses === null) return null;
  if (and) {
    clauses.push(`(${and.sql})`);
    params.push(...and.params);
  }
  return clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
}

/** SQL conditions for `where` (values into `params`), or null when one can match nothing (an empty list). */
function conditions(
  manager: EntityManager,
  metadata: EntityMetadata,
  where: Readonly<Record<string, PlainCondition>>,
  params: unknown[],
  alias = '',
): string[] | null {
  const driver = manager.connection.driver;
  const clauses: string[] = [];
  for (const [property, wanted] of Object.entries(where)) {
    const column = columnOf(metadata, property);
    const name = alias + driver.escape(column.databaseName);
    if (wanted === null) clauses.push(`${name} IS NULL`);
    else if (Array.isArray(wanted)) {
      if (wanted.length === 0) return null;
      clauses.push(`${name} IN (${wanted.map(() => '?').join(', ')})`);
      for (const value of wanted) params.push(driver.preparePersistentValue(value, column));
    } else {
      clauses.push(`${name} = ?`);
      params.push(driver.preparePersistentValue(wanted, column));
    }
  }
  return clauses;
}

/** Turns rows into entities: each from its columns named `prefix` + column name. */
function hydrator<T extends ObjectLiteral>(
  manager: EntityManager,
  metadata: EntityMetadata,
  prefix: string,
): (row: Record<string, unknown>) => T {
  const driver = manager.connection.driver;
  const { columns, asIs } = shapeOf(manager, metadata);
  const names = columns.map((column) => prefix + column.databaseName);
  return (row) => {
    const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
    for (let i = 0; i < columns.length; i += 1) {
      const value = row[names[i]!];
      if (value === undefined) continue;
      if (asIs[i]) (entity as Record<string, unknown>)[columns[i]!.propertyName] = value;
      else columns[i]!.setEntityValue(entity, driver.prepareHydratedValue(value, columns[i]!));
    }
    return entity;
  };
}

function shapeOf(manager: EntityManager, metadata: EntityMetadata): Shape {
  let shape = shapes.get(metadata);
  if (!shape) {
    const driver = manager.connection.driver;
    if (metadata.childEntityMetadatas.length || metadata.discriminatorColumn)
      throw new Error(`plainSelect: ${metadata.name} uses table inheritance`);
    const columns = metadata.columns.filter((column) => !column.isVirtual);
    const asIs = columns.map(
      (column) => !column.transformer && !column.embeddedMetadata && typeof column.type === 'string' && AS_IS.has(column.type),
    );
    shape = {
      columns,
      asIs,
      head: `SELECT ${columns.map((column) => driver.escape(column.databaseName)).join(', ')} FROM ${driver.escape(metadata.tableName)}`,
    };
    shapes.set(metadata, shape);
  }
  return shape;
}

function columnOf(metadata: EntityMetadata, property: string): ColumnMetadata {
  const column = metadata.findColumnWithPropertyName(property);
  if (!column) throw new Error(`plainSelect: ${metadata.name} has no column ${property}`);
  return column;
}
