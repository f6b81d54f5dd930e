import { MigrationInterface, QueryRunner } from 'typeorm';

export class Payments1795582171467 implements MigrationInterface {
  name = 'Payments1795582171467';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`invoice_status_change\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`invoiceId\` int NOT NULL, \`organisationId\` int NOT NULL, \`fromStatus\` varchar(12) NULL, \`toStatus\` varchar(12) NOT NULL, \`reason\` varchar(1000) NOT NULL, \`changedBy\` varchar(200) NOT NULL, INDEX \`IDX_9ed40215e6d10a907dd34e0d37\` (\`invoiceId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`invoice_approval\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`invoiceId\` int NOT NULL, \`organisationId\` int NOT NULL, \`stage\` int NOT NULL, \`amount\` bigint NOT NULL, \`approvedBy\` varchar(200) NOT NULL, \`note\` varchar(1000) NULL, \`voidReason\` varchar(1000) NULL, INDEX \`IDX_3f6d5fa9a13c84b89c74b8314f\` (\`invoiceId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`billing_policy\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`secondApprovalAbove\` bigint NOT NULL, \`costCentre\` varchar(40) NULL, UNIQUE INDEX \`IDX_36b67307204b3c3d49a04cf35d\` (\`organisationId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(`ALTER TABLE \`invoice\` ADD \`approvedAmount\` bigint NULL`);
    await queryRunner.query(`ALTER TABLE \`invoice\` ADD \`approvedVat\` bigint NULL`);
    await queryRunner.query(`ALTER TABLE \`invoice\` ADD \`approvedAt\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`invoice\` ADD \`paidOn\` date NULL`);
    await queryRunner.query(`ALTER TABLE \`invoice\` ADD \`paidAmount\` bigint NULL`);
    await queryRunner.query(`ALTER TABLE \`invoice\` ADD \`paymentReference\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`invoice\` ADD \`heldFrom\` varchar(12) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`invoice_status_change\` ADD CONSTRAINT \`FK_443b36f18d5a4cbbecaa242509e\` FOREIGN KEY (\`invoiceId\`) REFERENCES \`invoice\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`invoice_approval\` ADD CONSTRAINT \`FK_da0ee6128e62a44424840f44991\` FOREIGN KEY (\`invoiceId\`) REFERENCES \`invoice\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`invoice_approval\` DROP FOREIGN KEY \`FK_da0ee6128e62a44424840f44991\``);
    await queryRunner.query(`ALTER TABLE \`invoice_status_change\` DROP FOREIGN KEY \`FK_443b36f18d5a4cbbecaa242509e\``);
    await queryRunner.query(`ALTER TABLE \`invoice\` DROP COLUMN \`heldFrom\``);
    await queryRunner.query(`ALTER TABLE \`invoice\` DROP COLUMN \`paymentReference\``);
    await queryRunner.query(`ALTER TABLE \`invoice\` DROP COLUMN \`paidAmount\``);
    await queryRunner.query(`ALTER TABLE \`invoice\` DROP COLUMN \`paidOn\``);
    await queryRunner.query(`ALTER TABLE \`invoice\` DROP COLUMN \`approvedAt\``);
    await queryRunner.query(`ALTER TABLE \`invoice\` DROP COLUMN \`approvedVat\``);
    await queryRunner.query(`ALTER TABLE \`invoice\` DROP COLUMN \`approvedAmount\``);
    await queryRunner.query(`DROP INDEX \`IDX_36b67307204b3c3d49a04cf35d\` ON \`billing_policy\``);
    await queryRunner.query(`DROP TABLE \`billing_policy\``);
    await queryRunner.query(`DROP INDEX \`IDX_3f6d5fa9a13c84b89c74b8314f\` ON \`invoice_approval\``);
    await queryRunner.query(`DROP TABLE \`invoice_approval\``);
    await queryRunner.query(`DROP INDEX \`IDX_9ed40215e6d10a907dd34e0d37\` ON \`invoice_status_change\``);
    await queryRunner.query(`DROP TABLE \`invoice_status_change\``);
  }
}
