import { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795582311602 implements MigrationInterface {
  name = 'Orders1795582311602';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`service_order\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`supplierId\` int NOT NULL, \`contractId\` int NOT NULL, \`siteId\` int NOT NULL, \`fromSiteId\` int NULL, \`serviceId\` int NULL, \`type\` varchar(12) NOT NULL, \`status\` varchar(12) NOT NULL, \`supplierOrderReference\` varchar(64) NULL, \`description\` varchar(2000) NULL, \`requestedDate\` date NOT NULL, \`submittedOn\` date NULL, \`committedDate\` date NULL, \`originalCommittedDate\` date NULL, \`completedOn\` date NULL, \`oneOffCharge\` bigint NOT NULL, \`serviceReference\` varchar(64) NULL, \`serviceType\` varchar(20) NULL, \`resilience\` varchar(20) NULL, \`qosProfile\` varchar(64) NULL, \`bandwidthMbps\` int NULL, \`monthlyCharge\` bigint NULL, \`previousBandwidthMbps\` int NULL, \`previousMonthlyCharge\` bigint NULL, INDEX \`IDX_035bc1bbdc35390fe8c2fbdafe\` (\`siteId\`), INDEX \`IDX_b4dfde7120fb1f37dd7493e139\` (\`serviceId\`, \`status\`), INDEX \`IDX_22d70f9fba1c9ce55feb77f187\` (\`contractId\`, \`status\`, \`completedOn\`), UNIQUE INDEX \`IDX_6834d547f905ce9cee3c7be3e9\` (\`supplierId\`, \`supplierOrderReference\`), INDEX \`IDX_7cd1bea70c07837d35ac54671f\` (\`supplierId\`, \`status\`), INDEX \`IDX_6869d089ea100476ecc9b70e10\` (\`organisationId\`, \`status\`, \`committedDate\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`service_order_transition\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`orderId\` int NOT NULL, \`organisationId\` int NOT NULL, \`fromStatus\` varchar(12) NULL, \`toStatus\` varchar(12) NOT NULL, \`effectiveOn\` date NOT NULL, \`reason\` varchar(1000) NOT NULL, \`changedBy\` varchar(200) NOT NULL, INDEX \`IDX_6991b712015ae8fdc01156618a\` (\`orderId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`service_terms_period\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`serviceId\` int NOT NULL, \`organisationId\` int NOT NULL, \`effectiveFrom\` date NULL, \`monthlyCharge\` bigint NOT NULL, \`bandwidthMbps\` int NOT NULL, \`siteId\` int NOT NULL, \`orderId\` int NULL, INDEX \`IDX_69b31d719b171ac635f55728a8\` (\`organisationId\`), UNIQUE INDEX \`IDX_16f687b3989e94ea4336fd261d\` (\`serviceId\`, \`effectiveFrom\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`service_replacement\` (\`legacyServiceId\` int NOT NULL, \`replacementServiceId\` int NOT NULL, \`organisationId\` int NOT NULL, \`linkedAt\` datetime(3) NOT NULL, \`linkedBy\` varchar(200) NOT NULL, INDEX \`IDX_bfc2174175eca3b30f248f87ff\` (\`organisationId\`), INDEX \`IDX_1df585338ff03bceb802d1578f\` (\`replacementServiceId\`), PRIMARY KEY (\`legacyServiceId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `ALTER TABLE \`service_order_transition\` ADD CONSTRAINT \`FK_6991b712015ae8fdc01156618ac\` FOREIGN KEY (\`orderId\`) REFERENCES \`service_order\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`service_order_transition\` DROP FOREIGN KEY \`FK_6991b712015ae8fdc01156618ac\``);
    await queryRunner.query(`DROP INDEX \`IDX_1df585338ff03bceb802d1578f\` ON \`service_replacement\``);
    await queryRunner.query(`DROP INDEX \`IDX_bfc2174175eca3b30f248f87ff\` ON \`service_replacement\``);
    await queryRunner.query(`DROP TABLE \`service_replacement\``);
    await queryRunner.query(`DROP INDEX \`IDX_16f687b3989e94ea4336fd261d\` ON \`service_terms_period\``);
    await queryRunner.query(`DROP INDEX \`IDX_69b31d719b171ac635f55728a8\` ON \`service_terms_period\``);
    await queryRunner.query(`DROP TABLE \`service_terms_period\``);
    await queryRunner.query(`DROP INDEX \`IDX_6991b712015ae8fdc01156618a\` ON \`service_order_transition\``);
    await queryRunner.query(`DROP TABLE \`service_order_transition\``);
    await queryRunner.query(`DROP INDEX \`IDX_6869d089ea100476ecc9b70e10\` ON \`service_order\``);
    await queryRunner.query(`DROP INDEX \`IDX_7cd1bea70c07837d35ac54671f\` ON \`service_order\``);
    await queryRunner.query(`DROP INDEX \`IDX_6834d547f905ce9cee3c7be3e9\` ON \`service_order\``);
    await queryRunner.query(`DROP INDEX \`IDX_22d70f9fba1c9ce55feb77f187\` ON \`service_order\``);
    await queryRunner.query(`DROP INDEX \`IDX_b4dfde7120fb1f37dd7493e139\` ON \`service_order\``);
    await queryRunner.query(`DROP INDEX \`IDX_035bc1bbdc35390fe8c2fbdafe\` ON \`service_order\``);
    await queryRunner.query(`DROP TABLE \`service_order\``);
  }
}
