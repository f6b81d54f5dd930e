import { MigrationInterface, QueryRunner } from 'typeorm';

export class Sla1795579408622 implements MigrationInterface {
  name = 'Sla1795579408622';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`sla_term\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`contractId\` int NOT NULL, \`kind\` varchar(20) NOT NULL, \`severity\` int NULL, \`resilience\` varchar(20) NULL, \`targetPercent\` varchar(12) NULL, \`targetMinutes\` int NULL, \`threshold\` varchar(12) NULL, \`statistic\` varchar(6) NULL, UNIQUE INDEX \`IDX_a1f10b2febc467fb97f9e7b817\` (\`contractId\`, \`kind\`, \`severity\`, \`resilience\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`credit_policy\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`contractId\` int NOT NULL, \`availabilityBands\` text NOT NULL, \`resolutionBreachPercent\` varchar(12) NULL, \`capPercent\` varchar(12) NULL, \`capAmount\` bigint NULL, UNIQUE INDEX \`IDX_f01c585ece9ae71146b36fe006\` (\`contractId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`exclusion_window\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`serviceId\` int NOT NULL, \`kind\` varchar(20) NOT NULL, \`startsAt\` datetime(3) NOT NULL, \`endsAt\` datetime(3) NOT NULL, \`reason\` varchar(1000) NOT NULL, \`recordedBy\` varchar(200) NOT NULL, INDEX \`IDX_b10c00d158e5523b1f2fc952b9\` (\`serviceId\`, \`startsAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`scorecard_weights\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`availability\` int NOT NULL, \`incidentResolution\` int NOT NULL, \`orderDelivery\` int NOT NULL, \`billingAccuracy\` int NOT NULL, UNIQUE INDEX \`IDX_1c69109912d9dcbade054315f5\` (\`organisationId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`service_calendar\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`name\` varchar(100) NOT NULL, \`windows\` text NOT NULL, \`excludeBankHolidays\` tinyint NOT NULL, UNIQUE INDEX \`IDX_a3259866cd80afe58124df2450\` (\`organisationId\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `ALTER TABLE \`sla_term\` ADD CONSTRAINT \`FK_15614979dcad054111d36ae0d1c\` FOREIGN KEY (\`contractId\`) REFERENCES \`contract\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`credit_policy\` ADD CONSTRAINT \`FK_f01c585ece9ae71146b36fe0066\` FOREIGN KEY (\`contractId\`) REFERENCES \`contract\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`credit_policy\` DROP FOREIGN KEY \`FK_f01c585ece9ae71146b36fe0066\``);
    await queryRunner.query(`ALTER TABLE \`sla_term\` DROP FOREIGN KEY \`FK_15614979dcad054111d36ae0d1c\``);
    await queryRunner.query(`DROP INDEX \`IDX_a3259866cd80afe58124df2450\` ON \`service_calendar\``);
    await queryRunner.query(`DROP TABLE \`service_calendar\``);
    await queryRunner.query(`DROP INDEX \`IDX_1c69109912d9dcbade054315f5\` ON \`scorecard_weights\``);
    await queryRunner.query(`DROP TABLE \`scorecard_weights\``);
    await queryRunner.query(`DROP INDEX \`IDX_b10c00d158e5523b1f2fc952b9\` ON \`exclusion_window\``);
    await queryRunner.query(`DROP TABLE \`exclusion_window\``);
    await queryRunner.query(`DROP INDEX \`IDX_f01c585ece9ae71146b36fe006\` ON \`credit_policy\``);
    await queryRunner.query(`DROP TABLE \`credit_policy\``);
    await queryRunner.query(`DROP INDEX \`IDX_a1f10b2febc467fb97f9e7b817\` ON \`sla_term\``);
    await queryRunner.query(`DROP TABLE \`sla_term\``);
  }
}
