import { MigrationInterface, QueryRunner } from "typeorm";

export class FeedEndpoints1795577540224 implements MigrationInterface {
    name = 'FeedEndpoints1795577540224'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "feed_endpoint" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "kind" varchar(20) NOT NULL, "format" varchar(10) NOT NULL, "url" varchar(2000) NOT NULL, "credentialEnv" varchar(100), "intervalMinutes" integer NOT NULL, "enabled" boolean NOT NULL, "lastPulledAt" datetime(3), "lastOutcome" varchar(15), "lastError" varchar(1000), "lastRunId" integer, "etag" varchar(200))`);
        await queryRunner.query(`CREATE INDEX "IDX_e2fd65939670bdf953cc6fe874" ON "feed_endpoint" ("enabled", "lastPulledAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_1a6f62d29d9996343d6edb3865" ON "feed_endpoint" ("organisationId", "supplierId", "kind") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_1a6f62d29d9996343d6edb3865"`);
        await queryRunner.query(`DROP INDEX "IDX_e2fd65939670bdf953cc6fe874"`);
        await queryRunner.query(`DROP TABLE "feed_endpoint"`);
    }

}
