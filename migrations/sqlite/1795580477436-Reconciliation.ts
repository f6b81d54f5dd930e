import { MigrationInterface, QueryRunner } from "typeorm";

export class Reconciliation1795580477436 implements MigrationInterface {
    name = 'Reconciliation1795580477436'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "invoice_reconciliation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "reconciledAt" datetime(3) NOT NULL, "reconciledBy" varchar(200) NOT NULL, "invoicedTotal" bigint NOT NULL, "agreedAmount" bigint NOT NULL, "differenceTotal" bigint NOT NULL, "findingCount" integer NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2ca07c2142e1ac64b3b3d0d1fb" ON "invoice_reconciliation" ("invoiceId") `);
        await queryRunner.query(`CREATE TABLE "reconciliation_finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reconciliationId" integer NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "type" varchar(30) NOT NULL, "fingerprint" varchar(200) NOT NULL, "lineId" integer, "lineNumber" integer, "serviceId" integer, "serviceReference" varchar(64), "expectedAmount" bigint, "invoicedAmount" bigint, "difference" bigint NOT NULL, "explanation" text NOT NULL, "disputable" boolean NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_014358d8c6a567fd14358638a6" ON "reconciliation_finding" ("invoiceId", "fingerprint") `);
        await queryRunner.query(`DROP INDEX "IDX_014358d8c6a567fd14358638a6"`);
        await queryRunner.query(`CREATE TABLE "temporary_reconciliation_finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reconciliationId" integer NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "type" varchar(30) NOT NULL, "fingerprint" varchar(200) NOT NULL, "lineId" integer, "lineNumber" integer, "serviceId" integer, "serviceReference" varchar(64), "expectedAmount" bigint, "invoicedAmount" bigint, "difference" bigint NOT NULL, "explanation" text NOT NULL, "disputable" boolean NOT NULL, CONSTRAINT "FK_eacdb5d840f335b77a1dfe291f7" FOREIGN KEY ("reconciliationId") REFERENCES "invoice_reconciliation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_reconciliation_finding"("id", "createdAt", "updatedAt", "reconciliationId", "invoiceId", "organisationId", "type", "fingerprint", "lineId", "lineNumber", "serviceId", "serviceReference", "expectedAmount", "invoicedAmount", "difference", "explanation", "disputable") SELECT "id", "createdAt", "updatedAt", "reconciliationId", "invoiceId", "organisationId", "type", "fingerprint", "lineId", "lineNumber", "serviceId", "serviceReference", "expectedAmount", "invoicedAmount", "difference", "explanation", "disputable" FROM "reconciliation_finding"`);
        await queryRunner.query(`DROP TABLE "reconciliation_finding"`);
        await queryRunner.query(`ALTER TABLE "temporary_reconciliation_finding" RENAME TO "reconciliation_finding"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_014358d8c6a567fd14358638a6" ON "reconciliation_finding" ("invoiceId", "fingerprint") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_014358d8c6a567fd14358638a6"`);
        await queryRunner.query(`ALTER TABLE "reconciliation_finding" RENAME TO "temporary_reconciliation_finding"`);
        await queryRunner.query(`CREATE TABLE "reconciliation_finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reconciliationId" integer NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "type" varchar(30) NOT NULL, "fingerprint" varchar(200) NOT NULL, "lineId" integer, "lineNumber" integer, "serviceId" integer, "serviceReference" varchar(64), "expectedAmount" bigint, "invoicedAmount" bigint, "difference" bigint NOT NULL, "explanation" text NOT NULL, "disputable" boolean NOT NULL)`);
        await queryRunner.query(`INSERT INTO "reconciliation_finding"("id", "createdAt", "updatedAt", "reconciliationId", "invoiceId", "organisationId", "type", "fingerprint", "lineId", "lineNumber", "serviceId", "serviceReference", "expectedAmount", "invoicedAmount", "difference", "explanation", "disputable") SELECT "id", "createdAt", "updatedAt", "reconciliationId", "invoiceId", "organisationId", "type", "fingerprint", "lineId", "lineNumber", "serviceId", "serviceReference", "expectedAmount", "invoicedAmount", "difference", "explanation", "disputable" FROM "temporary_reconciliation_finding"`);
        await queryRunner.query(`DROP TABLE "temporary_reconciliation_finding"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_014358d8c6a567fd14358638a6" ON "reconciliation_finding" ("invoiceId", "fingerprint") `);
        await queryRunner.query(`DROP INDEX "IDX_014358d8c6a567fd14358638a6"`);
        await queryRunner.query(`DROP TABLE "reconciliation_finding"`);
        await queryRunner.query(`DROP INDEX "IDX_2ca07c2142e1ac64b3b3d0d1fb"`);
        await queryRunner.query(`DROP TABLE "invoice_reconciliation"`);
    }

}
