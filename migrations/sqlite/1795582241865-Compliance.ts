import { MigrationInterface, QueryRunner } from 'typeorm';

export class Compliance1795582241865 implements MigrationInterface {
  name = 'Compliance1795582241865';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "application_access_request" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "application" varchar(200) NOT NULL, "requestedById" integer NOT NULL, "requestedOn" date NOT NULL, "status" varchar(12) NOT NULL, "decidedOn" date, "notes" varchar(1000))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7bc72bace0c704eb2bebf416ac" ON "application_access_request" ("organisationId", "status", "requestedOn") `,
    );
    await queryRunner.query(
      `CREATE TABLE "application_access_transition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "requestId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(12), "toStatus" varchar(12) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_99e8ff3349bec599550c18e1c5" ON "application_access_transition" ("requestId") `);
    await queryRunner.query(
      `CREATE TABLE "connection_agreement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "version" varchar(20) NOT NULL, "signedOn" date NOT NULL, "representingCustomers" boolean NOT NULL, "signedByName" varchar(200) NOT NULL, "signedByJobTitle" varchar(200), "recordedBy" varchar(200) NOT NULL, "supersededById" integer, "supersededOn" date)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d9ba12b9581011c0e97f014366" ON "connection_agreement" ("organisationId", "supersededById") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_05831b17f541920aa2ba7b4071" ON "connection_agreement" ("organisationId", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dspt_assessment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "status" varchar(30) NOT NULL, "publishedOn" date NOT NULL, "assessmentYear" varchar(7) NOT NULL, "expiresOn" date NOT NULL, "notes" varchar(1000), "recordedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_2c519dc1de3cfd66ec12fef59d" ON "dspt_assessment" ("organisationId", "publishedOn") `);
    await queryRunner.query(
      `CREATE TABLE "ip_allocation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "siteId" integer NOT NULL, "supplierId" integer, "cidr" varchar(49) NOT NULL, "ipVersion" varchar(4) NOT NULL, "registration" varchar(10) NOT NULL, "description" varchar(200), "allocatedOn" date NOT NULL, "releasedOn" date, "releaseReason" varchar(1000), "overlapException" varchar(1000), "recordedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b1015cdf991281b44172890a47" ON "ip_allocation" ("supplierId", "organisationId") `);
    await queryRunner.query(`CREATE INDEX "IDX_142a24adfd229313ab26a3f9fa" ON "ip_allocation" ("siteId") `);
    await queryRunner.query(`CREATE INDEX "IDX_3bdd4ea7576ef61ebb80c3f311" ON "ip_allocation" ("organisationId", "releasedOn") `);
    await queryRunner.query(
      `CREATE TABLE "ipam_delegate" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contactId" integer NOT NULL, "grantedOn" date NOT NULL, "revokedOn" date, "revokeReason" varchar(1000), "grantedBy" varchar(200) NOT NULL, "revokedBy" varchar(200))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_07d50c1b68f13d147410466ac0" ON "ipam_delegate" ("contactId") `);
    await queryRunner.query(`CREATE INDEX "IDX_3458289f0295889ecd10fa1b45" ON "ipam_delegate" ("organisationId", "revokedOn") `);
    await queryRunner.query(`DROP INDEX "IDX_99e8ff3349bec599550c18e1c5"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_application_access_transition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "requestId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(12), "toStatus" varchar(12) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL, CONSTRAINT "FK_99e8ff3349bec599550c18e1c59" FOREIGN KEY ("requestId") REFERENCES "application_access_request" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_application_access_transition"("id", "createdAt", "updatedAt", "requestId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "requestId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy" FROM "application_access_transition"`,
    );
    await queryRunner.query(`DROP TABLE "application_access_transition"`);
    await queryRunner.query(`ALTER TABLE "temporary_application_access_transition" RENAME TO "application_access_transition"`);
    await queryRunner.query(`CREATE INDEX "IDX_99e8ff3349bec599550c18e1c5" ON "application_access_transition" ("requestId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_99e8ff3349bec599550c18e1c5"`);
    await queryRunner.query(`ALTER TABLE "application_access_transition" RENAME TO "temporary_application_access_transition"`);
    await queryRunner.query(
      `CREATE TABLE "application_access_transition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "requestId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(12), "toStatus" varchar(12) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "application_access_transition"("id", "createdAt", "updatedAt", "requestId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "requestId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy" FROM "temporary_application_access_transition"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_application_access_transition"`);
    await queryRunner.query(`CREATE INDEX "IDX_99e8ff3349bec599550c18e1c5" ON "application_access_transition" ("requestId") `);
    await queryRunner.query(`DROP INDEX "IDX_3458289f0295889ecd10fa1b45"`);
    await queryRunner.query(`DROP INDEX "IDX_07d50c1b68f13d147410466ac0"`);
    await queryRunner.query(`DROP TABLE "ipam_delegate"`);
    await queryRunner.query(`DROP INDEX "IDX_3bdd4ea7576ef61ebb80c3f311"`);
    await queryRunner.query(`DROP INDEX "IDX_142a24adfd229313ab26a3f9fa"`);
    await queryRunner.query(`DROP INDEX "IDX_b1015cdf991281b44172890a47"`);
    await queryRunner.query(`DROP TABLE "ip_allocation"`);
    await queryRunner.query(`DROP INDEX "IDX_2c519dc1de3cfd66ec12fef59d"`);
    await queryRunner.query(`DROP TABLE "dspt_assessment"`);
    await queryRunner.query(`DROP INDEX "IDX_05831b17f541920aa2ba7b4071"`);
    await queryRunner.query(`DROP INDEX "IDX_d9ba12b9581011c0e97f014366"`);
    await queryRunner.query(`DROP TABLE "connection_agreement"`);
    await queryRunner.query(`DROP INDEX "IDX_99e8ff3349bec599550c18e1c5"`);
    await queryRunner.query(`DROP TABLE "application_access_transition"`);
    await queryRunner.query(`DROP INDEX "IDX_7bc72bace0c704eb2bebf416ac"`);
    await queryRunner.query(`DROP TABLE "application_access_request"`);
  }
}
