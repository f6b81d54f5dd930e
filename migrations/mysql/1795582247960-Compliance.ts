import { MigrationInterface, QueryRunner } from 'typeorm';

export class Compliance1795582247960 implements MigrationInterface {
  name = 'Compliance1795582247960';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`application_access_request\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`application\` varchar(200) NOT NULL, \`requestedById\` int NOT NULL, \`requestedOn\` date NOT NULL, \`status\` varchar(12) NOT NULL, \`decidedOn\` date NULL, \`notes\` varchar(1000) NULL, INDEX \`IDX_7bc72bace0c704eb2bebf416ac\` (\`organisationId\`, \`status\`, \`requestedOn\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`application_access_transition\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`requestId\` int NOT NULL, \`organisationId\` int NOT NULL, \`fromStatus\` varchar(12) NULL, \`toStatus\` varchar(12) NOT NULL, \`reason\` varchar(1000) NOT NULL, \`changedBy\` varchar(200) NOT NULL, INDEX \`IDX_99e8ff3349bec599550c18e1c5\` (\`requestId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`connection_agreement\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`version\` varchar(20) NOT NULL, \`signedOn\` date NOT NULL, \`representingCustomers\` tinyint NOT NULL, \`signedByName\` varchar(200) NOT NULL, \`signedByJobTitle\` varchar(200) NULL, \`recordedBy\` varchar(200) NOT NULL, \`supersededById\` int NULL, \`supersededOn\` date NULL, INDEX \`IDX_d9ba12b9581011c0e97f014366\` (\`organisationId\`, \`supersededById\`), UNIQUE INDEX \`IDX_05831b17f541920aa2ba7b4071\` (\`organisationId\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`dspt_assessment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`status\` varchar(30) NOT NULL, \`publishedOn\` date NOT NULL, \`assessmentYear\` varchar(7) NOT NULL, \`expiresOn\` date NOT NULL, \`notes\` varchar(1000) NULL, \`recordedBy\` varchar(200) NOT NULL, INDEX \`IDX_2c519dc1de3cfd66ec12fef59d\` (\`organisationId\`, \`publishedOn\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`ip_allocation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`siteId\` int NOT NULL, \`supplierId\` int NULL, \`cidr\` varchar(49) NOT NULL, \`ipVersion\` varchar(4) NOT NULL, \`registration\` varchar(10) NOT NULL, \`description\` varchar(200) NULL, \`allocatedOn\` date NOT NULL, \`releasedOn\` date NULL, \`releaseReason\` varchar(1000) NULL, \`overlapException\` varchar(1000) NULL, \`recordedBy\` varchar(200) NOT NULL, INDEX \`IDX_b1015cdf991281b44172890a47\` (\`supplierId\`, \`organisationId\`), INDEX \`IDX_142a24adfd229313ab26a3f9fa\` (\`siteId\`), INDEX \`IDX_3bdd4ea7576ef61ebb80c3f311\` (\`organisationId\`, \`releasedOn\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`ipam_delegate\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`contactId\` int NOT NULL, \`grantedOn\` date NOT NULL, \`revokedOn\` date NULL, \`revokeReason\` varchar(1000) NULL, \`grantedBy\` varchar(200) NOT NULL, \`revokedBy\` varchar(200) NULL, INDEX \`IDX_07d50c1b68f13d147410466ac0\` (\`contactId\`), INDEX \`IDX_3458289f0295889ecd10fa1b45\` (\`organisationId\`, \`revokedOn\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `ALTER TABLE \`application_access_transition\` ADD CONSTRAINT \`FK_99e8ff3349bec599550c18e1c59\` FOREIGN KEY (\`requestId\`) REFERENCES \`application_access_request\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`application_access_transition\` DROP FOREIGN KEY \`FK_99e8ff3349bec599550c18e1c59\``);
    await queryRunner.query(`DROP INDEX \`IDX_3458289f0295889ecd10fa1b45\` ON \`ipam_delegate\``);
    await queryRunner.query(`DROP INDEX \`IDX_07d50c1b68f13d147410466ac0\` ON \`ipam_delegate\``);
    await queryRunner.query(`DROP TABLE \`ipam_delegate\``);
    await queryRunner.query(`DROP INDEX \`IDX_3bdd4ea7576ef61ebb80c3f311\` ON \`ip_allocation\``);
    await queryRunner.query(`DROP INDEX \`IDX_142a24adfd229313ab26a3f9fa\` ON \`ip_allocation\``);
    await queryRunner.query(`DROP INDEX \`IDX_b1015cdf991281b44172890a47\` ON \`ip_allocation\``);
    await queryRunner.query(`DROP TABLE \`ip_allocation\``);
    await queryRunner.query(`DROP INDEX \`IDX_2c519dc1de3cfd66ec12fef59d\` ON \`dspt_assessment\``);
    await queryRunner.query(`DROP TABLE \`dspt_assessment\``);
    await queryRunner.query(`DROP INDEX \`IDX_05831b17f541920aa2ba7b4071\` ON \`connection_agreement\``);
    await queryRunner.query(`DROP INDEX \`IDX_d9ba12b9581011c0e97f014366\` ON \`connection_agreement\``);
    await queryRunner.query(`DROP TABLE \`connection_agreement\``);
    await queryRunner.query(`DROP INDEX \`IDX_99e8ff3349bec599550c18e1c5\` ON \`application_access_transition\``);
    await queryRunner.query(`DROP TABLE \`application_access_transition\``);
    await queryRunner.query(`DROP INDEX \`IDX_7bc72bace0c704eb2bebf416ac\` ON \`application_access_request\``);
    await queryRunner.query(`DROP TABLE \`application_access_request\``);
  }
}
