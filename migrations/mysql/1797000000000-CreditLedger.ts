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
      `CREATE TABLE \`sla_month_snapshot\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`supplierId\` int NOT NULL, \`contractId\` int NOT NULL, \`period\` varchar(7) NOT NULL, \`revision\` int NOT NULL, \`closedAt\` datetime(3) NOT NULL, \`sha256\` varchar(64) NOT NULL, \`creditsOwed\` bigint NOT NULL, \`differences\` text NULL, \`contentBytes\` int NOT NULL, INDEX \`IDX_28a370756822e65362d194cc0e\` (\`organisationId\`, \`period\`), UNIQUE INDEX \`IDX_a3ad05765f427dcbf418306d59\` (\`contractId\`, \`period\`, \`revision\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`sla_month_snapshot_part\` (\`snapshotId\` int NOT NULL, \`position\` int NOT NULL, \`content\` text NOT NULL, PRIMARY KEY (\`snapshotId\`, \`position\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`credit_ledger_entry\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`supplierId\` int NOT NULL, \`contractId\` int NOT NULL, \`period\` varchar(7) NOT NULL, \`entryKey\` varchar(100) NOT NULL, \`serviceId\` int NULL, \`termKind\` varchar(24) NOT NULL, \`severity\` int NULL, \`incidentId\` int NULL, \`reason\` varchar(1000) NOT NULL, \`owed\` bigint NOT NULL, \`owedBeforeCap\` bigint NOT NULL, \`final\` tinyint NOT NULL, \`snapshotId\` int NULL, \`revisedOwed\` bigint NULL, \`claimedInvoiceId\` int NULL, \`claimedFindingId\` int NULL, \`claimedDisputeId\` int NULL, \`received\` bigint NOT NULL, \`waived\` bigint NOT NULL, \`waivedBy\` varchar(200) NULL, \`waivedAt\` datetime(3) NULL, \`waivedReason\` varchar(1000) NULL, INDEX \`IDX_9bc30bf3b50e6db7efbfc2efe1\` (\`claimedDisputeId\`), INDEX \`IDX_03c26be66bff62a9616f49c3d0\` (\`claimedInvoiceId\`), INDEX \`IDX_3ab8dfb0d88ba60dc2ed37ad5d\` (\`organisationId\`, \`supplierId\`, \`period\`), UNIQUE INDEX \`IDX_c5098c5afb92dc71dd461c9cbc\` (\`contractId\`, \`period\`, \`entryKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`credit_receipt\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`entryId\` int NOT NULL, \`invoiceId\` int NOT NULL, \`invoiceLineId\` int NOT NULL, \`amount\` bigint NOT NULL, INDEX \`IDX_87f065e610dee6f5932bcfee54\` (\`entryId\`), UNIQUE INDEX \`IDX_8e3d7de1340d4936548ec49161\` (\`invoiceLineId\`, \`entryId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(`ALTER TABLE \`invoice_reconciliation\` ADD \`staleSince\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`invoice_reconciliation\` ADD \`staleReason\` varchar(1000) NULL`);
    await queryRunner.query(`ALTER TABLE \`reconciliation_finding\` ADD \`contractId\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`reconciliation_finding\` ADD \`period\` varchar(7) NULL`);
    await queryRunner.query(`ALTER TABLE \`dispute_transition\` ADD \`automatic\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`dispute_credit\` ADD \`receiptId\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`invoice_status_change\` ADD \`automatic\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `ALTER TABLE \`sla_month_snapshot_part\` ADD CONSTRAINT \`FK_a797566073bfe2188a2dc676a0b\` FOREIGN KEY (\`snapshotId\`) REFERENCES \`sla_month_snapshot\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`credit_receipt\` ADD CONSTRAINT \`FK_87f065e610dee6f5932bcfee549\` FOREIGN KEY (\`entryId\`) REFERENCES \`credit_ledger_entry\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`credit_receipt\` DROP FOREIGN KEY \`FK_87f065e610dee6f5932bcfee549\``);
    await queryRunner.query(`ALTER TABLE \`sla_month_snapshot_part\` DROP FOREIGN KEY \`FK_a797566073bfe2188a2dc676a0b\``);
    await queryRunner.query(`ALTER TABLE \`reconciliation_finding\` DROP COLUMN \`period\``);
    await queryRunner.query(`ALTER TABLE \`reconciliation_finding\` DROP COLUMN \`contractId\``);
    await queryRunner.query(`ALTER TABLE \`invoice_status_change\` DROP COLUMN \`automatic\``);
    await queryRunner.query(`ALTER TABLE \`dispute_credit\` DROP COLUMN \`receiptId\``);
    await queryRunner.query(`ALTER TABLE \`dispute_transition\` DROP COLUMN \`automatic\``);
    await queryRunner.query(`ALTER TABLE \`invoice_reconciliation\` DROP COLUMN \`staleReason\``);
    await queryRunner.query(`ALTER TABLE \`invoice_reconciliation\` DROP COLUMN \`staleSince\``);
    await queryRunner.query(`DROP INDEX \`IDX_8e3d7de1340d4936548ec49161\` ON \`credit_receipt\``);
    await queryRunner.query(`DROP INDEX \`IDX_87f065e610dee6f5932bcfee54\` ON \`credit_receipt\``);
    await queryRunner.query(`DROP TABLE \`credit_receipt\``);
    await queryRunner.query(`DROP INDEX \`IDX_c5098c5afb92dc71dd461c9cbc\` ON \`credit_ledger_entry\``);
    await queryRunner.query(`DROP INDEX \`IDX_3ab8dfb0d88ba60dc2ed37ad5d\` ON \`credit_ledger_entry\``);
    await queryRunner.query(`DROP INDEX \`IDX_03c26be66bff62a9616f49c3d0\` ON \`credit_ledger_entry\``);
    await queryRunner.query(`DROP INDEX \`IDX_9bc30bf3b50e6db7efbfc2efe1\` ON \`credit_ledger_entry\``);
    await queryRunner.query(`DROP TABLE \`credit_ledger_entry\``);
    await queryRunner.query(`DROP TABLE \`sla_month_snapshot_part\``);
    await queryRunner.query(`DROP INDEX \`IDX_a3ad05765f427dcbf418306d59\` ON \`sla_month_snapshot\``);
    await queryRunner.query(`DROP INDEX \`IDX_28a370756822e65362d194cc0e\` ON \`sla_month_snapshot\``);
    await queryRunner.query(`DROP TABLE \`sla_month_snapshot\``);
  }
}
