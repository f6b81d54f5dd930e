import { MigrationInterface, QueryRunner } from 'typeorm';

export class Billing1795580793530 implements MigrationInterface {
  name = 'Billing1795580793530';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`invoice_reconciliation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`invoiceId\` int NOT NULL, \`organisationId\` int NOT NULL, \`reconciledAt\` datetime(3) NOT NULL, \`reconciledBy\` varchar(200) NOT NULL, \`invoicedTotal\` bigint NOT NULL, \`agreedAmount\` bigint NOT NULL, \`differenceTotal\` bigint NOT NULL, \`findingCount\` int NOT NULL, UNIQUE INDEX \`IDX_2ca07c2142e1ac64b3b3d0d1fb\` (\`invoiceId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`reconciliation_finding\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`reconciliationId\` int NOT NULL, \`invoiceId\` int NOT NULL, \`organisationId\` int NOT NULL, \`type\` varchar(30) NOT NULL, \`fingerprint\` varchar(200) NOT NULL, \`lineId\` int NULL, \`lineNumber\` int NULL, \`serviceId\` int NULL, \`serviceReference\` varchar(64) NULL, \`expectedAmount\` bigint NULL, \`invoicedAmount\` bigint NULL, \`difference\` bigint NOT NULL, \`explanation\` text NOT NULL, \`disputable\` tinyint NOT NULL, UNIQUE INDEX \`IDX_014358d8c6a567fd14358638a6\` (\`invoiceId\`, \`fingerprint\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`dispute\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`supplierId\` int NOT NULL, \`invoiceId\` int NOT NULL, \`state\` varchar(12) NOT NULL, \`disputedAmount\` bigint NOT NULL, \`creditedAmount\` bigint NOT NULL, \`evidence\` text NOT NULL, \`deadline\` date NOT NULL, INDEX \`IDX_2182200a96e6b0382116b22697\` (\`supplierId\`, \`state\`), INDEX \`IDX_d1d0c74163e4bca9a01db985a7\` (\`organisationId\`, \`state\`, \`deadline\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`dispute_finding\` (\`disputeId\` int NOT NULL, \`findingId\` int NOT NULL, UNIQUE INDEX \`IDX_ded157fe2ed68d553def21086f\` (\`findingId\`), PRIMARY KEY (\`disputeId\`, \`findingId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`dispute_transition\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`disputeId\` int NOT NULL, \`organisationId\` int NOT NULL, \`fromState\` varchar(12) NULL, \`toState\` varchar(12) NOT NULL, \`reason\` varchar(1000) NOT NULL, \`changedBy\` varchar(200) NOT NULL, INDEX \`IDX_d207b3eb2c64210e5d6adba5cd\` (\`disputeId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`dispute_credit\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`disputeId\` int NOT NULL, \`organisationId\` int NOT NULL, \`invoiceLineId\` int NOT NULL, \`amount\` bigint NOT NULL, INDEX \`IDX_a6a60cff3e0f7420a74baf7dca\` (\`disputeId\`), UNIQUE INDEX \`IDX_bf74842c05fabe52cb3fbd9b8d\` (\`invoiceLineId\`, \`disputeId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(`ALTER TABLE \`contract\` ADD \`disputeWindowDays\` int NOT NULL DEFAULT '90'`);
    await queryRunner.query(
      `ALTER TABLE \`reconciliation_finding\` ADD CONSTRAINT \`FK_eacdb5d840f335b77a1dfe291f7\` FOREIGN KEY (\`reconciliationId\`) REFERENCES \`invoice_reconciliation\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`dispute_finding\` ADD CONSTRAINT \`FK_6dbe300bfd5ee79b3f88e4e914e\` FOREIGN KEY (\`disputeId\`) REFERENCES \`dispute\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`dispute_transition\` ADD CONSTRAINT \`FK_d207b3eb2c64210e5d6adba5cd1\` FOREIGN KEY (\`disputeId\`) REFERENCES \`dispute\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`dispute_credit\` ADD CONSTRAINT \`FK_a6a60cff3e0f7420a74baf7dca9\` FOREIGN KEY (\`disputeId\`) REFERENCES \`dispute\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`dispute_credit\` DROP FOREIGN KEY \`FK_a6a60cff3e0f7420a74baf7dca9\``);
    await queryRunner.query(`ALTER TABLE \`dispute_transition\` DROP FOREIGN KEY \`FK_d207b3eb2c64210e5d6adba5cd1\``);
    await queryRunner.query(`ALTER TABLE \`dispute_finding\` DROP FOREIGN KEY \`FK_6dbe300bfd5ee79b3f88e4e914e\``);
    await queryRunner.query(`ALTER TABLE \`reconciliation_finding\` DROP FOREIGN KEY \`FK_eacdb5d840f335b77a1dfe291f7\``);
    await queryRunner.query(`ALTER TABLE \`contract\` DROP COLUMN \`disputeWindowDays\``);
    await queryRunner.query(`DROP INDEX \`IDX_bf74842c05fabe52cb3fbd9b8d\` ON \`dispute_credit\``);
    await queryRunner.query(`DROP INDEX \`IDX_a6a60cff3e0f7420a74baf7dca\` ON \`dispute_credit\``);
    await queryRunner.query(`DROP TABLE \`dispute_credit\``);
    await queryRunner.query(`DROP INDEX \`IDX_d207b3eb2c64210e5d6adba5cd\` ON \`dispute_transition\``);
    await queryRunner.query(`DROP TABLE \`dispute_transition\``);
    await queryRunner.query(`DROP INDEX \`IDX_ded157fe2ed68d553def21086f\` ON \`dispute_finding\``);
    await queryRunner.query(`DROP TABLE \`dispute_finding\``);
    await queryRunner.query(`DROP INDEX \`IDX_d1d0c74163e4bca9a01db985a7\` ON \`dispute\``);
    await queryRunner.query(`DROP INDEX \`IDX_2182200a96e6b0382116b22697\` ON \`dispute\``);
    await queryRunner.query(`DROP TABLE \`dispute\``);
    await queryRunner.query(`DROP INDEX \`IDX_014358d8c6a567fd14358638a6\` ON \`reconciliation_finding\``);
    await queryRunner.query(`DROP TABLE \`reconciliation_finding\``);
    await queryRunner.query(`DROP INDEX \`IDX_2ca07c2142e1ac64b3b3d0d1fb\` ON \`invoice_reconciliation\``);
    await queryRunner.query(`DROP TABLE \`invoice_reconciliation\``);
  }
}
