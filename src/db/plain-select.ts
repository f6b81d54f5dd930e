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
  /** a further condition in SQL of the caller's writing (column names as the database has them, `?` placeholders) */
  and?: { sql: string; params: readonly unknown[] },
): Promise<T[]> {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const shape = shapeOf(manager, metadata);
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const [property, wanted] of Object.entries(where)) {
    const column = columnOf(metadata, property);
    const name = driver.escape(column.databaseName);
    if (wanted === null) clauses.push(`${name} IS NULL`);
    else if (Array.isArray(wanted)) {
      if (wanted.length === 0) return [];
      clauses.push(`${name} IN (${wanted.map(() => '?').join(', ')})`);
      for (const value of wanted) params.push(driver.preparePersistentValue(value, column));
    } else {
      clauses.push(`${name} = ?`);
      params.push(driver.preparePersistentValue(wanted, column));
    }
  }
  if (and) {
    clauses.push(`(${and.sql})`);
    params.push(...and.params);
  }
  const sql =
    shape.head +
    (clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '') +
    (order.length ? ` ORDER BY ${order.map(([property, direction]) => `${driver.escape(columnOf(metadata, property).databaseName)} ${direction}`).join(', ')}` : '');
  const rows: Record<string, unknown>[] = await manager.query(sql, params);
  return rows.map((row) => {
    const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
    for (let i = 0; i < shape.columns.length; i += 1) {
      const column = shape.columns[i]!;
      const value = row[column.databaseName];
      if (value === undefined) continue;
      if (shape.asIs[i]) (entity as Record<string, unknown>)[column.propertyName] = value;
      else column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  });
}

function shapeOf(manager: EntityManager, metadata: EntityMetadata): Shape {
  let shape = shapes.get(metadata);
  if (!shape) {
    const driver = manager.connection.driver;
    if (metadata.childEntityMetadatas.length || metadata.discriminatorColumn) throw new Error(`plainSelect: ${metadata.name} uses table inheritance`);
    const columns = metadata.columns.filter((column) => !column.isVirtual);
    const asIs = columns.map((column) => !column.transformer && !column.embeddedMetadata && typeof column.type === 'string' && AS_IS.has(column.type));
    shape = { columns, asIs, head: `SELECT ${columns.map((column) => driver.escape(column.databaseName)).join(', ')} FROM ${driver.escape(metadata.tableName)}` };
    shapes.set(metadata, shape);
  }
  return shape;
}

function columnOf(metadata: EntityMetadata, property: string): ColumnMetadata {
  const column = metadata.findColumnWithPropertyName(property);
  if (!column) throw new Error(`plainSelect: ${metadata.name} has no column ${property}`);
  return column;
}
