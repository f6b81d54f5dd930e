import { MigrationInterface, QueryRunner } from "typeorm";

export class Reconciliation1795580479633 implements MigrationInterface {
    name = 'Reconciliation1795580479633'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`invoice_reconciliation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`invoiceId\` int NOT NULL, \`organisationId\` int NOT NULL, \`reconciledAt\` datetime(3) NOT NULL, \`reconciledBy\` varchar(200) NOT NULL, \`invoicedTotal\` bigint NOT NULL, \`agreedAmount\` bigint NOT NULL, \`differenceTotal\` bigint NOT NULL, \`findingCount\` int NOT NULL, UNIQUE INDEX \`IDX_2ca07c2142e1ac64b3b3d0d1fb\` (\`invoiceId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`reconciliation_finding\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`reconciliationId\` int NOT NULL, \`invoiceId\` int NOT NULL, \`organisationId\` int NOT NULL, \`type\` varchar(30) NOT NULL, \`fingerprint\` varchar(200) NOT NULL, \`lineId\` int NULL, \`lineNumber\` int NULL, \`serviceId\` int NULL, \`serviceReference\` varchar(64) NULL, \`expectedAmount\` bigint NULL, \`invoicedAmount\` bigint NULL, \`difference\` bigint NOT NULL, \`explanation\` text NOT NULL, \`disputable\` tinyint NOT NULL, UNIQUE INDEX \`IDX_014358d8c6a567fd14358638a6\` (\`invoiceId\`, \`fingerprint\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`reconciliation_finding\` ADD CONSTRAINT \`FK_eacdb5d840f335b77a1dfe291f7\` FOREIGN KEY (\`reconciliationId\`) REFERENCES \`invoice_reconciliation\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`reconciliation_finding\` DROP FOREIGN KEY \`FK_eacdb5d840f335b77a1dfe291f7\``);
        await queryRunner.query(`DROP INDEX \`IDX_014358d8c6a567fd14358638a6\` ON \`reconciliation_finding\``);
        await queryRunner.query(`DROP TABLE \`reconciliation_finding\``);
        await queryRunner.query(`DROP INDEX \`IDX_2ca07c2142e1ac64b3b3d0d1fb\` ON \`invoice_reconciliation\``);
        await queryRunner.query(`DROP TABLE \`invoice_reconciliation\``);
    }

}
