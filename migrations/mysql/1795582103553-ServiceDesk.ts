import { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceDesk1795582103553 implements MigrationInterface {
  name = 'ServiceDesk1795582103553';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`incident_link\` (\`incidentId\` int NOT NULL, \`relatedIncidentId\` int NOT NULL, \`organisationId\` int NOT NULL, INDEX \`IDX_72d1c844ea5c3ae9a9d5659c21\` (\`relatedIncidentId\`), PRIMARY KEY (\`incidentId\`, \`relatedIncidentId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`escalation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`supplierId\` int NOT NULL, \`contractId\` int NULL, \`incidentId\` int NULL, \`kind\` varchar(12) NOT NULL, \`summary\` varchar(2000) NOT NULL, \`raisedBy\` varchar(200) NOT NULL, \`raisedByOrganisationId\` int NOT NULL, \`raisedAt\` datetime(3) NOT NULL, \`updateIntervalHours\` int NOT NULL, \`level\` varchar(24) NOT NULL, \`status\` varchar(8) NOT NULL, \`lastUpdateAt\` datetime(3) NOT NULL, \`nextUpdateDueAt\` datetime(3) NULL, \`closureAgreedAt\` datetime(3) NULL, \`closureAgreedBy\` varchar(200) NULL, \`closedAt\` datetime(3) NULL, \`closedBy\` varchar(200) NULL, \`resolution\` varchar(2000) NULL, INDEX \`IDX_f637315502a00b4bd92a5f39b9\` (\`incidentId\`), INDEX \`IDX_8d2b538949afaa6e7c3d1a38f3\` (\`supplierId\`, \`status\`), INDEX \`IDX_ebef950518da25fa7116dc27c9\` (\`organisationId\`, \`status\`, \`nextUpdateDueAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`escalation_update\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`escalationId\` int NOT NULL, \`organisationId\` int NOT NULL, \`givenBy\` varchar(200) NOT NULL, \`givenAt\` datetime(3) NOT NULL, \`text\` varchar(4000) NOT NULL, \`recordedBy\` varchar(200) NOT NULL, INDEX \`IDX_bc01beeada351df88bfff0189c\` (\`escalationId\`, \`givenAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`escalation_level_change\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`escalationId\` int NOT NULL, \`organisationId\` int NOT NULL, \`fromLevel\` varchar(24) NULL, \`toLevel\` varchar(24) NOT NULL, \`reason\` varchar(2000) NOT NULL, \`obligation\` varchar(500) NULL, \`changedBy\` varchar(200) NOT NULL, \`changedAt\` datetime(3) NOT NULL, INDEX \`IDX_f5196d91b79af3497ac8ffde00\` (\`escalationId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`service_review\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NOT NULL, \`contractId\` int NOT NULL, \`heldOn\` date NOT NULL, \`periodFrom\` varchar(7) NOT NULL, \`periodTo\` varchar(7) NOT NULL, \`attendees\` text NOT NULL, \`notes\` text NULL, \`recordedBy\` varchar(200) NOT NULL, \`evidenceCapturedAt\` datetime(3) NOT NULL, \`evidenceSha256\` varchar(64) NOT NULL, INDEX \`IDX_b28e937f44fa34fa992e7086f3\` (\`organisationId\`, \`heldOn\`), INDEX \`IDX_a125e828248600b39004fa3a42\` (\`contractId\`, \`heldOn\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`service_review_evidence\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`reviewId\` int NOT NULL, \`organisationId\` int NOT NULL, \`position\` int NOT NULL, \`kind\` varchar(24) NOT NULL, \`label\` varchar(64) NOT NULL, \`document\` text NOT NULL, \`sha256\` varchar(64) NOT NULL, UNIQUE INDEX \`IDX_c6e145359ffaed6e2155bbdabe\` (\`reviewId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`service_review_action\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`reviewId\` int NOT NULL, \`organisationId\` int NOT NULL, \`description\` varchar(2000) NOT NULL, \`ownerContactId\` int NULL, \`ownerUser\` varchar(200) NULL, \`dueDate\` date NOT NULL, \`status\` varchar(10) NOT NULL, \`statusChangedAt\` datetime(3) NULL, \`statusChangedBy\` varchar(200) NULL, \`statusNote\` varchar(1000) NULL, INDEX \`IDX_e44399fb8ddfc3987ae5c65c73\` (\`organisationId\`, \`status\`, \`dueDate\`), INDEX \`IDX_23d49087b8878d37dd7ad60af2\` (\`reviewId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(`ALTER TABLE \`incident\` ADD \`serviceCoordinatorNotificationRecordedBy\` varchar(200) NULL`);
    await queryRunner.query(`ALTER TABLE \`incident\` ADD \`occurredAt\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`incident\` ADD \`impact\` varchar(2000) NULL`);
    await queryRunner.query(`ALTER TABLE \`incident\` ADD \`customerImpact\` varchar(2000) NULL`);
    await queryRunner.query(`ALTER TABLE \`incident\` ADD \`workaround\` varchar(2000) NULL`);
    await queryRunner.query(`ALTER TABLE \`incident\` ADD \`stepsTaken\` varchar(2000) NULL`);
    await queryRunner.query(`ALTER TABLE \`incident\` ADD \`updatesContactId\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`incident\` ADD \`loggedBy\` varchar(200) NULL`);
    await queryRunner.query(`ALTER TABLE \`incident\` ADD \`supplierTicketLinkedAt\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`incident\` ADD \`supplierTicketLinkedBy\` varchar(200) NULL`);
    await queryRunner.query(`CREATE INDEX \`IDX_827e8cb27a9a1d6e45bb72525e\` ON \`incident\` (\`severity\`, \`openedAt\`)`);
    await queryRunner.query(
      `ALTER TABLE \`incident_link\` ADD CONSTRAINT \`FK_f9c1411b85114c13592d084f7dc\` FOREIGN KEY (\`incidentId\`) REFERENCES \`incident\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`incident_link\` ADD CONSTRAINT \`FK_72d1c844ea5c3ae9a9d5659c21e\` FOREIGN KEY (\`relatedIncidentId\`) REFERENCES \`incident\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`escalation_update\` ADD CONSTRAINT \`FK_337d0dd2f35e4cfc7c711cfac77\` FOREIGN KEY (\`escalationId\`) REFERENCES \`escalation\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`escalation_level_change\` ADD CONSTRAINT \`FK_f5196d91b79af3497ac8ffde008\` FOREIGN KEY (\`escalationId\`) REFERENCES \`escalation\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`service_review_evidence\` ADD CONSTRAINT \`FK_c72db7c568ca20dddfeb7ad6cc6\` FOREIGN KEY (\`reviewId\`) REFERENCES \`service_review\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`service_review_action\` ADD CONSTRAINT \`FK_23d49087b8878d37dd7ad60af26\` FOREIGN KEY (\`reviewId\`) REFERENCES \`service_review\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`service_review_action\` DROP FOREIGN KEY \`FK_23d49087b8878d37dd7ad60af26\``);
    await queryRunner.query(`ALTER TABLE \`service_review_evidence\` DROP FOREIGN KEY \`FK_c72db7c568ca20dddfeb7ad6cc6\``);
    await queryRunner.query(`ALTER TABLE \`escalation_level_change\` DROP FOREIGN KEY \`FK_f5196d91b79af3497ac8ffde008\``);
    await queryRunner.query(`ALTER TABLE \`escalation_update\` DROP FOREIGN KEY \`FK_337d0dd2f35e4cfc7c711cfac77\``);
    await queryRunner.query(`ALTER TABLE \`incident_link\` DROP FOREIGN KEY \`FK_72d1c844ea5c3ae9a9d5659c21e\``);
    await queryRunner.query(`ALTER TABLE \`incident_link\` DROP FOREIGN KEY \`FK_f9c1411b85114c13592d084f7dc\``);
    await queryRunner.query(`DROP INDEX \`IDX_827e8cb27a9a1d6e45bb72525e\` ON \`incident\``);
    await queryRunner.query(`ALTER TABLE \`incident\` DROP COLUMN \`supplierTicketLinkedBy\``);
    await queryRunner.query(`ALTER TABLE \`incident\` DROP COLUMN \`supplierTicketLinkedAt\``);
    await queryRunner.query(`ALTER TABLE \`incident\` DROP COLUMN \`loggedBy\``);
    await queryRunner.query(`ALTER TABLE \`incident\` DROP COLUMN \`updatesContactId\``);
    await queryRunner.query(`ALTER TABLE \`incident\` DROP COLUMN \`stepsTaken\``);
    await queryRunner.query(`ALTER TABLE \`incident\` DROP COLUMN \`workaround\``);
    await queryRunner.query(`ALTER TABLE \`incident\` DROP COLUMN \`customerImpact\``);
    await queryRunner.query(`ALTER TABLE \`incident\` DROP COLUMN \`impact\``);
    await queryRunner.query(`ALTER TABLE \`incident\` DROP COLUMN \`occurredAt\``);
    await queryRunner.query(`ALTER TABLE \`incident\` DROP COLUMN \`serviceCoordinatorNotificationRecordedBy\``);
    await queryRunner.query(`DROP INDEX \`IDX_23d49087b8878d37dd7ad60af2\` ON \`service_review_action\``);
    await queryRunner.query(`DROP INDEX \`IDX_e44399fb8ddfc3987ae5c65c73\` ON \`service_review_action\``);
    await queryRunner.query(`DROP TABLE \`service_review_action\``);
    await queryRunner.query(`DROP INDEX \`IDX_c6e145359ffaed6e2155bbdabe\` ON \`service_review_evidence\``);
    await queryRunner.query(`DROP TABLE \`service_review_evidence\``);
    await queryRunner.query(`DROP INDEX \`IDX_a125e828248600b39004fa3a42\` ON \`service_review\``);
    await queryRunner.query(`DROP INDEX \`IDX_b28e937f44fa34fa992e7086f3\` ON \`service_review\``);
    await queryRunner.query(`DROP TABLE \`service_review\``);
    await queryRunner.query(`DROP INDEX \`IDX_f5196d91b79af3497ac8ffde00\` ON \`escalation_level_change\``);
    await queryRunner.query(`DROP TABLE \`escalation_level_change\``);
    await queryRunner.query(`DROP INDEX \`IDX_bc01beeada351df88bfff0189c\` ON \`escalation_update\``);
    await queryRunner.query(`DROP TABLE \`escalation_update\``);
    await queryRunner.query(`DROP INDEX \`IDX_ebef950518da25fa7116dc27c9\` ON \`escalation\``);
    await queryRunner.query(`DROP INDEX \`IDX_8d2b538949afaa6e7c3d1a38f3\` ON \`escalation\``);
    await queryRunner.query(`DROP INDEX \`IDX_f637315502a00b4bd92a5f39b9\` ON \`escalation\``);
    await queryRunner.query(`DROP TABLE \`escalation\``);
    await queryRunner.query(`DROP INDEX \`IDX_72d1c844ea5c3ae9a9d5659c21\` ON \`incident_link\``);
    await queryRunner.query(`DROP TABLE \`incident_link\``);
  }
}
