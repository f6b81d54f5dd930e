import { MigrationInterface, QueryRunner } from 'typeorm';

export class Feeds1795577909635 implements MigrationInterface {
  name = 'Feeds1795577909635';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invoice" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "invoiceNumber" varchar(64) NOT NULL, "invoiceDate" date NOT NULL, "periodStart" date NOT NULL, "periodEnd" date NOT NULL, "dueDate" date, "currency" varchar(3) NOT NULL, "netTotal" bigint NOT NULL, "vatTotal" bigint NOT NULL, "grossTotal" bigint NOT NULL, "status" varchar(12) NOT NULL, "contentHash" varchar(64) NOT NULL, "feedRunId" integer NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9860db534411107e7745c5e16e" ON "invoice" ("organisationId", "status", "invoiceDate") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_db582589dfb459ec9609734248" ON "invoice" ("organisationId", "supplierId", "invoiceNumber") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invoice_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "lineNumber" integer NOT NULL, "serviceReference" varchar(64), "serviceId" integer, "chargeType" varchar(12) NOT NULL, "description" varchar(500), "periodStart" date, "periodEnd" date, "quantity" varchar(30) NOT NULL, "unitPrice" varchar(30) NOT NULL, "netAmount" bigint NOT NULL, "vatRate" varchar(12) NOT NULL, "vatAmount" bigint NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_21384126bbe14592f12a6cc0aa" ON "invoice_line" ("serviceId", "periodStart") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b574958cf06dab76e3a7bd75da" ON "invoice_line" ("invoiceId", "lineNumber") `);
    await queryRunner.query(
      `CREATE TABLE "feed_endpoint" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "kind" varchar(20) NOT NULL, "format" varchar(10) NOT NULL, "url" varchar(2000) NOT NULL, "credentialEnv" varchar(100), "intervalMinutes" integer NOT NULL, "enabled" boolean NOT NULL, "lastPulledAt" datetime(3), "lastOutcome" varchar(15), "lastError" varchar(1000), "lastRunId" integer, "etag" varchar(200))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_e2fd65939670bdf953cc6fe874" ON "feed_endpoint" ("enabled", "lastPulledAt") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_1a6f62d29d9996343d6edb3865" ON "feed_endpoint" ("organisationId", "supplierId", "kind") `,
    );
    await queryRunner.query(
      `CREATE TABLE "feed_run" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "kind" varchar(20) NOT NULL, "format" varchar(10) NOT NULL, "source" varchar(10) NOT NULL, "sourceName" varchar(500), "checksum" varchar(64) NOT NULL, "status" varchar(10) NOT NULL, "startedAt" datetime(3) NOT NULL, "finishedAt" datetime(3), "rowsRead" integer NOT NULL DEFAULT (0), "rowsAccepted" integer NOT NULL DEFAULT (0), "rowsRejected" integer NOT NULL DEFAULT (0), "rowsUnchanged" integer NOT NULL DEFAULT (0), "failureReason" text, "triggeredBy" varchar(200) NOT NULL, "duplicateOfRunId" integer)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7f2249ddd6116ab66dd72db0b4" ON "feed_run" ("supplierId", "kind", "checksum") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_a906851d515b94de7ef5f0a3b4" ON "feed_run" ("organisationId", "supplierId", "kind", "status", "finishedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "feed_rejection" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "feedRunId" integer NOT NULL, "organisationId" integer NOT NULL, "location" varchar(100) NOT NULL, "field" varchar(100), "reason" varchar(1000) NOT NULL, "raw" text NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_64a3fc474623979713157f790a" ON "feed_rejection" ("feedRunId") `);
    await queryRunner.query(
      `CREATE TABLE "incident" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "serviceId" integer NOT NULL, "supplierRef" varchar(64), "externalId" varchar(64), "origin" varchar(20) NOT NULL, "severity" integer NOT NULL, "priority" varchar(40), "status" varchar(20) NOT NULL, "summary" varchar(2000), "openedAt" datetime(3) NOT NULL, "acknowledgedAt" datetime(3), "resolvedAt" datetime(3), "closedAt" datetime(3), "serviceCoordinatorNotified" boolean, "serviceCoordinatorNotifiedAt" datetime(3), "lastFeedRunId" integer)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4665b543e3be5764b1898ee154" ON "incident" ("serviceId", "openedAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_419ccfd38b9801063a16b53829" ON "incident" ("organisationId", "status", "severity") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_6213abc00da718212b62c974ab" ON "incident" ("supplierId", "organisationId", "supplierRef") `,
    );
    await queryRunner.query(
      `CREATE TABLE "incident_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "incidentId" integer NOT NULL, "organisationId" integer NOT NULL, "status" varchar(20) NOT NULL, "changedAt" datetime(3) NOT NULL, "reason" varchar(1000))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_68f6e547fe54ae6b34fdc9e408" ON "incident_status_change" ("incidentId", "changedAt", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "performance_hourly" ("organisationId" integer NOT NULL, "sampleCount" integer NOT NULL, "coveredSeconds" integer NOT NULL, "upSeconds" integer NOT NULL, "latencyCount" integer NOT NULL, "latencySumUs" bigint NOT NULL, "latencyMaxUs" integer, "jitterCount" integer NOT NULL, "jitterSumUs" bigint NOT NULL, "jitterMaxUs" integer, "packetLossCount" integer NOT NULL, "packetLossSumPpm" bigint NOT NULL, "packetLossMaxPpm" integer, "utilisationInCount" integer NOT NULL, "utilisationInSumBp" bigint NOT NULL, "utilisationInMaxBp" integer, "utilisationOutCount" integer NOT NULL, "utilisationOutSumBp" bigint NOT NULL, "utilisationOutMaxBp" integer, "serviceId" integer NOT NULL, "hourStart" datetime NOT NULL, "qosClass" varchar(10) NOT NULL, PRIMARY KEY ("serviceId", "hourStart", "qosClass"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_59fc304dfec0de81e316823d00" ON "performance_hourly" ("organisationId", "hourStart") `);
    await queryRunner.query(
      `CREATE TABLE "performance_daily" ("organisationId" integer NOT NULL, "sampleCount" integer NOT NULL, "coveredSeconds" integer NOT NULL, "upSeconds" integer NOT NULL, "latencyCount" integer NOT NULL, "latencySumUs" bigint NOT NULL, "latencyMaxUs" integer, "jitterCount" integer NOT NULL, "jitterSumUs" bigint NOT NULL, "jitterMaxUs" integer, "packetLossCount" integer NOT NULL, "packetLossSumPpm" bigint NOT NULL, "packetLossMaxPpm" integer, "utilisationInCount" integer NOT NULL, "utilisationInSumBp" bigint NOT NULL, "utilisationInMaxBp" integer, "utilisationOutCount" integer NOT NULL, "utilisationOutSumBp" bigint NOT NULL, "utilisationOutMaxBp" integer, "serviceId" integer NOT NULL, "day" date NOT NULL, "qosClass" varchar(10) NOT NULL, "utilisationInP95Bp" integer, "utilisationOutP95Bp" integer, PRIMARY KEY ("serviceId", "day", "qosClass"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0f7015879f18d6d1854b8b3e4b" ON "performance_daily" ("organisationId", "day") `);
    await queryRunner.query(
      `CREATE TABLE "performance_sample" ("serviceId" integer NOT NULL, "intervalStart" datetime NOT NULL, "intervalSeconds" integer NOT NULL, "qosClass" varchar(10) NOT NULL, "organisationId" integer NOT NULL, "hourStart" datetime NOT NULL, "day" date NOT NULL, "upSeconds" integer, "latencyUs" integer, "jitterUs" integer, "packetLossPpm" integer, "utilisationInBp" integer, "utilisationOutBp" integer, "bpsIn" bigint, "bpsOut" bigint, "feedRunId" integer NOT NULL, PRIMARY KEY ("serviceId", "intervalStart", "intervalSeconds", "qosClass"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7f706c0f7b7624fb30adadcfee" ON "performance_sample" ("serviceId", "day") `);
    await queryRunner.query(
      `CREATE TABLE "inventory_comparison" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "feedRunId" integer NOT NULL, "supplierServices" integer NOT NULL, "ourServices" integer NOT NULL, "matching" integer NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_869f6df5409a22aa06395b5504" ON "inventory_comparison" ("organisationId", "supplierId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "inventory_difference" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "comparisonId" integer NOT NULL, "organisationId" integer NOT NULL, "kind" varchar(15) NOT NULL, "serviceReference" varchar(64) NOT NULL, "serviceId" integer, "field" varchar(30), "supplierValue" varchar(200), "ourValue" varchar(200))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_1279901f1126605e047ff8419a" ON "inventory_difference" ("comparisonId") `);
    await queryRunner.query(`DROP INDEX "IDX_21384126bbe14592f12a6cc0aa"`);
    await queryRunner.query(`DROP INDEX "IDX_b574958cf06dab76e3a7bd75da"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invoice_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "lineNumber" integer NOT NULL, "serviceReference" varchar(64), "serviceId" integer, "chargeType" varchar(12) NOT NULL, "description" varchar(500), "periodStart" date, "periodEnd" date, "quantity" varchar(30) NOT NULL, "unitPrice" varchar(30) NOT NULL, "netAmount" bigint NOT NULL, "vatRate" varchar(12) NOT NULL, "vatAmount" bigint NOT NULL, CONSTRAINT "FK_d1abbe501a231d860de4e4eb597" FOREIGN KEY ("invoiceId") REFERENCES "invoice" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invoice_line"("id", "createdAt", "updatedAt", "invoiceId", "organisationId", "lineNumber", "serviceReference", "serviceId", "chargeType", "description", "periodStart", "periodEnd", "quantity", "unitPrice", "netAmount", "vatRate", "vatAmount") SELECT "id", "createdAt", "updatedAt", "invoiceId", "organisationId", "lineNumber", "serviceReference", "serviceId", "chargeType", "description", "periodStart", "periodEnd", "quantity", "unitPrice", "netAmount", "vatRate", "vatAmount" FROM "invoice_line"`,
    );
    await queryRunner.query(`DROP TABLE "invoice_line"`);
    await queryRunner.query(`ALTER TABLE "temporary_invoice_line" RENAME TO "invoice_line"`);
    await queryRunner.query(`CREATE INDEX "IDX_21384126bbe14592f12a6cc0aa" ON "invoice_line" ("serviceId", "periodStart") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b574958cf06dab76e3a7bd75da" ON "invoice_line" ("invoiceId", "lineNumber") `);
    await queryRunner.query(`DROP INDEX "IDX_64a3fc474623979713157f790a"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_feed_rejection" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "feedRunId" integer NOT NULL, "organisationId" integer NOT NULL, "location" varchar(100) NOT NULL, "field" varchar(100), "reason" varchar(1000) NOT NULL, "raw" text NOT NULL, CONSTRAINT "FK_64a3fc474623979713157f790af" FOREIGN KEY ("feedRunId") REFERENCES "feed_run" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_feed_rejection"("id", "createdAt", "updatedAt", "feedRunId", "organisationId", "location", "field", "reason", "raw") SELECT "id", "createdAt", "updatedAt", "feedRunId", "organisationId", "location", "field", "reason", "raw" FROM "feed_rejection"`,
    );
    await queryRunner.query(`DROP TABLE "feed_rejection"`);
    await queryRunner.query(`ALTER TABLE "temporary_feed_rejection" RENAME TO "feed_rejection"`);
    await queryRunner.query(`CREATE INDEX "IDX_64a3fc474623979713157f790a" ON "feed_rejection" ("feedRunId") `);
    await queryRunner.query(`DROP INDEX "IDX_68f6e547fe54ae6b34fdc9e408"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_incident_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "incidentId" integer NOT NULL, "organisationId" integer NOT NULL, "status" varchar(20) NOT NULL, "changedAt" datetime(3) NOT NULL, "reason" varchar(1000), CONSTRAINT "FK_dba8e1507b9836219cca616e55a" FOREIGN KEY ("incidentId") REFERENCES "incident" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_incident_status_change"("id", "createdAt", "updatedAt", "incidentId", "organisationId", "status", "changedAt", "reason") SELECT "id", "createdAt", "updatedAt", "incidentId", "organisationId", "status", "changedAt", "reason" FROM "incident_status_change"`,
    );
    await queryRunner.query(`DROP TABLE "incident_status_change"`);
    await queryRunner.query(`ALTER TABLE "temporary_incident_status_change" RENAME TO "incident_status_change"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_68f6e547fe54ae6b34fdc9e408" ON "incident_status_change" ("incidentId", "changedAt", "status") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_1279901f1126605e047ff8419a"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_inventory_difference" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "comparisonId" integer NOT NULL, "organisationId" integer NOT NULL, "kind" varchar(15) NOT NULL, "serviceReference" varchar(64) NOT NULL, "serviceId" integer, "field" varchar(30), "supplierValue" varchar(200), "ourValue" varchar(200), CONSTRAINT "FK_1279901f1126605e047ff8419ae" FOREIGN KEY ("comparisonId") REFERENCES "inventory_comparison" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_inventory_difference"("id", "createdAt", "updatedAt", "comparisonId", "organisationId", "kind", "serviceReference", "serviceId", "field", "supplierValue", "ourValue") SELECT "id", "createdAt", "updatedAt", "comparisonId", "organisationId", "kind", "serviceReference", "serviceId", "field", "supplierValue", "ourValue" FROM "inventory_difference"`,
    );
    await queryRunner.query(`DROP TABLE "inventory_difference"`);
    await queryRunner.query(`ALTER TABLE "temporary_inventory_difference" RENAME TO "inventory_difference"`);
    await queryRunner.query(`CREATE INDEX "IDX_1279901f1126605e047ff8419a" ON "inventory_difference" ("comparisonId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_1279901f1126605e047ff8419a"`);
    await queryRunner.query(`ALTER TABLE "inventory_difference" RENAME TO "temporary_inventory_difference"`);
    await queryRunner.query(
      `CREATE TABLE "inventory_difference" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "comparisonId" integer NOT NULL, "organisationId" integer NOT NULL, "kind" varchar(15) NOT NULL, "serviceReference" varchar(64) NOT NULL, "serviceId" integer, "field" varchar(30), "supplierValue" varchar(200), "ourValue" varchar(200))`,
    );
    await queryRunner.query(
      `INSERT INTO "inventory_difference"("id", "createdAt", "updatedAt", "comparisonId", "organisationId", "kind", "serviceReference", "serviceId", "field", "supplierValue", "ourValue") SELECT "id", "createdAt", "updatedAt", "comparisonId", "organisationId", "kind", "serviceReference", "serviceId", "field", "supplierValue", "ourValue" FROM "temporary_inventory_difference"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_inventory_difference"`);
    await queryRunner.query(`CREATE INDEX "IDX_1279901f1126605e047ff8419a" ON "inventory_difference" ("comparisonId") `);
    await queryRunner.query(`DROP INDEX "IDX_68f6e547fe54ae6b34fdc9e408"`);
    await queryRunner.query(`ALTER TABLE "incident_status_change" RENAME TO "temporary_incident_status_change"`);
    await queryRunner.query(
      `CREATE TABLE "incident_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "incidentId" integer NOT NULL, "organisationId" integer NOT NULL, "status" varchar(20) NOT NULL, "changedAt" datetime(3) NOT NULL, "reason" varchar(1000))`,
    );
    await queryRunner.query(
      `INSERT INTO "incident_status_change"("id", "createdAt", "updatedAt", "incidentId", "organisationId", "status", "changedAt", "reason") SELECT "id", "createdAt", "updatedAt", "incidentId", "organisationId", "status", "changedAt", "reason" FROM "temporary_incident_status_change"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_incident_status_change"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_68f6e547fe54ae6b34fdc9e408" ON "incident_status_change" ("incidentId", "changedAt", "status") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_64a3fc474623979713157f790a"`);
    await queryRunner.query(`ALTER TABLE "feed_rejection" RENAME TO "temporary_feed_rejection"`);
    await queryRunner.query(
      `CREATE TABLE "feed_rejection" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "feedRunId" integer NOT NULL, "organisationId" integer NOT NULL, "location" varchar(100) NOT NULL, "field" varchar(100), "reason" varchar(1000) NOT NULL, "raw" text NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "feed_rejection"("id", "createdAt", "updatedAt", "feedRunId", "organisationId", "location", "field", "reason", "raw") SELECT "id", "createdAt", "updatedAt", "feedRunId", "organisationId", "location", "field", "reason", "raw" FROM "temporary_feed_rejection"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_feed_rejection"`);
    await queryRunner.query(`CREATE INDEX "IDX_64a3fc474623979713157f790a" ON "feed_rejection" ("feedRunId") `);
    await queryRunner.query(`DROP INDEX "IDX_b574958cf06dab76e3a7bd75da"`);
    await queryRunner.query(`DROP INDEX "IDX_21384126bbe14592f12a6cc0aa"`);
    await queryRunner.query(`ALTER TABLE "invoice_line" RENAME TO "temporary_invoice_line"`);
    await queryRunner.query(
      `CREATE TABLE "invoice_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "lineNumber" integer NOT NULL, "serviceReference" varchar(64), "serviceId" integer, "chargeType" varchar(12) NOT NULL, "description" varchar(500), "periodStart" date, "periodEnd" date, "quantity" varchar(30) NOT NULL, "unitPrice" varchar(30) NOT NULL, "netAmount" bigint NOT NULL, "vatRate" varchar(12) NOT NULL, "vatAmount" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "invoice_line"("id", "createdAt", "updatedAt", "invoiceId", "organisationId", "lineNumber", "serviceReference", "serviceId", "chargeType", "description", "periodStart", "periodEnd", "quantity", "unitPrice", "netAmount", "vatRate", "vatAmount") SELECT "id", "createdAt", "updatedAt", "invoiceId", "organisationId", "lineNumber", "serviceReference", "serviceId", "chargeType", "description", "periodStart", "periodEnd", "quantity", "unitPrice", "netAmount", "vatRate", "vatAmount" FROM "temporary_invoice_line"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invoice_line"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b574958cf06dab76e3a7bd75da" ON "invoice_line" ("invoiceId", "lineNumber") `);
    await queryRunner.query(`CREATE INDEX "IDX_21384126bbe14592f12a6cc0aa" ON "invoice_line" ("serviceId", "periodStart") `);
    await queryRunner.query(`DROP INDEX "IDX_1279901f1126605e047ff8419a"`);
    await queryRunner.query(`DROP TABLE "inventory_difference"`);
    await queryRunner.query(`DROP INDEX "IDX_869f6df5409a22aa06395b5504"`);
    await queryRunner.query(`DROP TABLE "inventory_comparison"`);
    await queryRunner.query(`DROP INDEX "IDX_7f706c0f7b7624fb30adadcfee"`);
    await queryRunner.query(`DROP TABLE "performance_sample"`);
    await queryRunner.query(`DROP INDEX "IDX_0f7015879f18d6d1854b8b3e4b"`);
    await queryRunner.query(`DROP TABLE "performance_daily"`);
    await queryRunner.query(`DROP INDEX "IDX_59fc304dfec0de81e316823d00"`);
    await queryRunner.query(`DROP TABLE "performance_hourly"`);
    await queryRunner.query(`DROP INDEX "IDX_68f6e547fe54ae6b34fdc9e408"`);
    await queryRunner.query(`DROP TABLE "incident_status_change"`);
    await queryRunner.query(`DROP INDEX "IDX_6213abc00da718212b62c974ab"`);
    await queryRunner.query(`DROP INDEX "IDX_419ccfd38b9801063a16b53829"`);
    await queryRunner.query(`DROP INDEX "IDX_4665b543e3be5764b1898ee154"`);
    await queryRunner.query(`DROP TABLE "incident"`);
    await queryRunner.query(`DROP INDEX "IDX_64a3fc474623979713157f790a"`);
    await queryRunner.query(`DROP TABLE "feed_rejection"`);
    await queryRunner.query(`DROP INDEX "IDX_a906851d515b94de7ef5f0a3b4"`);
    await queryRunner.query(`DROP INDEX "IDX_7f2249ddd6116ab66dd72db0b4"`);
    await queryRunner.query(`DROP TABLE "feed_run"`);
    await queryRunner.query(`DROP INDEX "IDX_1a6f62d29d9996343d6edb3865"`);
    await queryRunner.query(`DROP INDEX "IDX_e2fd65939670bdf953cc6fe874"`);
    await queryRunner.query(`DROP TABLE "feed_endpoint"`);
    await queryRunner.query(`DROP INDEX "IDX_b574958cf06dab76e3a7bd75da"`);
    await queryRunner.query(`DROP INDEX "IDX_21384126bbe14592f12a6cc0aa"`);
    await queryRunner.query(`DROP TABLE "invoice_line"`);
    await queryRunner.query(`DROP INDEX "IDX_db582589dfb459ec9609734248"`);
    await queryRunner.query(`DROP INDEX "IDX_9860db534411107e7745c5e16e"`);
    await queryRunner.query(`DROP TABLE "invoice"`);
  }
}
