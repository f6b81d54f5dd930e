import DataLoader from 'dataloader';
import { In, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import type { RequestContext } from './context';

const MAX_BATCH = 1_000;

/**
 * The request's DataLoaders, created on first use and dropped with the request, so that
 * a relation costs one statement per level of a query, never one per row. Loaders of
 * tenant-owned records apply the viewer's scope themselves.
 */
export class Loaders {
  private readonly registry = new Map<string, DataLoader<number, unknown>>();

  constructor(private readonly ctx: RequestContext) {}

  /** one record per id (null when absent or outside the viewer's scope) */
  byId<T extends ObjectLiteral & { id: number }>(target: EntityTarget<T>): DataLoader<number, T | null> {
    return this.memoise(`byId:${this.nameOf(target)}`, () =>
      new DataLoader<number, T | null>(
        async (ids) => {
          const rows = await this.ctx.repository(target).find({ where: this.scoped(target, { id: In([...ids]) } as FindOptionsWhere<T>) });
          const byId = new Map(rows.map((row) => [row.id, row]));
          return ids.map((id) => byId.get(id) ?? null);
        },
        { maxBatchSize: MAX_BATCH },
      ),
    );
  }

  /** every record whose `column` equals the key, optionally narrowed by a fixed condition */
  manyBy<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    column: keyof T & string,
    fixed: FindOptionsWhere<T> = {},
    order: Partial<Record<keyof T & string, 'ASC' | 'DESC'>> = {},
  ): DataLoader<number, T[]> {
    const key = `manyBy:${this.nameOf(target)}:${column}:${JSON.stringify(fixed)}:${JSON.stringify(order)}`;
    return this.memoise(key, () =>
      new DataLoader<number, T[]>(
        async (keys) => {
          const where = this.scoped(target, { ...fixed, [column]: In([...keys]) } as FindOptionsWhere<T>);
          // a stable order: the one asked for, then the primary key (which need not be `id`)
          const primary = Object.fromEntries(this.metadataOf(target).primaryColumns.map((column) => [column.propertyName, 'ASC']));
          const rows = await this.ctx.repository(target).find({ where, order: { ...order, ...primary } as never });
          const grouped = new Map<number, T[]>(keys.map((k) => [k, []]));
          for (const row of rows) grouped.get(row[column] as number)?.push(row);
          return keys.map((k) => grouped.get(k) ?? []);
        },
        { maxBatchSize: MAX_BATCH },
      ),
    );
  }

  /** A loader of the caller's own making, one per request under `key`. */
  custom<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    return this.memoise(`custom:${key}`, create as () => DataLoader<number, unknown>) as unknown as DataLoader<K, V>;
  }

  private scoped<T extends ObjectLiteral>(target: EntityTarget<T>, where: FindOptionsWhere<T>): FindOptionsWhere<T> {
    if (!this.metadataOf(target).findColumnWithPropertyName('organisationId')) return where;
    return { ...where, organisationId: In([...this.ctx.organisationIds]) } as FindOptionsWhere<T>;
  }

  private metadataOf(target: EntityTarget<unknown>) {
    return this.ctx.manager.connection.getMetadata(target);
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
