import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795575757698 implements MigrationInterface {
  name = 'Init1795575757698';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organisation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "odsCode" varchar(10) NOT NULL, "name" varchar(200) NOT NULL, "type" varchar(20) NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_92cd18b48963d28bcaf9a16e2c" ON "organisation" ("odsCode") `);
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer, "name" varchar(100) NOT NULL, "prefix" varchar(16) NOT NULL, "secretHash" varchar(64) NOT NULL, "roles" text NOT NULL, "createdBy" varchar(200) NOT NULL, "lastUsedAt" datetime(3), "revokedAt" datetime(3))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c4f6ccad30c0862eb54af9fb0a" ON "api_key" ("prefix") `);
    await queryRunner.query(
      `CREATE TABLE "contact" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "name" varchar(200) NOT NULL, "jobTitle" varchar(200), "email" varchar(254), "phone" varchar(40), "hours" varchar(100), "notes" text, "lastVerifiedAt" datetime(3), "lastVerifiedBy" varchar(200))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_164c9e4c99f8c980cf73ed1c06" ON "contact" ("organisationId", "lastVerifiedAt") `);
    await queryRunner.query(
      `CREATE TABLE "contact_assignment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "contactId" integer NOT NULL, "organisationId" integer NOT NULL, "objectType" varchar(10) NOT NULL, "objectId" integer NOT NULL, "role" varchar(20) NOT NULL, "priority" varchar(10) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_7860db566b91a0bdb7406fde94" ON "contact_assignment" ("contactId", "objectType", "objectId", "role") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2f20de44a50f121201137c17f3" ON "contact_assignment" ("objectType", "objectId", "organisationId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "supplier" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "name" varchar(200) NOT NULL, "kind" varchar(20) NOT NULL, "cnspId" varchar(8), "complianceStatus" varchar(20) NOT NULL, "complianceDate" date, "notes" text)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_05290e39dd1ef4fbbcfe329f7b" ON "supplier" ("name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d1e8d0fcffe04428cc29187c99" ON "supplier" ("cnspId") `);
    await queryRunner.query(
      `CREATE TABLE "contract" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "reference" varchar(64) NOT NULL, "title" varchar(200) NOT NULL, "procurementRoute" varchar(30) NOT NULL, "procurementVehicle" varchar(200), "status" varchar(20) NOT NULL, "startDate" date NOT NULL, "endDate" date NOT NULL, "initialTermMonths" integer NOT NULL, "renewalTermMonths" integer, "noticePeriodDays" integer NOT NULL, "noticeDate" date NOT NULL, "serviceWrap" varchar(20) NOT NULL, "serviceHours" varchar(20) NOT NULL, "serviceHoursCalendar" varchar(100), "currency" varchar(3) NOT NULL DEFAULT ('GBP'), "totalContractValue" bigint)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_5f9aba86ffb85928d9bda6e924" ON "contract" ("supplierId") `);
    await queryRunner.query(`CREATE INDEX "IDX_2984aba10e06ce98f18e46a9f1" ON "contract" ("organisationId", "status", "noticeDate") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3df2a183474fef954f68f83114" ON "contract" ("organisationId", "reference") `);
    await queryRunner.query(
      `CREATE TABLE "contract_document" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "contractId" integer NOT NULL, "organisationId" integer NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(20) NOT NULL, "url" varchar(2000) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6a1adb86d3161e08d39b32b082" ON "contract_document" ("contractId") `);
    await queryRunner.query(
      `CREATE TABLE "contract_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "contractId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(20), "toStatus" varchar(20) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_c910c0b21f165a7b5f46016c48" ON "contract_status_change" ("contractId") `);
    await queryRunner.query(
      `CREATE TABLE "organisation_acts_for" ("managerId" integer NOT NULL, "managedId" integer NOT NULL, "basis" varchar(30) NOT NULL, "since" date NOT NULL, PRIMARY KEY ("managerId", "managedId"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ca8a84885ac286fbe7108e365f" ON "organisation_acts_for" ("managedId") `);
    await queryRunner.query(
      `CREATE TABLE "site" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "odsCode" varchar(10) NOT NULL, "name" varchar(200) NOT NULL, "addressLine1" varchar(200) NOT NULL, "addressLine2" varchar(200), "town" varchar(100) NOT NULL, "postcode" varchar(8) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_3dd4a03f46b1f034bff6e61a6d" ON "site" ("postcode") `);
    await queryRunner.query(`CREATE INDEX "IDX_30740ab376a7a1e37179b61e9b" ON "site" ("organisationId", "name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_434d57158ffb8e046b6e67d7ee" ON "site" ("organisationId", "odsCode") `);
    await queryRunner.query(
      `CREATE TABLE "service" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contractId" integer NOT NULL, "supplierId" integer NOT NULL, "siteId" integer NOT NULL, "reference" varchar(64) NOT NULL, "type" varchar(20) NOT NULL, "bandwidthMbps" integer NOT NULL, "resilience" varchar(20) NOT NULL, "qosProfile" varchar(64), "status" varchar(20) NOT NULL, "installDate" date, "ceaseDate" date, "monthlyCharge" bigint NOT NULL, "oneOffCharge" bigint NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b551b85965faa839674c32db9c" ON "service" ("organisationId", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_f3198e0e56fd0af63366ada219" ON "service" ("siteId") `);
    await queryRunner.query(`CREATE INDEX "IDX_b88ebcaf5743cdf3652772dbd3" ON "service" ("contractId", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0ae4239e6bec731bd6e43d8893" ON "service" ("supplierId", "reference") `);
    await queryRunner.query(`DROP INDEX "IDX_c4f6ccad30c0862eb54af9fb0a"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_api_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer, "name" varchar(100) NOT NULL, "prefix" varchar(16) NOT NULL, "secretHash" varchar(64) NOT NULL, "roles" text NOT NULL, "createdBy" varchar(200) NOT NULL, "lastUsedAt" datetime(3), "revokedAt" datetime(3), CONSTRAINT "FK_599b2b73d4d10c85fa9680e925d" FOREIGN KEY ("organisationId") REFERENCES "organisation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_api_key"("id", "createdAt", "updatedAt", "organisationId", "supplierId", "name", "prefix", "secretHash", "roles", "createdBy", "lastUsedAt", "revokedAt") SELECT "id", "createdAt", "updatedAt", "organisationId", "supplierId", "name", "prefix", "secretHash", "roles", "createdBy", "lastUsedAt", "revokedAt" FROM "api_key"`,
    );
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`ALTER TABLE "temporary_api_key" RENAME TO "api_key"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c4f6ccad30c0862eb54af9fb0a" ON "api_key" ("prefix") `);
    await queryRunner.query(`DROP INDEX "IDX_164c9e4c99f8c980cf73ed1c06"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_contact" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "name" varchar(200) NOT NULL, "jobTitle" varchar(200), "email" varchar(254), "phone" varchar(40), "hours" varchar(100), "notes" text, "lastVerifiedAt" datetime(3), "lastVerifiedBy" varchar(200), CONSTRAINT "FK_0bd14275bad5af5634c7b341ae1" FOREIGN KEY ("organisationId") REFERENCES "organisation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_contact"("id", "createdAt", "updatedAt", "organisationId", "name", "jobTitle", "email", "phone", "hours", "notes", "lastVerifiedAt", "lastVerifiedBy") SELECT "id", "createdAt", "updatedAt", "organisationId", "name", "jobTitle", "email", "phone", "hours", "notes", "lastVerifiedAt", "lastVerifiedBy" FROM "contact"`,
    );
    await queryRunner.query(`DROP TABLE "contact"`);
    await queryRunner.query(`ALTER TABLE "temporary_contact" RENAME TO "contact"`);
    await queryRunner.query(`CREATE INDEX "IDX_164c9e4c99f8c980cf73ed1c06" ON "contact" ("organisationId", "lastVerifiedAt") `);
    await queryRunner.query(`DROP INDEX "IDX_7860db566b91a0bdb7406fde94"`);
    await queryRunner.query(`DROP INDEX "IDX_2f20de44a50f121201137c17f3"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_contact_assignment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "contactId" integer NOT NULL, "organisationId" integer NOT NULL, "objectType" varchar(10) NOT NULL, "objectId" integer NOT NULL, "role" varchar(20) NOT NULL, "priority" varchar(10) NOT NULL, CONSTRAINT "FK_863a076c0883180c6ff897d68cc" FOREIGN KEY ("contactId") REFERENCES "contact" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_contact_assignment"("id", "createdAt", "updatedAt", "contactId", "organisationId", "objectType", "objectId", "role", "priority") SELECT "id", "createdAt", "updatedAt", "contactId", "organisationId", "objectType", "objectId", "role", "priority" FROM "contact_assignment"`,
    );
    await queryRunner.query(`DROP TABLE "contact_assignment"`);
    await queryRunner.query(`ALTER TABLE "temporary_contact_assignment" RENAME TO "contact_assignment"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_7860db566b91a0bdb7406fde94" ON "contact_assignment" ("contactId", "objectType", "objectId", "role") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2f20de44a50f121201137c17f3" ON "contact_assignment" ("objectType", "objectId", "organisationId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_5f9aba86ffb85928d9bda6e924"`);
    await queryRunner.query(`DROP INDEX "IDX_2984aba10e06ce98f18e46a9f1"`);
    await queryRunner.query(`DROP INDEX "IDX_3df2a183474fef954f68f83114"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_contract" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "reference" varchar(64) NOT NULL, "title" varchar(200) NOT NULL, "procurementRoute" varchar(30) NOT NULL, "procurementVehicle" varchar(200), "status" varchar(20) NOT NULL, "startDate" date NOT NULL, "endDate" date NOT NULL, "initialTermMonths" integer NOT NULL, "renewalTermMonths" integer, "noticePeriodDays" integer NOT NULL, "noticeDate" date NOT NULL, "serviceWrap" varchar(20) NOT NULL, "serviceHours" varchar(20) NOT NULL, "serviceHoursCalendar" varchar(100), "currency" varchar(3) NOT NULL DEFAULT ('GBP'), "totalContractValue" bigint, CONSTRAINT "FK_2ed442f640e324deba753647ceb" FOREIGN KEY ("organisationId") REFERENCES "organisation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_5f9aba86ffb85928d9bda6e9244" FOREIGN KEY ("supplierId") REFERENCES "supplier" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_contract"("id", "createdAt", "updatedAt", "organisationId", "supplierId", "reference", "title", "procurementRoute", "procurementVehicle", "status", "startDate", "endDate", "initialTermMonths", "renewalTermMonths", "noticePeriodDays", "noticeDate", "serviceWrap", "serviceHours", "serviceHoursCalendar", "currency", "totalContractValue") SELECT "id", "createdAt", "updatedAt", "organisationId", "supplierId", "reference", "title", "procurementRoute", "procurementVehicle", "status", "startDate", "endDate", "initialTermMonths", "renewalTermMonths", "noticePeriodDays", "noticeDate", "serviceWrap", "serviceHours", "serviceHoursCalendar", "currency", "totalContractValue" FROM "contract"`,
    );
    await queryRunner.query(`DROP TABLE "contract"`);
    await queryRunner.query(`ALTER TABLE "temporary_contract" RENAME TO "contract"`);
    await queryRunner.query(`CREATE INDEX "IDX_5f9aba86ffb85928d9bda6e924" ON "contract" ("supplierId") `);
    await queryRunner.query(`CREATE INDEX "IDX_2984aba10e06ce98f18e46a9f1" ON "contract" ("organisationId", "status", "noticeDate") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3df2a183474fef954f68f83114" ON "contract" ("organisationId", "reference") `);
    await queryRunner.query(`DROP INDEX "IDX_6a1adb86d3161e08d39b32b082"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_contract_document" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "contractId" integer NOT NULL, "organisationId" integer NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(20) NOT NULL, "url" varchar(2000) NOT NULL, CONSTRAINT "FK_6a1adb86d3161e08d39b32b0827" FOREIGN KEY ("contractId") REFERENCES "contract" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_contract_document"("id", "createdAt", "updatedAt", "contractId", "organisationId", "title", "kind", "url") SELECT "id", "createdAt", "updatedAt", "contractId", "organisationId", "title", "kind", "url" FROM "contract_document"`,
    );
    await queryRunner.query(`DROP TABLE "contract_document"`);
    await queryRunner.query(`ALTER TABLE "temporary_contract_document" RENAME TO "contract_document"`);
    await queryRunner.query(`CREATE INDEX "IDX_6a1adb86d3161e08d39b32b082" ON "contract_document" ("contractId") `);
    await queryRunner.query(`DROP INDEX "IDX_c910c0b21f165a7b5f46016c48"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_contract_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "contractId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(20), "toStatus" varchar(20) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL, CONSTRAINT "FK_c910c0b21f165a7b5f46016c48e" FOREIGN KEY ("contractId") REFERENCES "contract" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_contract_status_change"("id", "createdAt", "updatedAt", "contractId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "contractId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy" FROM "contract_status_change"`,
    );
    await queryRunner.query(`DROP TABLE "contract_status_change"`);
    await queryRunner.query(`ALTER TABLE "temporary_contract_status_change" RENAME TO "contract_status_change"`);
    await queryRunner.query(`CREATE INDEX "IDX_c910c0b21f165a7b5f46016c48" ON "contract_status_change" ("contractId") `);
    await queryRunner.query(`DROP INDEX "IDX_ca8a84885ac286fbe7108e365f"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_organisation_acts_for" ("managerId" integer NOT NULL, "managedId" integer NOT NULL, "basis" varchar(30) NOT NULL, "since" date NOT NULL, CONSTRAINT "FK_32ee0191f345055fbb15495751d" FOREIGN KEY ("managerId") REFERENCES "organisation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ca8a84885ac286fbe7108e365f7" FOREIGN KEY ("managedId") REFERENCES "organisation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("managerId", "managedId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_organisation_acts_for"("managerId", "managedId", "basis", "since") SELECT "managerId", "managedId", "basis", "since" FROM "organisation_acts_for"`,
    );
    await queryRunner.query(`DROP TABLE "organisation_acts_for"`);
    await queryRunner.query(`ALTER TABLE "temporary_organisation_acts_for" RENAME TO "organisation_acts_for"`);
    await queryRunner.query(`CREATE INDEX "IDX_ca8a84885ac286fbe7108e365f" ON "organisation_acts_for" ("managedId") `);
    await queryRunner.query(`DROP INDEX "IDX_3dd4a03f46b1f034bff6e61a6d"`);
    await queryRunner.query(`DROP INDEX "IDX_30740ab376a7a1e37179b61e9b"`);
    await queryRunner.query(`DROP INDEX "IDX_434d57158ffb8e046b6e67d7ee"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_site" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "odsCode" varchar(10) NOT NULL, "name" varchar(200) NOT NULL, "addressLine1" varchar(200) NOT NULL, "addressLine2" varchar(200), "town" varchar(100) NOT NULL, "postcode" varchar(8) NOT NULL, CONSTRAINT "FK_e6ac4150af3c67be5912ea72c1b" FOREIGN KEY ("organisationId") REFERENCES "organisation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_site"("id", "createdAt", "updatedAt", "organisationId", "odsCode", "name", "addressLine1", "addressLine2", "town", "postcode") SELECT "id", "createdAt", "updatedAt", "organisationId", "odsCode", "name", "addressLine1", "addressLine2", "town", "postcode" FROM "site"`,
    );
    await queryRunner.query(`DROP TABLE "site"`);
    await queryRunner.query(`ALTER TABLE "temporary_site" RENAME TO "site"`);
    await queryRunner.query(`CREATE INDEX "IDX_3dd4a03f46b1f034bff6e61a6d" ON "site" ("postcode") `);
    await queryRunner.query(`CREATE INDEX "IDX_30740ab376a7a1e37179b61e9b" ON "site" ("organisationId", "name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_434d57158ffb8e046b6e67d7ee" ON "site" ("organisationId", "odsCode") `);
    await queryRunner.query(`DROP INDEX "IDX_b551b85965faa839674c32db9c"`);
    await queryRunner.query(`DROP INDEX "IDX_f3198e0e56fd0af63366ada219"`);
    await queryRunner.query(`DROP INDEX "IDX_b88ebcaf5743cdf3652772dbd3"`);
    await queryRunner.query(`DROP INDEX "IDX_0ae4239e6bec731bd6e43d8893"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_service" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contractId" integer NOT NULL, "supplierId" integer NOT NULL, "siteId" integer NOT NULL, "reference" varchar(64) NOT NULL, "type" varchar(20) NOT NULL, "bandwidthMbps" integer NOT NULL, "resilience" varchar(20) NOT NULL, "qosProfile" varchar(64), "status" varchar(20) NOT NULL, "installDate" date, "ceaseDate" date, "monthlyCharge" bigint NOT NULL, "oneOffCharge" bigint NOT NULL, CONSTRAINT "FK_669a5f9c6ae8a85cf5a7deeaaba" FOREIGN KEY ("contractId") REFERENCES "contract" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_f3198e0e56fd0af63366ada2190" FOREIGN KEY ("siteId") REFERENCES "site" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_service"("id", "createdAt", "updatedAt", "organisationId", "contractId", "supplierId", "siteId", "reference", "type", "bandwidthMbps", "resilience", "qosProfile", "status", "installDate", "ceaseDate", "monthlyCharge", "oneOffCharge") SELECT "id", "createdAt", "updatedAt", "organisationId", "contractId", "supplierId", "siteId", "reference", "type", "bandwidthMbps", "resilience", "qosProfile", "status", "installDate", "ceaseDate", "monthlyCharge", "oneOffCharge" FROM "service"`,
    );
    await queryRunner.query(`DROP TABLE "service"`);
    await queryRunner.query(`ALTER TABLE "temporary_service" RENAME TO "service"`);
    await queryRunner.query(`CREATE INDEX "IDX_b551b85965faa839674c32db9c" ON "service" ("organisationId", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_f3198e0e56fd0af63366ada219" ON "service" ("siteId") `);
    await queryRunner.query(`CREATE INDEX "IDX_b88ebcaf5743cdf3652772dbd3" ON "service" ("contractId", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0ae4239e6bec731bd6e43d8893" ON "service" ("supplierId", "reference") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_0ae4239e6bec731bd6e43d8893"`);
    await queryRunner.query(`DROP INDEX "IDX_b88ebcaf5743cdf3652772dbd3"`);
    await queryRunner.query(`DROP INDEX "IDX_f3198e0e56fd0af63366ada219"`);
    await queryRunner.query(`DROP INDEX "IDX_b551b85965faa839674c32db9c"`);
    await queryRunner.query(`ALTER TABLE "service" RENAME TO "temporary_service"`);
    await queryRunner.query(
      `CREATE TABLE "service" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contractId" integer NOT NULL, "supplierId" integer NOT NULL, "siteId" integer NOT NULL, "reference" varchar(64) NOT NULL, "type" varchar(20) NOT NULL, "bandwidthMbps" integer NOT NULL, "resilience" varchar(20) NOT NULL, "qosProfile" varchar(64), "status" varchar(20) NOT NULL, "installDate" date, "ceaseDate" date, "monthlyCharge" bigint NOT NULL, "oneOffCharge" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "service"("id", "createdAt", "updatedAt", "organisationId", "contractId", "supplierId", "siteId", "reference", "type", "bandwidthMbps", "resilience", "qosProfile", "status", "installDate", "ceaseDate", "monthlyCharge", "oneOffCharge") SELECT "id", "createdAt", "updatedAt", "organisationId", "contractId", "supplierId", "siteId", "reference", "type", "bandwidthMbps", "resilience", "qosProfile", "status", "installDate", "ceaseDate", "monthlyCharge", "oneOffCharge" FROM "temporary_service"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_service"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0ae4239e6bec731bd6e43d8893" ON "service" ("supplierId", "reference") `);
    await queryRunner.query(`CREATE INDEX "IDX_b88ebcaf5743cdf3652772dbd3" ON "service" ("contractId", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_f3198e0e56fd0af63366ada219" ON "service" ("siteId") `);
    await queryRunner.query(`CREATE INDEX "IDX_b551b85965faa839674c32db9c" ON "service" ("organisationId", "status") `);
    await queryRunner.query(`DROP INDEX "IDX_434d57158ffb8e046b6e67d7ee"`);
    await queryRunner.query(`DROP INDEX "IDX_30740ab376a7a1e37179b61e9b"`);
    await queryRunner.query(`DROP INDEX "IDX_3dd4a03f46b1f034bff6e61a6d"`);
    await queryRunner.query(`ALTER TABLE "site" RENAME TO "temporary_site"`);
    await queryRunner.query(
      `CREATE TABLE "site" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "odsCode" varchar(10) NOT NULL, "name" varchar(200) NOT NULL, "addressLine1" varchar(200) NOT NULL, "addressLine2" varchar(200), "town" varchar(100) NOT NULL, "postcode" varchar(8) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "site"("id", "createdAt", "updatedAt", "organisationId", "odsCode", "name", "addressLine1", "addressLine2", "town", "postcode") SELECT "id", "createdAt", "updatedAt", "organisationId", "odsCode", "name", "addressLine1", "addressLine2", "town", "postcode" FROM "temporary_site"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_site"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_434d57158ffb8e046b6e67d7ee" ON "site" ("organisationId", "odsCode") `);
    await queryRunner.query(`CREATE INDEX "IDX_30740ab376a7a1e37179b61e9b" ON "site" ("organisationId", "name") `);
    await queryRunner.query(`CREATE INDEX "IDX_3dd4a03f46b1f034bff6e61a6d" ON "site" ("postcode") `);
    await queryRunner.query(`DROP INDEX "IDX_ca8a84885ac286fbe7108e365f"`);
    await queryRunner.query(`ALTER TABLE "organisation_acts_for" RENAME TO "temporary_organisation_acts_for"`);
    await queryRunner.query(
      `CREATE TABLE "organisation_acts_for" ("managerId" integer NOT NULL, "managedId" integer NOT NULL, "basis" varchar(30) NOT NULL, "since" date NOT NULL, PRIMARY KEY ("managerId", "managedId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "organisation_acts_for"("managerId", "managedId", "basis", "since") SELECT "managerId", "managedId", "basis", "since" FROM "temporary_organisation_acts_for"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_organisation_acts_for"`);
    await queryRunner.query(`CREATE INDEX "IDX_ca8a84885ac286fbe7108e365f" ON "organisation_acts_for" ("managedId") `);
    await queryRunner.query(`DROP INDEX "IDX_c910c0b21f165a7b5f46016c48"`);
    await queryRunner.query(`ALTER TABLE "contract_status_change" RENAME TO "temporary_contract_status_change"`);
    await queryRunner.query(
      `CREATE TABLE "contract_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "contractId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(20), "toStatus" varchar(20) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "contract_status_change"("id", "createdAt", "updatedAt", "contractId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "contractId", "organisationId", "fromStatus", "toStatus", "reason", "changedBy" FROM "temporary_contract_status_change"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_contract_status_change"`);
    await queryRunner.query(`CREATE INDEX "IDX_c910c0b21f165a7b5f46016c48" ON "contract_status_change" ("contractId") `);
    await queryRunner.query(`DROP INDEX "IDX_6a1adb86d3161e08d39b32b082"`);
    await queryRunner.query(`ALTER TABLE "contract_document" RENAME TO "temporary_contract_document"`);
    await queryRunner.query(
      `CREATE TABLE "contract_document" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "contractId" integer NOT NULL, "organisationId" integer NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(20) NOT NULL, "url" varchar(2000) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "contract_document"("id", "createdAt", "updatedAt", "contractId", "organisationId", "title", "kind", "url") SELECT "id", "createdAt", "updatedAt", "contractId", "organisationId", "title", "kind", "url" FROM "temporary_contract_document"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_contract_document"`);
    await queryRunner.query(`CREATE INDEX "IDX_6a1adb86d3161e08d39b32b082" ON "contract_document" ("contractId") `);
    await queryRunner.query(`DROP INDEX "IDX_3df2a183474fef954f68f83114"`);
    await queryRunner.query(`DROP INDEX "IDX_2984aba10e06ce98f18e46a9f1"`);
    await queryRunner.query(`DROP INDEX "IDX_5f9aba86ffb85928d9bda6e924"`);
    await queryRunner.query(`ALTER TABLE "contract" RENAME TO "temporary_contract"`);
    await queryRunner.query(
      `CREATE TABLE "contract" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "reference" varchar(64) NOT NULL, "title" varchar(200) NOT NULL, "procurementRoute" varchar(30) NOT NULL, "procurementVehicle" varchar(200), "status" varchar(20) NOT NULL, "startDate" date NOT NULL, "endDate" date NOT NULL, "initialTermMonths" integer NOT NULL, "renewalTermMonths" integer, "noticePeriodDays" integer NOT NULL, "noticeDate" date NOT NULL, "serviceWrap" varchar(20) NOT NULL, "serviceHours" varchar(20) NOT NULL, "serviceHoursCalendar" varchar(100), "currency" varchar(3) NOT NULL DEFAULT ('GBP'), "totalContractValue" bigint)`,
    );
    await queryRunner.query(
      `INSERT INTO "contract"("id", "createdAt", "updatedAt", "organisationId", "supplierId", "reference", "title", "procurementRoute", "procurementVehicle", "status", "startDate", "endDate", "initialTermMonths", "renewalTermMonths", "noticePeriodDays", "noticeDate", "serviceWrap", "serviceHours", "serviceHoursCalendar", "currency", "totalContractValue") SELECT "id", "createdAt", "updatedAt", "organisationId", "supplierId", "reference", "title", "procurementRoute", "procurementVehicle", "status", "startDate", "endDate", "initialTermMonths", "renewalTermMonths", "noticePeriodDays", "noticeDate", "serviceWrap", "serviceHours", "serviceHoursCalendar", "currency", "totalContractValue" FROM "temporary_contract"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_contract"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3df2a183474fef954f68f83114" ON "contract" ("organisationId", "reference") `);
    await queryRunner.query(`CREATE INDEX "IDX_2984aba10e06ce98f18e46a9f1" ON "contract" ("organisationId", "status", "noticeDate") `);
    await queryRunner.query(`CREATE INDEX "IDX_5f9aba86ffb85928d9bda6e924" ON "contract" ("supplierId") `);
    await queryRunner.query(`DROP INDEX "IDX_2f20de44a50f121201137c17f3"`);
    await queryRunner.query(`DROP INDEX "IDX_7860db566b91a0bdb7406fde94"`);
    await queryRunner.query(`ALTER TABLE "contact_assignment" RENAME TO "temporary_contact_assignment"`);
    await queryRunner.query(
      `CREATE TABLE "contact_assignment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "contactId" integer NOT NULL, "organisationId" integer NOT NULL, "objectType" varchar(10) NOT NULL, "objectId" integer NOT NULL, "role" varchar(20) NOT NULL, "priority" varchar(10) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "contact_assignment"("id", "createdAt", "updatedAt", "contactId", "organisationId", "objectType", "objectId", "role", "priority") SELECT "id", "createdAt", "updatedAt", "contactId", "organisationId", "objectType", "objectId", "role", "priority" FROM "temporary_contact_assignment"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_contact_assignment"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_2f20de44a50f121201137c17f3" ON "contact_assignment" ("objectType", "objectId", "organisationId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_7860db566b91a0bdb7406fde94" ON "contact_assignment" ("contactId", "objectType", "objectId", "role") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_164c9e4c99f8c980cf73ed1c06"`);
    await queryRunner.query(`ALTER TABLE "contact" RENAME TO "temporary_contact"`);
    await queryRunner.query(
      `CREATE TABLE "contact" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "name" varchar(200) NOT NULL, "jobTitle" varchar(200), "email" varchar(254), "phone" varchar(40), "hours" varchar(100), "notes" text, "lastVerifiedAt" datetime(3), "lastVerifiedBy" varchar(200))`,
    );
    await queryRunner.query(
      `INSERT INTO "contact"("id", "createdAt", "updatedAt", "organisationId", "name", "jobTitle", "email", "phone", "hours", "notes", "lastVerifiedAt", "lastVerifiedBy") SELECT "id", "createdAt", "updatedAt", "organisationId", "name", "jobTitle", "email", "phone", "hours", "notes", "lastVerifiedAt", "lastVerifiedBy" FROM "temporary_contact"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_contact"`);
    await queryRunner.query(`CREATE INDEX "IDX_164c9e4c99f8c980cf73ed1c06" ON "contact" ("organisationId", "lastVerifiedAt") `);
    await queryRunner.query(`DROP INDEX "IDX_c4f6ccad30c0862eb54af9fb0a"`);
    await queryRunner.query(`ALTER TABLE "api_key" RENAME TO "temporary_api_key"`);
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer, "name" varchar(100) NOT NULL, "prefix" varchar(16) NOT NULL, "secretHash" varchar(64) NOT NULL, "roles" text NOT NULL, "createdBy" varchar(200) NOT NULL, "lastUsedAt" datetime(3), "revokedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "api_key"("id", "createdAt", "updatedAt", "organisationId", "supplierId", "name", "prefix", "secretHash", "roles", "createdBy", "lastUsedAt", "revokedAt") SELECT "id", "createdAt", "updatedAt", "organisationId", "supplierId", "name", "prefix", "secretHash", "roles", "createdBy", "lastUsedAt", "revokedAt" FROM "temporary_api_key"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_api_key"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c4f6ccad30c0862eb54af9fb0a" ON "api_key" ("prefix") `);
    await queryRunner.query(`DROP INDEX "IDX_0ae4239e6bec731bd6e43d8893"`);
    await queryRunner.query(`DROP INDEX "IDX_b88ebcaf5743cdf3652772dbd3"`);
    await queryRunner.query(`DROP INDEX "IDX_f3198e0e56fd0af63366ada219"`);
    await queryRunner.query(`DROP INDEX "IDX_b551b85965faa839674c32db9c"`);
    await queryRunner.query(`DROP TABLE "service"`);
    await queryRunner.query(`DROP INDEX "IDX_434d57158ffb8e046b6e67d7ee"`);
    await queryRunner.query(`DROP INDEX "IDX_30740ab376a7a1e37179b61e9b"`);
    await queryRunner.query(`DROP INDEX "IDX_3dd4a03f46b1f034bff6e61a6d"`);
    await queryRunner.query(`DROP TABLE "site"`);
    await queryRunner.query(`DROP INDEX "IDX_ca8a84885ac286fbe7108e365f"`);
    await queryRunner.query(`DROP TABLE "organisation_acts_for"`);
    await queryRunner.query(`DROP INDEX "IDX_c910c0b21f165a7b5f46016c48"`);
    await queryRunner.query(`DROP TABLE "contract_status_change"`);
    await queryRunner.query(`DROP INDEX "IDX_6a1adb86d3161e08d39b32b082"`);
    await queryRunner.query(`DROP TABLE "contract_document"`);
    await queryRunner.query(`DROP INDEX "IDX_3df2a183474fef954f68f83114"`);
    await queryRunner.query(`DROP INDEX "IDX_2984aba10e06ce98f18e46a9f1"`);
    await queryRunner.query(`DROP INDEX "IDX_5f9aba86ffb85928d9bda6e924"`);
    await queryRunner.query(`DROP TABLE "contract"`);
    await queryRunner.query(`DROP INDEX "IDX_d1e8d0fcffe04428cc29187c99"`);
    await queryRunner.query(`DROP INDEX "IDX_05290e39dd1ef4fbbcfe329f7b"`);
    await queryRunner.query(`DROP TABLE "supplier"`);
    await queryRunner.query(`DROP INDEX "IDX_2f20de44a50f121201137c17f3"`);
    await queryRunner.query(`DROP INDEX "IDX_7860db566b91a0bdb7406fde94"`);
    await queryRunner.query(`DROP TABLE "contact_assignment"`);
    await queryRunner.query(`DROP INDEX "IDX_164c9e4c99f8c980cf73ed1c06"`);
    await queryRunner.query(`DROP TABLE "contact"`);
    await queryRunner.query(`DROP INDEX "IDX_c4f6ccad30c0862eb54af9fb0a"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP INDEX "IDX_92cd18b48963d28bcaf9a16e2c"`);
    await queryRunner.query(`DROP TABLE "organisation"`);
  }
}
