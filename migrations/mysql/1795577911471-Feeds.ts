import { MigrationInterface, QueryRunner } from 'typeorm';

export class Feeds1795577911471 implements MigrationInterface {
  name = 'Feeds1795577911471';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`invoice\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`supplierId\` int NOT NULL, \`invoiceNumber\` varchar(64) NOT NULL, \`invoiceDate\` date NOT NULL, \`periodStart\` date NOT NULL, \`periodEnd\` date NOT NULL, \`dueDate\` date NULL, \`currency\` varchar(3) NOT NULL, \`netTotal\` bigint NOT NULL, \`vatTotal\` bigint NOT NULL, \`grossTotal\` bigint NOT NULL, \`status\` varchar(12) NOT NULL, \`contentHash\` varchar(64) NOT NULL, \`feedRunId\` int NOT NULL, INDEX \`IDX_9860db534411107e7745c5e16e\` (\`organisationId\`, \`status\`, \`invoiceDate\`), UNIQUE INDEX \`IDX_db582589dfb459ec9609734248\` (\`organisationId\`, \`supplierId\`, \`invoiceNumber\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`invoice_line\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`invoiceId\` int NOT NULL, \`organisationId\` int NOT NULL, \`lineNumber\` int NOT NULL, \`serviceReference\` varchar(64) NULL, \`serviceId\` int NULL, \`chargeType\` varchar(12) NOT NULL, \`description\` varchar(500) NULL, \`periodStart\` date NULL, \`periodEnd\` date NULL, \`quantity\` varchar(30) NOT NULL, \`unitPrice\` varchar(30) NOT NULL, \`netAmount\` bigint NOT NULL, \`vatRate\` varchar(12) NOT NULL, \`vatAmount\` bigint NOT NULL, INDEX \`IDX_21384126bbe14592f12a6cc0aa\` (\`serviceId\`, \`periodStart\`), UNIQUE INDEX \`IDX_b574958cf06dab76e3a7bd75da\` (\`invoiceId\`, \`lineNumber\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`feed_endpoint\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`supplierId\` int NOT NULL, \`kind\` varchar(20) NOT NULL, \`format\` varchar(10) NOT NULL, \`url\` varchar(2000) NOT NULL, \`credentialEnv\` varchar(100) NULL, \`intervalMinutes\` int NOT NULL, \`enabled\` tinyint NOT NULL, \`lastPulledAt\` datetime(3) NULL, \`lastOutcome\` varchar(15) NULL, \`lastError\` varchar(1000) NULL, \`lastRunId\` int NULL, \`etag\` varchar(200) NULL, INDEX \`IDX_e2fd65939670bdf953cc6fe874\` (\`enabled\`, \`lastPulledAt\`), UNIQUE INDEX \`IDX_1a6f62d29d9996343d6edb3865\` (\`organisationId\`, \`supplierId\`, \`kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`feed_run\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`supplierId\` int NOT NULL, \`kind\` varchar(20) NOT NULL, \`format\` varchar(10) NOT NULL, \`source\` varchar(10) NOT NULL, \`sourceName\` varchar(500) NULL, \`checksum\` varchar(64) NOT NULL, \`status\` varchar(10) NOT NULL, \`startedAt\` datetime(3) NOT NULL, \`finishedAt\` datetime(3) NULL, \`rowsRead\` int NOT NULL DEFAULT '0', \`rowsAccepted\` int NOT NULL DEFAULT '0', \`rowsRejected\` int NOT NULL DEFAULT '0', \`rowsUnchanged\` int NOT NULL DEFAULT '0', \`failureReason\` text NULL, \`triggeredBy\` varchar(200) NOT NULL, \`duplicateOfRunId\` int NULL, INDEX \`IDX_7f2249ddd6116ab66dd72db0b4\` (\`supplierId\`, \`kind\`, \`checksum\`), INDEX \`IDX_a906851d515b94de7ef5f0a3b4\` (\`organisationId\`, \`supplierId\`, \`kind\`, \`status\`, \`finishedAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`feed_rejection\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`feedRunId\` int NOT NULL, \`organisationId\` int NOT NULL, \`location\` varchar(100) NOT NULL, \`field\` varchar(100) NULL, \`reason\` varchar(1000) NOT NULL, \`raw\` text NOT NULL, INDEX \`IDX_64a3fc474623979713157f790a\` (\`feedRunId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`incident\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`supplierId\` int NOT NULL, \`serviceId\` int NOT NULL, \`supplierRef\` varchar(64) NULL, \`externalId\` varchar(64) NULL, \`origin\` varchar(20) NOT NULL, \`severity\` int NOT NULL, \`priority\` varchar(40) NULL, \`status\` varchar(20) NOT NULL, \`summary\` varchar(2000) NULL, \`openedAt\` datetime(3) NOT NULL, \`acknowledgedAt\` datetime(3) NULL, \`resolvedAt\` datetime(3) NULL, \`closedAt\` datetime(3) NULL, \`serviceCoordinatorNotified\` tinyint NULL, \`serviceCoordinatorNotifiedAt\` datetime(3) NULL, \`lastFeedRunId\` int NULL, INDEX \`IDX_4665b543e3be5764b1898ee154\` (\`serviceId\`, \`openedAt\`), INDEX \`IDX_419ccfd38b9801063a16b53829\` (\`organisationId\`, \`status\`, \`severity\`), UNIQUE INDEX \`IDX_6213abc00da718212b62c974ab\` (\`supplierId\`, \`organisationId\`, \`supplierRef\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`incident_status_change\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`incidentId\` int NOT NULL, \`organisationId\` int NOT NULL, \`status\` varchar(20) NOT NULL, \`changedAt\` datetime(3) NOT NULL, \`reason\` varchar(1000) NULL, UNIQUE INDEX \`IDX_68f6e547fe54ae6b34fdc9e408\` (\`incidentId\`, \`changedAt\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`performance_hourly\` (\`organisationId\` int NOT NULL, \`sampleCount\` int NOT NULL, \`coveredSeconds\` int NOT NULL, \`upSeconds\` int NOT NULL, \`latencyCount\` int NOT NULL, \`latencySumUs\` bigint NOT NULL, \`latencyMaxUs\` int NULL, \`jitterCount\` int NOT NULL, \`jitterSumUs\` bigint NOT NULL, \`jitterMaxUs\` int NULL, \`packetLossCount\` int NOT NULL, \`packetLossSumPpm\` bigint NOT NULL, \`packetLossMaxPpm\` int NULL, \`utilisationInCount\` int NOT NULL, \`utilisationInSumBp\` bigint NOT NULL, \`utilisationInMaxBp\` int NULL, \`utilisationOutCount\` int NOT NULL, \`utilisationOutSumBp\` bigint NOT NULL, \`utilisationOutMaxBp\` int NULL, \`serviceId\` int NOT NULL, \`hourStart\` datetime NOT NULL, \`qosClass\` varchar(10) NOT NULL, INDEX \`IDX_59fc304dfec0de81e316823d00\` (\`organisationId\`, \`hourStart\`), PRIMARY KEY (\`serviceId\`, \`hourStart\`, \`qosClass\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`performance_daily\` (\`organisationId\` int NOT NULL, \`sampleCount\` int NOT NULL, \`coveredSeconds\` int NOT NULL, \`upSeconds\` int NOT NULL, \`latencyCount\` int NOT NULL, \`latencySumUs\` bigint NOT NULL, \`latencyMaxUs\` int NULL, \`jitterCount\` int NOT NULL, \`jitterSumUs\` bigint NOT NULL, \`jitterMaxUs\` int NULL, \`packetLossCount\` int NOT NULL, \`packetLossSumPpm\` bigint NOT NULL, \`packetLossMaxPpm\` int NULL, \`utilisationInCount\` int NOT NULL, \`utilisationInSumBp\` bigint NOT NULL, \`utilisationInMaxBp\` int NULL, \`utilisationOutCount\` int NOT NULL, \`utilisationOutSumBp\` bigint NOT NULL, \`utilisationOutMaxBp\` int NULL, \`serviceId\` int NOT NULL, \`day\` date NOT NULL, \`qosClass\` varchar(10) NOT NULL, \`utilisationInP95Bp\` int NULL, \`utilisationOutP95Bp\` int NULL, INDEX \`IDX_0f7015879f18d6d1854b8b3e4b\` (\`organisationId\`, \`day\`), PRIMARY KEY (\`serviceId\`, \`day\`, \`qosClass\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`performance_sample\` (\`serviceId\` int NOT NULL, \`intervalStart\` datetime NOT NULL, \`intervalSeconds\` int NOT NULL, \`qosClass\` varchar(10) NOT NULL, \`organisationId\` int NOT NULL, \`hourStart\` datetime NOT NULL, \`day\` date NOT NULL, \`upSeconds\` int NULL, \`latencyUs\` int NULL, \`jitterUs\` int NULL, \`packetLossPpm\` int NULL, \`utilisationInBp\` int NULL, \`utilisationOutBp\` int NULL, \`bpsIn\` bigint NULL, \`bpsOut\` bigint NULL, \`feedRunId\` int NOT NULL, INDEX \`IDX_7f706c0f7b7624fb30adadcfee\` (\`serviceId\`, \`day\`), PRIMARY KEY (\`serviceId\`, \`intervalStart\`, \`intervalSeconds\`, \`qosClass\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`inventory_comparison\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`supplierId\` int NOT NULL, \`feedRunId\` int NOT NULL, \`supplierServices\` int NOT NULL, \`ourServices\` int NOT NULL, \`matching\` int NOT NULL, INDEX \`IDX_869f6df5409a22aa06395b5504\` (\`organisationId\`, \`supplierId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`inventory_difference\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`comparisonId\` int NOT NULL, \`organisationId\` int NOT NULL, \`kind\` varchar(15) NOT NULL, \`serviceReference\` varchar(64) NOT NULL, \`serviceId\` int NULL, \`field\` varchar(30) NULL, \`supplierValue\` varchar(200) NULL, \`ourValue\` varchar(200) NULL, INDEX \`IDX_1279901f1126605e047ff8419a\` (\`comparisonId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `ALTER TABLE \`invoice_line\` ADD CONSTRAINT \`FK_d1abbe501a231d860de4e4eb597\` FOREIGN KEY (\`invoiceId\`) REFERENCES \`invoice\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`feed_rejection\` ADD CONSTRAINT \`FK_64a3fc474623979713157f790af\` FOREIGN KEY (\`feedRunId\`) REFERENCES \`feed_run\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`incident_status_change\` ADD CONSTRAINT \`FK_dba8e1507b9836219cca616e55a\` FOREIGN KEY (\`incidentId\`) REFERENCES \`incident\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`inventory_difference\` ADD CONSTRAINT \`FK_1279901f1126605e047ff8419ae\` FOREIGN KEY (\`comparisonId\`) REFERENCES \`inventory_comparison\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`inventory_difference\` DROP FOREIGN KEY \`FK_1279901f1126605e047ff8419ae\``);
    await queryRunner.query(`ALTER TABLE \`incident_status_change\` DROP FOREIGN KEY \`FK_dba8e1507b9836219cca616e55a\``);
    await queryRunner.query(`ALTER TABLE \`feed_rejection\` DROP FOREIGN KEY \`FK_64a3fc474623979713157f790af\``);
    await queryRunner.query(`ALTER TABLE \`invoice_line\` DROP FOREIGN KEY \`FK_d1abbe501a231d860de4e4eb597\``);
    await queryRunner.query(`DROP INDEX \`IDX_1279901f1126605e047ff8419a\` ON \`inventory_difference\``);
    await queryRunner.query(`DROP TABLE \`inventory_difference\``);
    await queryRunner.query(`DROP INDEX \`IDX_869f6df5409a22aa06395b5504\` ON \`inventory_comparison\``);
    await queryRunner.query(`DROP TABLE \`inventory_comparison\``);
    await queryRunner.query(`DROP INDEX \`IDX_7f706c0f7b7624fb30adadcfee\` ON \`performance_sample\``);
    await queryRunner.query(`DROP TABLE \`performance_sample\``);
    await queryRunner.query(`DROP INDEX \`IDX_0f7015879f18d6d1854b8b3e4b\` ON \`performance_daily\``);
    await queryRunner.query(`DROP TABLE \`performance_daily\``);
    await queryRunner.query(`DROP INDEX \`IDX_59fc304dfec0de81e316823d00\` ON \`performance_hourly\``);
    await queryRunner.query(`DROP TABLE \`performance_hourly\``);
    await queryRunner.query(`DROP INDEX \`IDX_68f6e547fe54ae6b34fdc9e408\` ON \`incident_status_change\``);
    await queryRunner.query(`DROP TABLE \`incident_status_change\``);
    await queryRunner.query(`DROP INDEX \`IDX_6213abc00da718212b62c974ab\` ON \`incident\``);
    await queryRunner.query(`DROP INDEX \`IDX_419ccfd38b9801063a16b53829\` ON \`incident\``);
    await queryRunner.query(`DROP INDEX \`IDX_4665b543e3be5764b1898ee154\` ON \`incident\``);
    await queryRunner.query(`DROP TABLE \`incident\``);
    await queryRunner.query(`DROP INDEX \`IDX_64a3fc474623979713157f790a\` ON \`feed_rejection\``);
    await queryRunner.query(`DROP TABLE \`feed_rejection\``);
    await queryRunner.query(`DROP INDEX \`IDX_a906851d515b94de7ef5f0a3b4\` ON \`feed_run\``);
    await queryRunner.query(`DROP INDEX \`IDX_7f2249ddd6116ab66dd72db0b4\` ON \`feed_run\``);
    await queryRunner.query(`DROP TABLE \`feed_run\``);
    await queryRunner.query(`DROP INDEX \`IDX_1a6f62d29d9996343d6edb3865\` ON \`feed_endpoint\``);
    await queryRunner.query(`DROP INDEX \`IDX_e2fd65939670bdf953cc6fe874\` ON \`feed_endpoint\``);
    await queryRunner.query(`DROP TABLE \`feed_endpoint\``);
    await queryRunner.query(`DROP INDEX \`IDX_b574958cf06dab76e3a7bd75da\` ON \`invoice_line\``);
    await queryRunner.query(`DROP INDEX \`IDX_21384126bbe14592f12a6cc0aa\` ON \`invoice_line\``);
    await queryRunner.query(`DROP TABLE \`invoice_line\``);
    await queryRunner.query(`DROP INDEX \`IDX_db582589dfb459ec9609734248\` ON \`invoice\``);
    await queryRunner.query(`DROP INDEX \`IDX_9860db534411107e7745c5e16e\` ON \`invoice\``);
    await queryRunner.query(`DROP TABLE \`invoice\``);
  }
}
