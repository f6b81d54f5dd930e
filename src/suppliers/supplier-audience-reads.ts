import type { EntityManager } from 'typeorm';

/**
 * Organisations that deal with a supplier: every one that holds a record naming it — a
 * contract, an API key or a feed endpoint for it, a feed run from it, and whatever else has
 * both an `organisationId` and a `supplierId` (found from the entities, so a table added later
 * is included without anyone remembering to). One statement.
 */
export async function organisationsDealingWith(manager: EntityManager, supplierId: number): Promise<number[]> {
  const escape = (name: string) => manager.connection.driver.escape(name);
  const selects = manager.connection.entityMetadatas.flatMap((metadata) => {
    const organisation = metadata.findColumnWithPropertyName('organisationId');
    const supplier = metadata.findColumnWithPropertyName('supplierId');
    if (!organisation || !supplier || metadata.tableType !== 'regular') return [];
    return [
      `SELECT ${escape(organisation.databaseName)} AS organisationId FROM ${escape(metadata.tableName)} ` +
        `WHERE ${escape(supplier.databaseName)} = ? AND ${escape(organisation.databaseName)} IS NOT NULL`,
    ];
  });
  if (selects.length === 0) return [];
  const rows: { organisationId: number | string }[] = await manager.query(
    selects.join(' UNION '),
    selects.map(() => supplierId),
  );
  return [...new Set(rows.map((row) => Number(row.organisationId)))].sort((a, b) => a - b);
}
