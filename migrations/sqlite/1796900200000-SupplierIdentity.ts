import { MigrationInterface, QueryRunner } from 'typeorm';
import { supplierNameKey } from '../../src/suppliers/supplier-identity';

/**
 * Suppliers' names compared by a folded key under a unique index (nameKey), and when each
 * took its CN-SP ID (cnspIdAssignedAt: null for the ones already held). Existing names are
 * keyed here; two that fold to one key stop the migration, naming both, for an operator to
 * tell apart first.
 */
export class SupplierIdentity1796900200000 implements MigrationInterface {
  name = 'SupplierIdentity1796900200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "supplier" ADD COLUMN "nameKey" varchar(64)`);
    const suppliers: { id: number; name: string }[] = await queryRunner.query(`SELECT "id", "name" FROM "supplier" ORDER BY "id"`);
    const byKey = new Map<string, string>();
    for (const { id, name } of suppliers) {
      const key = supplierNameKey(name);
      const other = byKey.get(key);
      if (other !== undefined)
        throw new Error(`Suppliers "${other}" and "${name}" differ only in case or spacing: rename one before migrating`);
      byKey.set(key, name);
      await queryRunner.query(`UPDATE "supplier" SET "nameKey" = ? WHERE "id" = ?`, [key, id]);
    }
    await queryRunner.query(`DROP INDEX "IDX_d1e8d0fcffe04428cc29187c99"`);
    await queryRunner.query(`DROP INDEX "IDX_05290e39dd1ef4fbbcfe329f7b"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_supplier" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "name" varchar(200) NOT NULL, "kind" varchar(20) NOT NULL, "cnspId" varchar(8), "complianceStatus" varchar(20) NOT NULL, "complianceDate" date, "notes" text, "nameKey" varchar(64) NOT NULL, "cnspIdAssignedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_supplier"("id", "createdAt", "updatedAt", "name", "kind", "cnspId", "complianceStatus", "complianceDate", "notes", "nameKey") SELECT "id", "createdAt", "updatedAt", "name", "kind", "cnspId", "complianceStatus", "complianceDate", "notes", "nameKey" FROM "supplier"`,
    );
    await queryRunner.query(`DROP TABLE "supplier"`);
    await queryRunner.query(`ALTER TABLE "temporary_supplier" RENAME TO "supplier"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d1e8d0fcffe04428cc29187c99" ON "supplier" ("cnspId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_05290e39dd1ef4fbbcfe329f7b" ON "supplier" ("name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c68d5408b1f33f284f51dc51a6" ON "supplier" ("nameKey") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_c68d5408b1f33f284f51dc51a6"`);
    await queryRunner.query(`DROP INDEX "IDX_05290e39dd1ef4fbbcfe329f7b"`);
    await queryRunner.query(`DROP INDEX "IDX_d1e8d0fcffe04428cc29187c99"`);
    await queryRunner.query(`ALTER TABLE "supplier" RENAME TO "temporary_supplier"`);
    await queryRunner.query(
      `CREATE TABLE "supplier" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "name" varchar(200) NOT NULL, "kind" varchar(20) NOT NULL, "cnspId" varchar(8), "complianceStatus" varchar(20) NOT NULL, "complianceDate" date, "notes" text)`,
    );
    await queryRunner.query(
      `INSERT INTO "supplier"("id", "createdAt", "updatedAt", "name", "kind", "cnspId", "complianceStatus", "complianceDate", "notes") SELECT "id", "createdAt", "updatedAt", "name", "kind", "cnspId", "complianceStatus", "complianceDate", "notes" FROM "temporary_supplier"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_supplier"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_05290e39dd1ef4fbbcfe329f7b" ON "supplier" ("name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d1e8d0fcffe04428cc29187c99" ON "supplier" ("cnspId") `);
  }
}
