import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pull credentials move from the server's environment (credentialEnv named a variable, any
 * variable) to the endpoint itself, sealed. The environment is not read here: an endpoint
 * that named a variable is disabled, and says what its ADMIN must do.
 */
const CREDENTIAL_NEEDED =
  "Pulls no longer read a credential from the server's environment: give this endpoint's Authorization header value as input.credential with configureFeedEndpoint, and enable it again.";

export class FeedEndpointCredentials1796900000000 implements MigrationInterface {
  name = 'FeedEndpointCredentials1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "feed_endpoint" SET "enabled" = 0, "lastOutcome" = 'ERROR', "lastError" = ? WHERE "credentialEnv" IS NOT NULL`,
      [CREDENTIAL_NEEDED],
    );
    await queryRunner.query(`DROP INDEX "IDX_1a6f62d29d9996343d6edb3865"`);
    await queryRunner.query(`DROP INDEX "IDX_e2fd65939670bdf953cc6fe874"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_feed_endpoint" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "kind" varchar(20) NOT NULL, "format" varchar(10) NOT NULL, "url" varchar(2000) NOT NULL, "intervalMinutes" integer NOT NULL, "enabled" boolean NOT NULL, "lastPulledAt" datetime(3), "lastOutcome" varchar(15), "lastError" varchar(1000), "lastRunId" integer, "etag" varchar(200), "credentialCiphertext" text, "credentialKeyId" varchar(16), "credentialSetAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_feed_endpoint"("id", "createdAt", "updatedAt", "organisationId", "supplierId", "kind", "format", "url", "intervalMinutes", "enabled", "lastPulledAt", "lastOutcome", "lastError", "lastRunId", "etag") SELECT "id", "createdAt", "updatedAt", "organisationId", "supplierId", "kind", "format", "url", "intervalMinutes", "enabled", "lastPulledAt", "lastOutcome", "lastError", "lastRunId", "etag" FROM "feed_endpoint"`,
    );
    await queryRunner.query(`DROP TABLE "feed_endpoint"`);
    await queryRunner.query(`ALTER TABLE "temporary_feed_endpoint" RENAME TO "feed_endpoint"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_1a6f62d29d9996343d6edb3865" ON "feed_endpoint" ("organisationId", "supplierId", "kind") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_e2fd65939670bdf953cc6fe874" ON "feed_endpoint" ("enabled", "lastPulledAt") `);
  }

  /** The column comes back empty: the credentials given since are dropped, not written to the environment. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_1a6f62d29d9996343d6edb3865"`);
    await queryRunner.query(`DROP INDEX "IDX_e2fd65939670bdf953cc6fe874"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_feed_endpoint" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "kind" varchar(20) NOT NULL, "format" varchar(10) NOT NULL, "url" varchar(2000) NOT NULL, "credentialEnv" varchar(100), "intervalMinutes" integer NOT NULL, "enabled" boolean NOT NULL, "lastPulledAt" datetime(3), "lastOutcome" varchar(15), "lastError" varchar(1000), "lastRunId" integer, "etag" varchar(200))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_feed_endpoint"("id", "createdAt", "updatedAt", "organisationId", "supplierId", "kind", "format", "url", "intervalMinutes", "enabled", "lastPulledAt", "lastOutcome", "lastError", "lastRunId", "etag") SELECT "id", "createdAt", "updatedAt", "organisationId", "supplierId", "kind", "format", "url", "intervalMinutes", "enabled", "lastPulledAt", "lastOutcome", "lastError", "lastRunId", "etag" FROM "feed_endpoint"`,
    );
    await queryRunner.query(`DROP TABLE "feed_endpoint"`);
    await queryRunner.query(`ALTER TABLE "temporary_feed_endpoint" RENAME TO "feed_endpoint"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_1a6f62d29d9996343d6edb3865" ON "feed_endpoint" ("organisationId", "supplierId", "kind") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_e2fd65939670bdf953cc6fe874" ON "feed_endpoint" ("enabled", "lastPulledAt") `);
  }
}
