import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The credit ledger: months frozen as hashed SLA snapshots (stored in pieces), one entry per
 * credit owed with what was claimed, received and waived, and the credit lines matched to
 * them. Reconciliations can be stale; findings name the contract and month of a missing
 * credit; automatic moves are marked as the system's.
 */
export class CreditLedger1797000000000 implements MigrationInterface {
  name = 'CreditLedger1797000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sla_month_snapshot" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "contractId" integer NOT NULL, "period" varchar(7) NOT NULL, "revision" integer NOT NULL, "closedAt" datetime(3) NOT NULL, "sha256" varchar(64) NOT NULL, "creditsOwed" bigint NOT NULL, "differences" text, "contentBytes" integer NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_28a370756822e65362d194cc0e" ON "sla_month_snapshot" ("organisationId", "period") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_a3ad05765f427dcbf418306d59" ON "sla_month_snapshot" ("contractId", "period", "revision") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sla_month_snapshot_part" ("snapshotId" integer NOT NULL, "position" integer NOT NULL, "content" text NOT NULL, PRIMARY KEY ("snapshotId", "position"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "credit_ledger_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "contractId" integer NOT NULL, "period" varchar(7) NOT NULL, "entryKey" varchar(100) NOT NULL, "serviceId" integer, "termKind" varchar(24) NOT NULL, "severity" integer, "incidentId" integer, "reason" varchar(1000) NOT NULL, "owed" bigint NOT NULL, "owedBeforeCap" bigint NOT NULL, "final" boolean NOT NULL, "snapshotId" integer, "revisedOwed" bigint, "claimedInvoiceId" integer, "claimedFindingId" integer, "claimedDisputeId" integer, "received" bigint NOT NULL, "waived" bigint NOT NULL, "waivedBy" varchar(200), "waivedAt" datetime(3), "waivedReason" varchar(1000))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9bc30bf3b50e6db7efbfc2efe1" ON "credit_ledger_entry" ("claimedDisputeId") `);
    await queryRunner.query(`CREATE INDEX "IDX_03c26be66bff62a9616f49c3d0" ON "credit_ledger_entry" ("claimedInvoiceId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_3ab8dfb0d88ba60dc2ed37ad5d" ON "credit_ledger_entry" ("organisationId", "supplierId", "period") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c5098c5afb92dc71dd461c9cbc" ON "credit_ledger_entry" ("contractId", "period", "entryKey") `,
    );
    await queryRunner.query(
      `CREATE TABLE "credit_receipt" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "entryId" integer NOT NULL, "invoiceId" integer NOT NULL, "invoiceLineId" integer NOT NULL, "amount" bigint NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_87f065e610dee6f5932bcfee54" ON "credit_receipt" ("entryId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8e3d7de1340d4936548ec49161" ON "credit_receipt" ("invoiceLineId", "entryId") `);
    await queryRunner.query(`DROP INDEX "IDX_2ca07c2142e1ac64b3b3d0d1fb"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invoice_reconciliation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "reconciledAt" datetime(3) NOT NULL, "reconciledBy" varchar(200) NOT NULL, "invoicedTotal" bigint NOT NULL, "agreedAmount" bigint NOT NULL, "differenceTotal" bigint NOT NULL, "findingCount" integer NOT NULL, "staleSince" datetime(3), "staleReason" varchar(1000))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invoice_reconciliation"("id", "createdAt", "updatedAt", "invoiceId", "organisationId", "reconciledAt", "reconciledBy", "invoicedTotal", "agreedAmount", "differenceTotal", "findingCount") SELECT "id", "createdAt", "updatedAt", "invoiceId", "organisationId", "reconciledAt", "reconciledBy", "invoicedTotal", "agreedAmount", "differenceTotal", "findingCount" FROM "invoice_reconciliation"`,
    );
    await queryRunner.query(`DROP TABLE "invoice_reconciliation"`);
    await queryRunner.query(`ALTER TABLE "temporary_invoice_reconciliation" RENAME TO "invoice_reconciliation"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2ca07c2142e1ac64b3b3d0d1fb" ON "invoice_reconciliation" ("invoiceId") `);
    await queryRunner.query(`DROP INDEX "IDX_014358d8c6a567fd14358638a6"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_reconciliation_finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reconciliationId" integer NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "type" varchar(30) NOT NULL, "fingerprint" varchar(200) NOT NULL, "lineId" integer, "lineNumber" integer, "serviceId" integer, "serviceReference" varchar(64), "expectedAmount" bigint, "invoicedAmount" bigint, "difference" bigint NOT NULL, "explanation" text NOT NULL, "disputable" boolean NOT NULL, "contractId" integer, "period" varchar(7), CONSTRAINT "FK_eacdb5d840f335b77a1dfe291f7" FOREIGN KEY ("reconciliationId") REFERENCES "invoice_reconciliation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_reconciliation_finding"("id", "createdAt", "updatedAt", "reconciliationId", "invoiceId", "organisationId", "type", "fingerprint", "lineId", "lineNumber", "serviceId", "serviceReference", "expectedAmount", "invoicedAmount", "difference", "explanation", "disputable") SELECT "id", "createdAt", "updatedAt", "reconciliationId", "invoiceId", "organisationId", "type", "fingerprint", "lineId", "lineNumber", "serviceId", "serviceReference", "expectedAmount", "invoicedAmount", "difference", "explanation", "disputable" FROM "reconciliation_finding"`,
    );
    await queryRunner.query(`DROP TABLE "reconciliation_finding"`);
    await queryRunner.query(`ALTER TABLE "temporary_reconciliation_finding" RENAME TO "reconciliation_finding"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_014358d8c6a567fd14358638a6" ON "reconciliation_finding" ("invoiceId", "fingerprint") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_d207b3eb2c64210e5d6adba5cd"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_dispute_transition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "disputeId" integer NOT NULL, "organisationId" integer NOT NULL, "fromState" varchar(12), "toState" varchar(12) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL, "automatic" boolean NOT NULL DEFAULT (0), CONSTRAINT "FK_d207b3eb2c64210e5d6adba5cd1" FOREIGN KEY ("disputeId") REFERENCES "dispute" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_dispute_transition"("id", "createdAt", "updatedAt", "disputeId", "organisationId", "fromState", "toState", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "disputeId", "organisationId", "fromState", "toState", "reason", "changedBy" FROM "dispute_transition"`,
    );
    await queryRunner.query(`DROP TABLE "dispute_transition"`);
    await queryRunner.query(`ALTER TABLE "temporary_dispute_transition" RENAME TO "dispute_transition"`);
    await queryRunner.query(`CREATE INDEX "IDX_d207b3eb2c64210e5d6adba5cd" ON "dispute_transition" ("disputeId") `);
    await queryRunner.query(`DROP INDEX "IDX_bf74842c05fabe52cb3fbd9b8d"`);
    await queryRunner.query(`DROP INDEX "IDX_a6a60cff3e0f7420a74baf7dca"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_dispute_credit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "disputeId" integer NOT NULL, "organisationId" integer NOT NULL, "invoiceLineId" integer NOT NULL, "amount" bigint NOT NULL, "receiptId" integer, CONSTRAINT "FK_a6a60cff3e0f7420a74baf7dca9" FOREIGN KEY ("disputeId") REFERENCES "dispute" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_dispute_credit"("id", "createdAt", "updatedAt", "disputeId", "organisationId", "invoiceLineId", "amount") SELECT "id", "createdAt", "updatedAt", "disputeId", "organisationId", "invoiceLineId", "amount" FROM "dispute_credit"`,
    );
    await queryRunner.query(`DROP TABLE "dispute_credit"`);
    await queryRunner.query(`ALTER TABLE "temporary_dispute_credit" RENAME TO "dispute_credit"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bf74842c05fabe52cb3fbd9b8d" ON "dispute_credit" ("invoiceLineId", "disputeId") `);
    await queryRunner.query(`CREATE INDEX "IDX_a6a60cff3e0f7420a74baf7dca" ON "dispute_credit" ("disputeId") `);
    await queryRunner.query(`DROP INDEX "IDX_9ed40215e6d10a907dd34e0d37"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invoice_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(12), "toStatus" varchar(12) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL, "automatic" boolean NOT NULL DEFAULT (0), CONSTRAINT "FK_443b36f18d5a4cbbecaa242509e" FOREIGN KEY ("invoiceId") REFERENCES "invoice" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invoice_status_change"("id", "createdAt", "updatedAt", "invoiceId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "invoiceId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy" FROM "invoice_status_change"`,
    );
    await queryRunner.query(`DROP TABLE "invoice_status_change"`);
    await queryRunner.query(`ALTER TABLE "temporary_invoice_status_change" RENAME TO "invoice_status_change"`);
    await queryRunner.query(`CREATE INDEX "IDX_9ed40215e6d10a907dd34e0d37" ON "invoice_status_change" ("invoiceId", "id") `);
    await queryRunner.query(
      `CREATE TABLE "temporary_sla_month_snapshot_part" ("snapshotId" integer NOT NULL, "position" integer NOT NULL, "content" text NOT NULL, CONSTRAINT "FK_a797566073bfe2188a2dc676a0b" FOREIGN KEY ("snapshotId") REFERENCES "sla_month_snapshot" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("snapshotId", "position"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_sla_month_snapshot_part"("snapshotId", "position", "content") SELECT "snapshotId", "position", "content" FROM "sla_month_snapshot_part"`,
    );
    await queryRunner.query(`DROP TABLE "sla_month_snapshot_part"`);
    await queryRunner.query(`ALTER TABLE "temporary_sla_month_snapshot_part" RENAME TO "sla_month_snapshot_part"`);
    await queryRunner.query(`DROP INDEX "IDX_87f065e610dee6f5932bcfee54"`);
    await queryRunner.query(`DROP INDEX "IDX_8e3d7de1340d4936548ec49161"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_credit_receipt" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "entryId" integer NOT NULL, "invoiceId" integer NOT NULL, "invoiceLineId" integer NOT NULL, "amount" bigint NOT NULL, CONSTRAINT "FK_87f065e610dee6f5932bcfee549" FOREIGN KEY ("entryId") REFERENCES "credit_ledger_entry" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_credit_receipt"("id", "createdAt", "updatedAt", "organisationId", "entryId", "invoiceId", "invoiceLineId", "amount") SELECT "id", "createdAt", "updatedAt", "organisationId", "entryId", "invoiceId", "invoiceLineId", "amount" FROM "credit_receipt"`,
    );
    await queryRunner.query(`DROP TABLE "credit_receipt"`);
    await queryRunner.query(`ALTER TABLE "temporary_credit_receipt" RENAME TO "credit_receipt"`);
    await queryRunner.query(`CREATE INDEX "IDX_87f065e610dee6f5932bcfee54" ON "credit_receipt" ("entryId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8e3d7de1340d4936548ec49161" ON "credit_receipt" ("invoiceLineId", "entryId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_8e3d7de1340d4936548ec49161"`);
    await queryRunner.query(`DROP INDEX "IDX_87f065e610dee6f5932bcfee54"`);
    await queryRunner.query(`ALTER TABLE "credit_receipt" RENAME TO "temporary_credit_receipt"`);
    await queryRunner.query(
      `CREATE TABLE "credit_receipt" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "entryId" integer NOT NULL, "invoiceId" integer NOT NULL, "invoiceLineId" integer NOT NULL, "amount" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "credit_receipt"("id", "createdAt", "updatedAt", "organisationId", "entryId", "invoiceId", "invoiceLineId", "amount") SELECT "id", "createdAt", "updatedAt", "organisationId", "entryId", "invoiceId", "invoiceLineId", "amount" FROM "temporary_credit_receipt"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_credit_receipt"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8e3d7de1340d4936548ec49161" ON "credit_receipt" ("invoiceLineId", "entryId") `);
    await queryRunner.query(`CREATE INDEX "IDX_87f065e610dee6f5932bcfee54" ON "credit_receipt" ("entryId") `);
    await queryRunner.query(`ALTER TABLE "sla_month_snapshot_part" RENAME TO "temporary_sla_month_snapshot_part"`);
    await queryRunner.query(
      `CREATE TABLE "sla_month_snapshot_part" ("snapshotId" integer NOT NULL, "position" integer NOT NULL, "content" text NOT NULL, PRIMARY KEY ("snapshotId", "position"))`,
    );
    await queryRunner.query(
      `INSERT INTO "sla_month_snapshot_part"("snapshotId", "position", "content") SELECT "snapshotId", "position", "content" FROM "temporary_sla_month_snapshot_part"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_sla_month_snapshot_part"`);
    await queryRunner.query(`DROP INDEX "IDX_9ed40215e6d10a907dd34e0d37"`);
    await queryRunner.query(`ALTER TABLE "invoice_status_change" RENAME TO "temporary_invoice_status_change"`);
    await queryRunner.query(
      `CREATE TABLE "invoice_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(12), "toStatus" varchar(12) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL, CONSTRAINT "FK_443b36f18d5a4cbbecaa242509e" FOREIGN KEY ("invoiceId") REFERENCES "invoice" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "invoice_status_change"("id", "createdAt", "updatedAt", "invoiceId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "invoiceId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy" FROM "temporary_invoice_status_change"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invoice_status_change"`);
    await queryRunner.query(`CREATE INDEX "IDX_9ed40215e6d10a907dd34e0d37" ON "invoice_status_change" ("invoiceId", "id") `);
    await queryRunner.query(`DROP INDEX "IDX_a6a60cff3e0f7420a74baf7dca"`);
    await queryRunner.query(`DROP INDEX "IDX_bf74842c05fabe52cb3fbd9b8d"`);
    await queryRunner.query(`ALTER TABLE "dispute_credit" RENAME TO "temporary_dispute_credit"`);
    await queryRunner.query(
      `CREATE TABLE "dispute_credit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "disputeId" integer NOT NULL, "organisationId" integer NOT NULL, "invoiceLineId" integer NOT NULL, "amount" bigint NOT NULL, CONSTRAINT "FK_a6a60cff3e0f7420a74baf7dca9" FOREIGN KEY ("disputeId") REFERENCES "dispute" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "dispute_credit"("id", "createdAt", "updatedAt", "disputeId", "organisationId", "invoiceLineId", "amount") SELECT "id", "createdAt", "updatedAt", "disputeId", "organisationId", "invoiceLineId", "amount" FROM "temporary_dispute_credit"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_dispute_credit"`);
    await queryRunner.query(`CREATE INDEX "IDX_a6a60cff3e0f7420a74baf7dca" ON "dispute_credit" ("disputeId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bf74842c05fabe52cb3fbd9b8d" ON "dispute_credit" ("invoiceLineId", "disputeId") `);
    await queryRunner.query(`DROP INDEX "IDX_d207b3eb2c64210e5d6adba5cd"`);
    await queryRunner.query(`ALTER TABLE "dispute_transition" RENAME TO "temporary_dispute_transition"`);
    await queryRunner.query(
      `CREATE TABLE "dispute_transition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "disputeId" integer NOT NULL, "organisationId" integer NOT NULL, "fromState" varchar(12), "toState" varchar(12) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL, CONSTRAINT "FK_d207b3eb2c64210e5d6adba5cd1" FOREIGN KEY ("disputeId") REFERENCES "dispute" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "dispute_transition"("id", "createdAt", "updatedAt", "disputeId", "organisationId", "fromState", "toState", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "disputeId", "organisationId", "fromState", "toState", "reason", "changedBy" FROM "temporary_dispute_transition"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_dispute_transition"`);
    await queryRunner.query(`CREATE INDEX "IDX_d207b3eb2c64210e5d6adba5cd" ON "dispute_transition" ("disputeId") `);
    await queryRunner.query(`DROP INDEX "IDX_014358d8c6a567fd14358638a6"`);
    await queryRunner.query(`ALTER TABLE "reconciliation_finding" RENAME TO "temporary_reconciliation_finding"`);
    await queryRunner.query(
      `CREATE TABLE "reconciliation_finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reconciliationId" integer NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "type" varchar(30) NOT NULL, "fingerprint" varchar(200) NOT NULL, "lineId" integer, "lineNumber" integer, "serviceId" integer, "serviceReference" varchar(64), "expectedAmount" bigint, "invoicedAmount" bigint, "difference" bigint NOT NULL, "explanation" text NOT NULL, "disputable" boolean NOT NULL, CONSTRAINT "FK_eacdb5d840f335b77a1dfe291f7" FOREIGN KEY ("reconciliationId") REFERENCES "invoice_reconciliation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "reconciliation_finding"("id", "createdAt", "updatedAt", "reconciliationId", "invoiceId", "organisationId", "type", "fingerprint", "lineId", "lineNumber", "serviceId", "serviceReference", "expectedAmount", "invoicedAmount", "difference", "explanation", "disputable") SELECT "id", "createdAt", "updatedAt", "reconciliationId", "invoiceId", "organisationId", "type", "fingerprint", "lineId", "lineNumber", "serviceId", "serviceReference", "expectedAmount", "invoicedAmount", "difference", "explanation", "disputable" FROM "temporary_reconciliation_finding"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_reconciliation_finding"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_014358d8c6a567fd14358638a6" ON "reconciliation_finding" ("invoiceId", "fingerprint") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_2ca07c2142e1ac64b3b3d0d1fb"`);
    await queryRunner.query(`ALTER TABLE "invoice_reconciliation" RENAME TO "temporary_invoice_reconciliation"`);
    await queryRunner.query(
      `CREATE TABLE "invoice_reconciliation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "reconciledAt" datetime(3) NOT NULL, "reconciledBy" varchar(200) NOT NULL, "invoicedTotal" bigint NOT NULL, "agreedAmount" bigint NOT NULL, "differenceTotal" bigint NOT NULL, "findingCount" integer NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "invoice_reconciliation"("id", "createdAt", "updatedAt", "invoiceId", "organisationId", "reconciledAt", "reconciledBy", "invoicedTotal", "agreedAmount", "differenceTotal", "findingCount") SELECT "id", "createdAt", "updatedAt", "invoiceId", "organisationId", "reconciledAt", "reconciledBy", "invoicedTotal", "agreedAmount", "differenceTotal", "findingCount" FROM "temporary_invoice_reconciliation"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invoice_reconciliation"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2ca07c2142e1ac64b3b3d0d1fb" ON "invoice_reconciliation" ("invoiceId") `);
    await queryRunner.query(`DROP INDEX "IDX_8e3d7de1340d4936548ec49161"`);
    await queryRunner.query(`DROP INDEX "IDX_87f065e610dee6f5932bcfee54"`);
    await queryRunner.query(`DROP TABLE "credit_receipt"`);
    await queryRunner.query(`DROP INDEX "IDX_c5098c5afb92dc71dd461c9cbc"`);
    await queryRunner.query(`DROP INDEX "IDX_3ab8dfb0d88ba60dc2ed37ad5d"`);
    await queryRunner.query(`DROP INDEX "IDX_03c26be66bff62a9616f49c3d0"`);
    await queryRunner.query(`DROP INDEX "IDX_9bc30bf3b50e6db7efbfc2efe1"`);
    await queryRunner.query(`DROP TABLE "credit_ledger_entry"`);
    await queryRunner.query(`DROP TABLE "sla_month_snapshot_part"`);
    await queryRunner.query(`DROP INDEX "IDX_a3ad05765f427dcbf418306d59"`);
    await queryRunner.query(`DROP INDEX "IDX_28a370756822e65362d194cc0e"`);
    await queryRunner.query(`DROP TABLE "sla_month_snapshot"`);
  }
}
