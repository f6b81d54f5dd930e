import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1796208703570 implements MigrationInterface {
  name = 'Notifications1796208703570';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`webhook_subscription\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`url\` varchar(2000) NOT NULL, \`description\` varchar(200) NULL, \`kinds\` text NOT NULL, \`secretCiphertext\` varchar(300) NOT NULL, \`secretKeyId\` varchar(16) NOT NULL, \`signingKeyHint\` varchar(16) NOT NULL, \`rotatedAt\` datetime(3) NULL, \`enabled\` tinyint NOT NULL, \`disabledAt\` datetime(3) NULL, \`disabledReason\` varchar(500) NULL, \`consecutiveFailures\` int NOT NULL, \`createdBy\` varchar(200) NOT NULL, INDEX \`IDX_0c62e711543c4a46af2cba196e\` (\`organisationId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`webhook_delivery\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`subscriptionId\` int NOT NULL, \`organisationId\` int NOT NULL, \`kind\` varchar(40) NOT NULL, \`fingerprint\` varchar(64) NOT NULL, \`payload\` text NOT NULL, \`status\` varchar(10) NOT NULL, \`attemptCount\` int NOT NULL, \`roundAttempts\` int NOT NULL, \`nextAttemptAt\` datetime(3) NULL, \`lastAttemptAt\` datetime(3) NULL, \`lastStatusCode\` int NULL, \`lastError\` varchar(1000) NULL, \`deliveredAt\` datetime(3) NULL, INDEX \`IDX_94782787f6d98f21d3cf247962\` (\`status\`, \`nextAttemptAt\`), UNIQUE INDEX \`IDX_025849e44275df970cf0003630\` (\`subscriptionId\`, \`fingerprint\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`webhook_delivery_attempt\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`deliveryId\` int NOT NULL, \`organisationId\` int NOT NULL, \`attempt\` int NOT NULL, \`attemptedAt\` datetime(3) NOT NULL, \`succeeded\` tinyint NOT NULL, \`statusCode\` int NULL, \`error\` varchar(1000) NULL, \`durationMs\` int NOT NULL, UNIQUE INDEX \`IDX_f0f5df82b248326abab505527f\` (\`deliveryId\`, \`attempt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `ALTER TABLE \`webhook_subscription\` ADD CONSTRAINT \`FK_0c62e711543c4a46af2cba196e2\` FOREIGN KEY (\`organisationId\`) REFERENCES \`organisation\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`webhook_delivery\` ADD CONSTRAINT \`FK_af981295b68ba78ace2cb980613\` FOREIGN KEY (\`subscriptionId\`) REFERENCES \`webhook_subscription\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`webhook_delivery_attempt\` ADD CONSTRAINT \`FK_197dbebdde21c4669119d8c81bf\` FOREIGN KEY (\`deliveryId\`) REFERENCES \`webhook_delivery\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`webhook_delivery_attempt\` DROP FOREIGN KEY \`FK_197dbebdde21c4669119d8c81bf\``);
    await queryRunner.query(`ALTER TABLE \`webhook_delivery\` DROP FOREIGN KEY \`FK_af981295b68ba78ace2cb980613\``);
    await queryRunner.query(`ALTER TABLE \`webhook_subscription\` DROP FOREIGN KEY \`FK_0c62e711543c4a46af2cba196e2\``);
    await queryRunner.query(`DROP INDEX \`IDX_f0f5df82b248326abab505527f\` ON \`webhook_delivery_attempt\``);
    await queryRunner.query(`DROP TABLE \`webhook_delivery_attempt\``);
    await queryRunner.query(`DROP INDEX \`IDX_025849e44275df970cf0003630\` ON \`webhook_delivery\``);
    await queryRunner.query(`DROP INDEX \`IDX_94782787f6d98f21d3cf247962\` ON \`webhook_delivery\``);
    await queryRunner.query(`DROP TABLE \`webhook_delivery\``);
    await queryRunner.query(`DROP INDEX \`IDX_0c62e711543c4a46af2cba196e\` ON \`webhook_subscription\``);
    await queryRunner.query(`DROP TABLE \`webhook_subscription\``);
  }
}
