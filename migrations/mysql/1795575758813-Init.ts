import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795575758813 implements MigrationInterface {
  name = 'Init1795575758813';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`organisation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`odsCode\` varchar(10) NOT NULL, \`name\` varchar(200) NOT NULL, \`type\` varchar(20) NOT NULL, UNIQUE INDEX \`IDX_92cd18b48963d28bcaf9a16e2c\` (\`odsCode\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`api_key\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`supplierId\` int NULL, \`name\` varchar(100) NOT NULL, \`prefix\` varchar(16) NOT NULL, \`secretHash\` varchar(64) NOT NULL, \`roles\` text NOT NULL, \`createdBy\` varchar(200) NOT NULL, \`lastUsedAt\` datetime(3) NULL, \`revokedAt\` datetime(3) NULL, UNIQUE INDEX \`IDX_c4f6ccad30c0862eb54af9fb0a\` (\`prefix\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`contact\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`name\` varchar(200) NOT NULL, \`jobTitle\` varchar(200) NULL, \`email\` varchar(254) NULL, \`phone\` varchar(40) NULL, \`hours\` varchar(100) NULL, \`notes\` text NULL, \`lastVerifiedAt\` datetime(3) NULL, \`lastVerifiedBy\` varchar(200) NULL, INDEX \`IDX_164c9e4c99f8c980cf73ed1c06\` (\`organisationId\`, \`lastVerifiedAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`contact_assignment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`contactId\` int NOT NULL, \`organisationId\` int NOT NULL, \`objectType\` varchar(10) NOT NULL, \`objectId\` int NOT NULL, \`role\` varchar(20) NOT NULL, \`priority\` varchar(10) NOT NULL, UNIQUE INDEX \`IDX_7860db566b91a0bdb7406fde94\` (\`contactId\`, \`objectType\`, \`objectId\`, \`role\`), INDEX \`IDX_2f20de44a50f121201137c17f3\` (\`objectType\`, \`objectId\`, \`organisationId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`supplier\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`name\` varchar(200) NOT NULL, \`kind\` varchar(20) NOT NULL, \`cnspId\` varchar(8) NULL, \`complianceStatus\` varchar(20) NOT NULL, \`complianceDate\` date NULL, \`notes\` text NULL, UNIQUE INDEX \`IDX_05290e39dd1ef4fbbcfe329f7b\` (\`name\`), UNIQUE INDEX \`IDX_d1e8d0fcffe04428cc29187c99\` (\`cnspId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`contract\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`supplierId\` int NOT NULL, \`reference\` varchar(64) NOT NULL, \`title\` varchar(200) NOT NULL, \`procurementRoute\` varchar(30) NOT NULL, \`procurementVehicle\` varchar(200) NULL, \`status\` varchar(20) NOT NULL, \`startDate\` date NOT NULL, \`endDate\` date NOT NULL, \`initialTermMonths\` int NOT NULL, \`renewalTermMonths\` int NULL, \`noticePeriodDays\` int NOT NULL, \`noticeDate\` date NOT NULL, \`serviceWrap\` varchar(20) NOT NULL, \`serviceHours\` varchar(20) NOT NULL, \`serviceHoursCalendar\` varchar(100) NULL, \`currency\` varchar(3) NOT NULL DEFAULT 'GBP', \`totalContractValue\` bigint NULL, INDEX \`IDX_5f9aba86ffb85928d9bda6e924\` (\`supplierId\`), INDEX \`IDX_2984aba10e06ce98f18e46a9f1\` (\`organisationId\`, \`status\`, \`noticeDate\`), UNIQUE INDEX \`IDX_3df2a183474fef954f68f83114\` (\`organisationId\`, \`reference\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`contract_document\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`contractId\` int NOT NULL, \`organisationId\` int NOT NULL, \`title\` varchar(200) NOT NULL, \`kind\` varchar(20) NOT NULL, \`url\` varchar(2000) NOT NULL, INDEX \`IDX_6a1adb86d3161e08d39b32b082\` (\`contractId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`contract_status_change\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`contractId\` int NOT NULL, \`organisationId\` int NOT NULL, \`fromStatus\` varchar(20) NULL, \`toStatus\` varchar(20) NOT NULL, \`reason\` varchar(1000) NOT NULL, \`changedBy\` varchar(200) NOT NULL, INDEX \`IDX_c910c0b21f165a7b5f46016c48\` (\`contractId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`organisation_acts_for\` (\`managerId\` int NOT NULL, \`managedId\` int NOT NULL, \`basis\` varchar(30) NOT NULL, \`since\` date NOT NULL, INDEX \`IDX_ca8a84885ac286fbe7108e365f\` (\`managedId\`), PRIMARY KEY (\`managerId\`, \`managedId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`site\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`odsCode\` varchar(10) NOT NULL, \`name\` varchar(200) NOT NULL, \`addressLine1\` varchar(200) NOT NULL, \`addressLine2\` varchar(200) NULL, \`town\` varchar(100) NOT NULL, \`postcode\` varchar(8) NOT NULL, INDEX \`IDX_3dd4a03f46b1f034bff6e61a6d\` (\`postcode\`), INDEX \`IDX_30740ab376a7a1e37179b61e9b\` (\`organisationId\`, \`name\`), UNIQUE INDEX \`IDX_434d57158ffb8e046b6e67d7ee\` (\`organisationId\`, \`odsCode\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`service\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`contractId\` int NOT NULL, \`supplierId\` int NOT NULL, \`siteId\` int NOT NULL, \`reference\` varchar(64) NOT NULL, \`type\` varchar(20) NOT NULL, \`bandwidthMbps\` int NOT NULL, \`resilience\` varchar(20) NOT NULL, \`qosProfile\` varchar(64) NULL, \`status\` varchar(20) NOT NULL, \`installDate\` date NULL, \`ceaseDate\` date NULL, \`monthlyCharge\` bigint NOT NULL, \`oneOffCharge\` bigint NOT NULL, INDEX \`IDX_b551b85965faa839674c32db9c\` (\`organisationId\`, \`status\`), INDEX \`IDX_f3198e0e56fd0af63366ada219\` (\`siteId\`), INDEX \`IDX_b88ebcaf5743cdf3652772dbd3\` (\`contractId\`, \`status\`), UNIQUE INDEX \`IDX_0ae4239e6bec731bd6e43d8893\` (\`supplierId\`, \`reference\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `ALTER TABLE \`api_key\` ADD CONSTRAINT \`FK_599b2b73d4d10c85fa9680e925d\` FOREIGN KEY (\`organisationId\`) REFERENCES \`organisation\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`contact\` ADD CONSTRAINT \`FK_0bd14275bad5af5634c7b341ae1\` FOREIGN KEY (\`organisationId\`) REFERENCES \`organisation\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`contact_assignment\` ADD CONSTRAINT \`FK_863a076c0883180c6ff897d68cc\` FOREIGN KEY (\`contactId\`) REFERENCES \`contact\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`contract\` ADD CONSTRAINT \`FK_2ed442f640e324deba753647ceb\` FOREIGN KEY (\`organisationId\`) REFERENCES \`organisation\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`contract\` ADD CONSTRAINT \`FK_5f9aba86ffb85928d9bda6e9244\` FOREIGN KEY (\`supplierId\`) REFERENCES \`supplier\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`contract_document\` ADD CONSTRAINT \`FK_6a1adb86d3161e08d39b32b0827\` FOREIGN KEY (\`contractId\`) REFERENCES \`contract\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`contract_status_change\` ADD CONSTRAINT \`FK_c910c0b21f165a7b5f46016c48e\` FOREIGN KEY (\`contractId\`) REFERENCES \`contract\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`organisation_acts_for\` ADD CONSTRAINT \`FK_32ee0191f345055fbb15495751d\` FOREIGN KEY (\`managerId\`) REFERENCES \`organisation\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`organisation_acts_for\` ADD CONSTRAINT \`FK_ca8a84885ac286fbe7108e365f7\` FOREIGN KEY (\`managedId\`) REFERENCES \`organisation\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`site\` ADD CONSTRAINT \`FK_e6ac4150af3c67be5912ea72c1b\` FOREIGN KEY (\`organisationId\`) REFERENCES \`organisation\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`service\` ADD CONSTRAINT \`FK_669a5f9c6ae8a85cf5a7deeaaba\` FOREIGN KEY (\`contractId\`) REFERENCES \`contract\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`service\` ADD CONSTRAINT \`FK_f3198e0e56fd0af63366ada2190\` FOREIGN KEY (\`siteId\`) REFERENCES \`site\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`service\` DROP FOREIGN KEY \`FK_f3198e0e56fd0af63366ada2190\``);
    await queryRunner.query(`ALTER TABLE \`service\` DROP FOREIGN KEY \`FK_669a5f9c6ae8a85cf5a7deeaaba\``);
    await queryRunner.query(`ALTER TABLE \`site\` DROP FOREIGN KEY \`FK_e6ac4150af3c67be5912ea72c1b\``);
    await queryRunner.query(`ALTER TABLE \`organisation_acts_for\` DROP FOREIGN KEY \`FK_ca8a84885ac286fbe7108e365f7\``);
    await queryRunner.query(`ALTER TABLE \`organisation_acts_for\` DROP FOREIGN KEY \`FK_32ee0191f345055fbb15495751d\``);
    await queryRunner.query(`ALTER TABLE \`contract_status_change\` DROP FOREIGN KEY \`FK_c910c0b21f165a7b5f46016c48e\``);
    await queryRunner.query(`ALTER TABLE \`contract_document\` DROP FOREIGN KEY \`FK_6a1adb86d3161e08d39b32b0827\``);
    await queryRunner.query(`ALTER TABLE \`contract\` DROP FOREIGN KEY \`FK_5f9aba86ffb85928d9bda6e9244\``);
    await queryRunner.query(`ALTER TABLE \`contract\` DROP FOREIGN KEY \`FK_2ed442f640e324deba753647ceb\``);
    await queryRunner.query(`ALTER TABLE \`contact_assignment\` DROP FOREIGN KEY \`FK_863a076c0883180c6ff897d68cc\``);
    await queryRunner.query(`ALTER TABLE \`contact\` DROP FOREIGN KEY \`FK_0bd14275bad5af5634c7b341ae1\``);
    await queryRunner.query(`ALTER TABLE \`api_key\` DROP FOREIGN KEY \`FK_599b2b73d4d10c85fa9680e925d\``);
    await queryRunner.query(`DROP INDEX \`IDX_0ae4239e6bec731bd6e43d8893\` ON \`service\``);
    await queryRunner.query(`DROP INDEX \`IDX_b88ebcaf5743cdf3652772dbd3\` ON \`service\``);
    await queryRunner.query(`DROP INDEX \`IDX_f3198e0e56fd0af63366ada219\` ON \`service\``);
    await queryRunner.query(`DROP INDEX \`IDX_b551b85965faa839674c32db9c\` ON \`service\``);
    await queryRunner.query(`DROP TABLE \`service\``);
    await queryRunner.query(`DROP INDEX \`IDX_434d57158ffb8e046b6e67d7ee\` ON \`site\``);
    await queryRunner.query(`DROP INDEX \`IDX_30740ab376a7a1e37179b61e9b\` ON \`site\``);
    await queryRunner.query(`DROP INDEX \`IDX_3dd4a03f46b1f034bff6e61a6d\` ON \`site\``);
    await queryRunner.query(`DROP TABLE \`site\``);
    await queryRunner.query(`DROP INDEX \`IDX_ca8a84885ac286fbe7108e365f\` ON \`organisation_acts_for\``);
    await queryRunner.query(`DROP TABLE \`organisation_acts_for\``);
    await queryRunner.query(`DROP INDEX \`IDX_c910c0b21f165a7b5f46016c48\` ON \`contract_status_change\``);
    await queryRunner.query(`DROP TABLE \`contract_status_change\``);
    await queryRunner.query(`DROP INDEX \`IDX_6a1adb86d3161e08d39b32b082\` ON \`contract_document\``);
    await queryRunner.query(`DROP TABLE \`contract_document\``);
    await queryRunner.query(`DROP INDEX \`IDX_3df2a183474fef954f68f83114\` ON \`contract\``);
    await queryRunner.query(`DROP INDEX \`IDX_2984aba10e06ce98f18e46a9f1\` ON \`contract\``);
    await queryRunner.query(`DROP INDEX \`IDX_5f9aba86ffb85928d9bda6e924\` ON \`contract\``);
    await queryRunner.query(`DROP TABLE \`contract\``);
    await queryRunner.query(`DROP INDEX \`IDX_d1e8d0fcffe04428cc29187c99\` ON \`supplier\``);
    await queryRunner.query(`DROP INDEX \`IDX_05290e39dd1ef4fbbcfe329f7b\` ON \`supplier\``);
    await queryRunner.query(`DROP TABLE \`supplier\``);
    await queryRunner.query(`DROP INDEX \`IDX_2f20de44a50f121201137c17f3\` ON \`contact_assignment\``);
    await queryRunner.query(`DROP INDEX \`IDX_7860db566b91a0bdb7406fde94\` ON \`contact_assignment\``);
    await queryRunner.query(`DROP TABLE \`contact_assignment\``);
    await queryRunner.query(`DROP INDEX \`IDX_164c9e4c99f8c980cf73ed1c06\` ON \`contact\``);
    await queryRunner.query(`DROP TABLE \`contact\``);
    await queryRunner.query(`DROP INDEX \`IDX_c4f6ccad30c0862eb54af9fb0a\` ON \`api_key\``);
    await queryRunner.query(`DROP TABLE \`api_key\``);
    await queryRunner.query(`DROP INDEX \`IDX_92cd18b48963d28bcaf9a16e2c\` ON \`organisation\``);
    await queryRunner.query(`DROP TABLE \`organisation\``);
  }
}
