import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1796208687326 implements MigrationInterface {
  name = 'Notifications1796208687326';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_subscription" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "url" varchar(2000) NOT NULL, "description" varchar(200), "kinds" text NOT NULL, "secretCiphertext" varchar(300) NOT NULL, "secretKeyId" varchar(16) NOT NULL, "signingKeyHint" varchar(16) NOT NULL, "rotatedAt" datetime(3), "enabled" boolean NOT NULL, "disabledAt" datetime(3), "disabledReason" varchar(500), "consecutiveFailures" integer NOT NULL, "createdBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0c62e711543c4a46af2cba196e" ON "webhook_subscription" ("organisationId") `);
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "subscriptionId" integer NOT NULL, "organisationId" integer NOT NULL, "kind" varchar(40) NOT NULL, "fingerprint" varchar(64) NOT NULL, "payload" text NOT NULL, "status" varchar(10) NOT NULL, "attemptCount" integer NOT NULL, "roundAttempts" integer NOT NULL, "nextAttemptAt" datetime(3), "lastAttemptAt" datetime(3), "lastStatusCode" integer, "lastError" varchar(1000), "deliveredAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_94782787f6d98f21d3cf247962" ON "webhook_delivery" ("status", "nextAttemptAt") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_025849e44275df970cf0003630" ON "webhook_delivery" ("subscriptionId", "fingerprint") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery_attempt" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "deliveryId" integer NOT NULL, "organisationId" integer NOT NULL, "attempt" integer NOT NULL, "attemptedAt" datetime(3) NOT NULL, "succeeded" boolean NOT NULL, "statusCode" integer, "error" varchar(1000), "durationMs" integer NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_f0f5df82b248326abab505527f" ON "webhook_delivery_attempt" ("deliveryId", "attempt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_0c62e711543c4a46af2cba196e"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_webhook_subscription" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "url" varchar(2000) NOT NULL, "description" varchar(200), "kinds" text NOT NULL, "secretCiphertext" varchar(300) NOT NULL, "secretKeyId" varchar(16) NOT NULL, "signingKeyHint" varchar(16) NOT NULL, "rotatedAt" datetime(3), "enabled" boolean NOT NULL, "disabledAt" datetime(3), "disabledReason" varchar(500), "consecutiveFailures" integer NOT NULL, "createdBy" varchar(200) NOT NULL, CONSTRAINT "FK_0c62e711543c4a46af2cba196e2" FOREIGN KEY ("organisationId") REFERENCES "organisation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_webhook_subscription"("id", "createdAt", "updatedAt", "organisationId", "url", "description", "kinds", "secretCiphertext", "secretKeyId", "signingKeyHint", "rotatedAt", "enabled", "disabledAt", "disabledReason", "consecutiveFailures", "createdBy") SELECT "id", "createdAt", "updatedAt", "organisationId", "url", "description", "kinds", "secretCiphertext", "secretKeyId", "signingKeyHint", "rotatedAt", "enabled", "disabledAt", "disabledReason", "consecutiveFailures", "createdBy" FROM "webhook_subscription"`,
    );
    await queryRunner.query(`DROP TABLE "webhook_subscription"`);
    await queryRunner.query(`ALTER TABLE "temporary_webhook_subscription" RENAME TO "webhook_subscription"`);
    await queryRunner.query(`CREATE INDEX "IDX_0c62e711543c4a46af2cba196e" ON "webhook_subscription" ("organisationId") `);
    await queryRunner.query(`DROP INDEX "IDX_94782787f6d98f21d3cf247962"`);
    await queryRunner.query(`DROP INDEX "IDX_025849e44275df970cf0003630"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_webhook_delivery" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "subscriptionId" integer NOT NULL, "organisationId" integer NOT NULL, "kind" varchar(40) NOT NULL, "fingerprint" varchar(64) NOT NULL, "payload" text NOT NULL, "status" varchar(10) NOT NULL, "attemptCount" integer NOT NULL, "roundAttempts" integer NOT NULL, "nextAttemptAt" datetime(3), "lastAttemptAt" datetime(3), "lastStatusCode" integer, "lastError" varchar(1000), "deliveredAt" datetime(3), CONSTRAINT "FK_af981295b68ba78ace2cb980613" FOREIGN KEY ("subscriptionId") REFERENCES "webhook_subscription" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_webhook_delivery"("id", "createdAt", "updatedAt", "subscriptionId", "organisationId", "kind", "fingerprint", "payload", "status", "attemptCount", "roundAttempts", "nextAttemptAt", "lastAttemptAt", "lastStatusCode", "lastError", "deliveredAt") SELECT "id", "createdAt", "updatedAt", "subscriptionId", "organisationId", "kind", "fingerprint", "payload", "status", "attemptCount", "roundAttempts", "nextAttemptAt", "lastAttemptAt", "lastStatusCode", "lastError", "deliveredAt" FROM "webhook_delivery"`,
    );
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`ALTER TABLE "temporary_webhook_delivery" RENAME TO "webhook_delivery"`);
    await queryRunner.query(`CREATE INDEX "IDX_94782787f6d98f21d3cf247962" ON "webhook_delivery" ("status", "nextAttemptAt") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_025849e44275df970cf0003630" ON "webhook_delivery" ("subscriptionId", "fingerprint") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_f0f5df82b248326abab505527f"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_webhook_delivery_attempt" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "deliveryId" integer NOT NULL, "organisationId" integer NOT NULL, "attempt" integer NOT NULL, "attemptedAt" datetime(3) NOT NULL, "succeeded" boolean NOT NULL, "statusCode" integer, "error" varchar(1000), "durationMs" integer NOT NULL, CONSTRAINT "FK_197dbebdde21c4669119d8c81bf" FOREIGN KEY ("deliveryId") REFERENCES "webhook_delivery" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_webhook_delivery_attempt"("id", "createdAt", "updatedAt", "deliveryId", "organisationId", "attempt", "attemptedAt", "succeeded", "statusCode", "error", "durationMs") SELECT "id", "createdAt", "updatedAt", "deliveryId", "organisationId", "attempt", "attemptedAt", "succeeded", "statusCode", "error", "durationMs" FROM "webhook_delivery_attempt"`,
    );
    await queryRunner.query(`DROP TABLE "webhook_delivery_attempt"`);
    await queryRunner.query(`ALTER TABLE "temporary_webhook_delivery_attempt" RENAME TO "webhook_delivery_attempt"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_f0f5df82b248326abab505527f" ON "webhook_delivery_attempt" ("deliveryId", "attempt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_f0f5df82b248326abab505527f"`);
    await queryRunner.query(`ALTER TABLE "webhook_delivery_attempt" RENAME TO "temporary_webhook_delivery_attempt"`);
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery_attempt" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "deliveryId" integer NOT NULL, "organisationId" integer NOT NULL, "attempt" integer NOT NULL, "attemptedAt" datetime(3) NOT NULL, "succeeded" boolean NOT NULL, "statusCode" integer, "error" varchar(1000), "durationMs" integer NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "webhook_delivery_attempt"("id", "createdAt", "updatedAt", "deliveryId", "organisationId", "attempt", "attemptedAt", "succeeded", "statusCode", "error", "durationMs") SELECT "id", "createdAt", "updatedAt", "deliveryId", "organisationId", "attempt", "attemptedAt", "succeeded", "statusCode", "error", "durationMs" FROM "temporary_webhook_delivery_attempt"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_webhook_delivery_attempt"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_f0f5df82b248326abab505527f" ON "webhook_delivery_attempt" ("deliveryId", "attempt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_025849e44275df970cf0003630"`);
    await queryRunner.query(`DROP INDEX "IDX_94782787f6d98f21d3cf247962"`);
    await queryRunner.query(`ALTER TABLE "webhook_delivery" RENAME TO "temporary_webhook_delivery"`);
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "subscriptionId" integer NOT NULL, "organisationId" integer NOT NULL, "kind" varchar(40) NOT NULL, "fingerprint" varchar(64) NOT NULL, "payload" text NOT NULL, "status" varchar(10) NOT NULL, "attemptCount" integer NOT NULL, "roundAttempts" integer NOT NULL, "nextAttemptAt" datetime(3), "lastAttemptAt" datetime(3), "lastStatusCode" integer, "lastError" varchar(1000), "deliveredAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "webhook_delivery"("id", "createdAt", "updatedAt", "subscriptionId", "organisationId", "kind", "fingerprint", "payload", "status", "attemptCount", "roundAttempts", "nextAttemptAt", "lastAttemptAt", "lastStatusCode", "lastError", "deliveredAt") SELECT "id", "createdAt", "updatedAt", "subscriptionId", "organisationId", "kind", "fingerprint", "payload", "status", "attemptCount", "roundAttempts", "nextAttemptAt", "lastAttemptAt", "lastStatusCode", "lastError", "deliveredAt" FROM "temporary_webhook_delivery"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_webhook_delivery"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_025849e44275df970cf0003630" ON "webhook_delivery" ("subscriptionId", "fingerprint") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_94782787f6d98f21d3cf247962" ON "webhook_delivery" ("status", "nextAttemptAt") `);
    await queryRunner.query(`DROP INDEX "IDX_0c62e711543c4a46af2cba196e"`);
    await queryRunner.query(`ALTER TABLE "webhook_subscription" RENAME TO "temporary_webhook_subscription"`);
    await queryRunner.query(
      `CREATE TABLE "webhook_subscription" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "url" varchar(2000) NOT NULL, "description" varchar(200), "kinds" text NOT NULL, "secretCiphertext" varchar(300) NOT NULL, "secretKeyId" varchar(16) NOT NULL, "signingKeyHint" varchar(16) NOT NULL, "rotatedAt" datetime(3), "enabled" boolean NOT NULL, "disabledAt" datetime(3), "disabledReason" varchar(500), "consecutiveFailures" integer NOT NULL, "createdBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "webhook_subscription"("id", "createdAt", "updatedAt", "organisationId", "url", "description", "kinds", "secretCiphertext", "secretKeyId", "signingKeyHint", "rotatedAt", "enabled", "disabledAt", "disabledReason", "consecutiveFailures", "createdBy") SELECT "id", "createdAt", "updatedAt", "organisationId", "url", "description", "kinds", "secretCiphertext", "secretKeyId", "signingKeyHint", "rotatedAt", "enabled", "disabledAt", "disabledReason", "consecutiveFailures", "createdBy" FROM "temporary_webhook_subscription"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_webhook_subscription"`);
    await queryRunner.query(`CREATE INDEX "IDX_0c62e711543c4a46af2cba196e" ON "webhook_subscription" ("organisationId") `);
    await queryRunner.query(`DROP INDEX "IDX_f0f5df82b248326abab505527f"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery_attempt"`);
    await queryRunner.query(`DROP INDEX "IDX_025849e44275df970cf0003630"`);
    await queryRunner.query(`DROP INDEX "IDX_94782787f6d98f21d3cf247962"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "IDX_0c62e711543c4a46af2cba196e"`);
    await queryRunner.query(`DROP TABLE "webhook_subscription"`);
  }
}
