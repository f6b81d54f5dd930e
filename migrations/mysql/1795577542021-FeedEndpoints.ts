import { MigrationInterface, QueryRunner } from "typeorm";

export class FeedEndpoints1795577542021 implements MigrationInterface {
    name = 'FeedEndpoints1795577542021'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`feed_endpoint\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`supplierId\` int NOT NULL, \`kind\` varchar(20) NOT NULL, \`format\` varchar(10) NOT NULL, \`url\` varchar(2000) NOT NULL, \`credentialEnv\` varchar(100) NULL, \`intervalMinutes\` int NOT NULL, \`enabled\` tinyint NOT NULL, \`lastPulledAt\` datetime(3) NULL, \`lastOutcome\` varchar(15) NULL, \`lastError\` varchar(1000) NULL, \`lastRunId\` int NULL, \`etag\` varchar(200) NULL, INDEX \`IDX_e2fd65939670bdf953cc6fe874\` (\`enabled\`, \`lastPulledAt\`), UNIQUE INDEX \`IDX_1a6f62d29d9996343d6edb3865\` (\`organisationId\`, \`supplierId\`, \`kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_1a6f62d29d9996343d6edb3865\` ON \`feed_endpoint\``);
        await queryRunner.query(`DROP INDEX \`IDX_e2fd65939670bdf953cc6fe874\` ON \`feed_endpoint\``);
        await queryRunner.query(`DROP TABLE \`feed_endpoint\``);
    }

}
