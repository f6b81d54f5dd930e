// The set-based SQL that writes raw samples and feed spans (docs/ARCHITECTURE.md, "Reaching
// the database"); the rollup rebuilds are in rollups-writes.ts.
import type { EntityManager } from 'typeorm';
import { insertStatement, mergeStatement, upsertStatement, type Dialect, type Merge } from '../db/dialect';

/**
 * Locks the organisations' rows (MySQL), in id order: documents arriving together for the
 * same organisation take turns from here, before any sample row is locked.
 */
export async function lockOrganisations(manager: EntityManager, organisationIds: readonly number[]): Promise<void> {
  await manager.query(
    `SELECT id FROM organisation WHERE id IN (${organisationIds.map(() => '?').join(', ')}) ORDER BY id FOR UPDATE`,
    organisationIds,
  );
}

/** New samples, `rows` of values in `columns` order: one multi-row INSERT. */
export async function insertSamples(
  manager: EntityManager,
  dialect: Dialect,
  columns: readonly string[],
  rows: unknown[][],
): Promise<void> {
  await manager.query(insertStatement(dialect, 'performance_sample', columns, rows.length), rows.flat());
}

/** Corrected samples, `rows` of values in `columns` order: one multi-row upsert on the key columns. */
export async function upsertSamples(
  manager: EntityManager,
  dialect: Dialect,
  columns: readonly string[],
  keyColumns: readonly string[],
  mutableColumns: readonly string[],
  rows: unknown[][],
): Promise<void> {
  await manager.query(upsertStatement(dialect, 'performance_sample', columns, keyColumns, mutableColumns, rows.length), rows.flat());
}

/** Feed spans merged into those held under the same key, `rows` of values in `columns` order: one statement. */
export async function mergeFeedSpans(
  manager: EntityManager,
  dialect: Dialect,
  columns: readonly string[],
  keyColumns: readonly string[],
  rules: Readonly<Record<string, Merge>>,
  rows: unknown[][],
): Promise<void> {
  await manager.query(mergeStatement(dialect, 'performance_feed_span', columns, keyColumns, rules, rows.length), rows.flat());
}
