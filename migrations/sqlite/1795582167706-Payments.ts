import { MigrationInterface, QueryRunner } from 'typeorm';

export class Payments1795582167706 implements MigrationInterface {
  name = 'Payments1795582167706';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invoice_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(12), "toStatus" varchar(12) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9ed40215e6d10a907dd34e0d37" ON "invoice_status_change" ("invoiceId", "id") `);
    await queryRunner.query(
      `CREATE TABLE "invoice_approval" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "stage" integer NOT NULL, "amount" bigint NOT NULL, "approvedBy" varchar(200) NOT NULL, "note" varchar(1000), "voidReason" varchar(1000))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_3f6d5fa9a13c84b89c74b8314f" ON "invoice_approval" ("invoiceId", "id") `);
    await queryRunner.query(
      `CREATE TABLE "billing_policy" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "secondApprovalAbove" bigint NOT NULL, "costCentre" varchar(40))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_36b67307204b3c3d49a04cf35d" ON "billing_policy" ("organisationId") `);
    await queryRunner.query(`DROP INDEX "IDX_db582589dfb459ec9609734248"`);
    await queryRunner.query(`DROP INDEX "IDX_9860db534411107e7745c5e16e"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invoice" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "invoiceNumber" varchar(64) NOT NULL, "invoiceDate" date NOT NULL, "periodStart" date NOT NULL, "periodEnd" date NOT NULL, "dueDate" date, "currency" varchar(3) NOT NULL, "netTotal" bigint NOT NULL, "vatTotal" bigint NOT NULL, "grossTotal" bigint NOT NULL, "status" varchar(12) NOT NULL, "contentHash" varchar(64) NOT NULL, "feedRunId" integer NOT NULL, "approvedAmount" bigint, "approvedVat" bigint, "approvedAt" datetime(3), "paidOn" date, "paidAmount" bigint, "paymentReference" varchar(64), "heldFrom" varchar(12))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invoice"("id", "createdAt", "updatedAt", "organisationId", "supplierId", "invoiceNumber", "invoiceDate", "periodStart", "periodEnd", "dueDate", "currency", "netTotal", "vatTotal", "grossTotal", "status", "contentHash", "feedRunId") SELECT "id", "createdAt", "updatedAt", "organisationId", "supplierId", "invoiceNumber", "invoiceDate", "periodStart", "periodEnd", "dueDate", "currency", "netTotal", "vatTotal", "grossTotal", "status", "contentHash", "feedRunId" FROM "invoice"`,
    );
    await queryRunner.query(`DROP TABLE "invoice"`);
    await queryRunner.query(`ALTER TABLE "temporary_invoice" RENAME TO "invoice"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_db582589dfb459ec9609734248" ON "invoice" ("organisationId", "supplierId", "invoiceNumber") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9860db534411107e7745c5e16e" ON "invoice" ("organisationId", "status", "invoiceDate") `);
    await queryRunner.query(`DROP INDEX "IDX_9ed40215e6d10a907dd34e0d37"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invoice_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(12), "toStatus" varchar(12) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL, CONSTRAINT "FK_443b36f18d5a4cbbecaa242509e" FOREIGN KEY ("invoiceId") REFERENCES "invoice" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invoice_status_change"("id", "createdAt", "updatedAt", "invoiceId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "invoiceId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy" FROM "invoice_status_change"`,
    );
    await queryRunner.query(`DROP TABLE "invoice_status_change"`);
    await queryRunner.query(`ALTER TABLE "temporary_invoice_status_change" RENAME TO "invoice_status_change"`);
    await queryRunner.query(`CREATE INDEX "IDX_9ed40215e6d10a907dd34e0d37" ON "invoice_status_change" ("invoiceId", "id") `);
    await queryRunner.query(`DROP INDEX "IDX_3f6d5fa9a13c84b89c74b8314f"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invoice_approval" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "stage" integer NOT NULL, "amount" bigint NOT NULL, "approvedBy" varchar(200) NOT NULL, "note" varchar(1000), "voidReason" varchar(1000), CONSTRAINT "FK_da0ee6128e62a44424840f44991" FOREIGN KEY ("invoiceId") REFERENCES "invoice" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invoice_approval"("id", "createdAt", "updatedAt", "invoiceId", "organisationId", "stage", "amount", "approvedBy", "note", "voidReason") SELECT "id", "createdAt", "updatedAt", "invoiceId", "organisationId", "stage", "amount", "approvedBy", "note", "voidReason" FROM "invoice_approval"`,
    );
    await queryRunner.query(`DROP TABLE "invoice_approval"`);
    await queryRunner.query(`ALTER TABLE "temporary_invoice_approval" RENAME TO "invoice_approval"`);
    await queryRunner.query(`CREATE INDEX "IDX_3f6d5fa9a13c84b89c74b8314f" ON "invoice_approval" ("invoiceId", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_3f6d5fa9a13c84b89c74b8314f"`);
    await queryRunner.query(`ALTER TABLE "invoice_approval" RENAME TO "temporary_invoice_approval"`);
    await queryRunner.query(
      `CREATE TABLE "invoice_approval" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "stage" integer NOT NULL, "amount" bigint NOT NULL, "approvedBy" varchar(200) NOT NULL, "note" varchar(1000), "voidReason" varchar(1000))`,
    );
    await queryRunner.query(
      `INSERT INTO "invoice_approval"("id", "createdAt", "updatedAt", "invoiceId", "organisationId", "stage", "amount", "approvedBy", "note", "voidReason") SELECT "id", "createdAt", "updatedAt", "invoiceId", "organisationId", "stage", "amount", "approvedBy", "note", "voidReason" FROM "temporary_invoice_approval"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invoice_approval"`);
    await queryRunner.query(`CREATE INDEX "IDX_3f6d5fa9a13c84b89c74b8314f" ON "invoice_approval" ("invoiceId", "id") `);
    await queryRunner.query(`DROP INDEX "IDX_9ed40215e6d10a907dd34e0d37"`);
    await queryRunner.query(`ALTER TABLE "invoice_status_change" RENAME TO "temporary_invoice_status_change"`);
    await queryRunner.query(
      `CREATE TABLE "invoice_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(12), "toStatus" varchar(12) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "invoice_status_change"("id", "createdAt", "updatedAt", "invoiceId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "invoiceId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy" FROM "temporary_invoice_status_change"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invoice_status_change"`);
    await queryRunner.query(`CREATE INDEX "IDX_9ed40215e6d10a907dd34e0d37" ON "invoice_status_change" ("invoiceId", "id") `);
    await queryRunner.query(`DROP INDEX "IDX_9860db534411107e7745c5e16e"`);
    await queryRunner.query(`DROP INDEX "IDX_db582589dfb459ec9609734248"`);
    await queryRunner.query(`ALTER TABLE "invoice" RENAME TO "temporary_invoice"`);
    await queryRunner.query(
      `CREATE TABLE "invoice" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "invoiceNumber" varchar(64) NOT NULL, "invoiceDate" date NOT NULL, "periodStart" date NOT NULL, "periodEnd" date NOT NULL, "dueDate" date, "currency" varchar(3) NOT NULL, "netTotal" bigint NOT NULL, "vatTotal" bigint NOT NULL, "grossTotal" bigint NOT NULL, "status" varchar(12) NOT NULL, "contentHash" varchar(64) NOT NULL, "feedRunId" integer NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "invoice"("id", "createdAt", "updatedAt", "organisationId", "supplierId", "invoiceNumber", "invoiceDate", "periodStart", "periodEnd", "dueDate", "currency", "netTotal", "vatTotal", "grossTotal", "status", "contentHash", "feedRunId") SELECT "id", "createdAt", "updatedAt", "organisationId", "supplierId", "invoiceNumber", "invoiceDate", "periodStart", "periodEnd", "dueDate", "currency", "netTotal", "vatTotal", "grossTotal", "status", "contentHash", "feedRunId" FROM "temporary_invoice"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invoice"`);
    await queryRunner.query(`CREATE INDEX "IDX_9860db534411107e7745c5e16e" ON "invoice" ("organisationId", "status", "invoiceDate") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_db582589dfb459ec9609734248" ON "invoice" ("organisationId", "supplierId", "invoiceNumber") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_36b67307204b3c3d49a04cf35d"`);
    await queryRunner.query(`DROP TABLE "billing_policy"`);
    await queryRunner.query(`DROP INDEX "IDX_3f6d5fa9a13c84b89c74b8314f"`);
    await queryRunner.query(`DROP TABLE "invoice_approval"`);
    await queryRunner.query(`DROP INDEX "IDX_9ed40215e6d10a907dd34e0d37"`);
    await queryRunner.query(`DROP TABLE "invoice_status_change"`);
  }
}
