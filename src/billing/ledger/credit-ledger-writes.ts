// The set-based SQL that writes the credit ledger (docs/ARCHITECTURE.md, "Reaching the database").
import type { EntityManager } from 'typeorm';

/** Sets each entry's `received` to the sum of its receipts: one statement for all the entries named. */
export async function recountReceived(manager: EntityManager, entryIds: readonly number[]): Promise<void> {
  await manager.query(
    `UPDATE credit_ledger_entry SET received = (SELECT COALESCE(SUM(r.amount), 0) FROM credit_receipt r WHERE r.entryId = ` +
      `credit_ledger_entry.id) WHERE id IN (${entryIds.map(() => '?').join(', ')})`,
    entryIds,
  );
}
