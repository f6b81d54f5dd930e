import { MigrationInterface, QueryRunner } from 'typeorm';

export class Audit1795587782024 implements MigrationInterface {
  name = 'Audit1795587782024';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`audit_entry\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`organisationId\` int NULL, \`actor\` varchar(200) NOT NULL, \`actorOrganisationId\` int NULL, \`via\` varchar(16) NOT NULL, \`entryPoint\` varchar(120) NOT NULL, \`requestId\` varchar(64) NULL, \`entityType\` varchar(60) NOT NULL, \`entityId\` int NULL, \`action\` varchar(8) NOT NULL, \`before\` text NULL, \`after\` text NULL, INDEX \`IDX_4ab466a7d06ff8d7c903d90248\` (\`entityType\`, \`entityId\`), INDEX \`IDX_01386607b2c636f4e217e78931\` (\`organisationId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_01386607b2c636f4e217e78931\` ON \`audit_entry\``);
    await queryRunner.query(`DROP INDEX \`IDX_4ab466a7d06ff8d7c903d90248\` ON \`audit_entry\``);
    await queryRunner.query(`DROP TABLE \`audit_entry\``);
  }
}
