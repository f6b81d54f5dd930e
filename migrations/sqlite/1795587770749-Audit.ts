import { MigrationInterface, QueryRunner } from 'typeorm';

export class Audit1795587770749 implements MigrationInterface {
  name = 'Audit1795587770749';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer, "actor" varchar(200) NOT NULL, "actorOrganisationId" integer, "via" varchar(16) NOT NULL, "entryPoint" varchar(120) NOT NULL, "requestId" varchar(64), "entityType" varchar(60) NOT NULL, "entityId" integer, "action" varchar(8) NOT NULL, "before" text, "after" text)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4ab466a7d06ff8d7c903d90248" ON "audit_entry" ("entityType", "entityId") `);
    await queryRunner.query(`CREATE INDEX "IDX_01386607b2c636f4e217e78931" ON "audit_entry" ("organisationId", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_01386607b2c636f4e217e78931"`);
    await queryRunner.query(`DROP INDEX "IDX_4ab466a7d06ff8d7c903d90248"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
  }
}
