import { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795582302853 implements MigrationInterface {
  name = 'Orders1795582302853';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "service_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "contractId" integer NOT NULL, "siteId" integer NOT NULL, "fromSiteId" integer, "serviceId" integer, "type" varchar(12) NOT NULL, "status" varchar(12) NOT NULL, "supplierOrderReference" varchar(64), "description" varchar(2000), "requestedDate" date NOT NULL, "submittedOn" date, "committedDate" date, "originalCommittedDate" date, "completedOn" date, "oneOffCharge" bigint NOT NULL, "serviceReference" varchar(64), "serviceType" varchar(20), "resilience" varchar(20), "qosProfile" varchar(64), "bandwidthMbps" integer, "monthlyCharge" bigint, "previousBandwidthMbps" integer, "previousMonthlyCharge" bigint)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_035bc1bbdc35390fe8c2fbdafe" ON "service_order" ("siteId") `);
    await queryRunner.query(`CREATE INDEX "IDX_b4dfde7120fb1f37dd7493e139" ON "service_order" ("serviceId", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_22d70f9fba1c9ce55feb77f187" ON "service_order" ("contractId", "status", "completedOn") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_6834d547f905ce9cee3c7be3e9" ON "service_order" ("supplierId", "supplierOrderReference") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7cd1bea70c07837d35ac54671f" ON "service_order" ("supplierId", "status") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_6869d089ea100476ecc9b70e10" ON "service_order" ("organisationId", "status", "committedDate") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_order_transition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "orderId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(12), "toStatus" varchar(12) NOT NULL, "effectiveOn" date NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6991b712015ae8fdc01156618a" ON "service_order_transition" ("orderId") `);
    await queryRunner.query(
      `CREATE TABLE "service_terms_period" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "serviceId" integer NOT NULL, "organisationId" integer NOT NULL, "effectiveFrom" date, "monthlyCharge" bigint NOT NULL, "bandwidthMbps" integer NOT NULL, "siteId" integer NOT NULL, "orderId" integer)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_69b31d719b171ac635f55728a8" ON "service_terms_period" ("organisationId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_16f687b3989e94ea4336fd261d" ON "service_terms_period" ("serviceId", "effectiveFrom") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_replacement" ("legacyServiceId" integer PRIMARY KEY NOT NULL, "replacementServiceId" integer NOT NULL, "organisationId" integer NOT NULL, "linkedAt" datetime(3) NOT NULL, "linkedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_bfc2174175eca3b30f248f87ff" ON "service_replacement" ("organisationId") `);
    await queryRunner.query(`CREATE INDEX "IDX_1df585338ff03bceb802d1578f" ON "service_replacement" ("replacementServiceId") `);
    await queryRunner.query(`DROP INDEX "IDX_6991b712015ae8fdc01156618a"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_service_order_transition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "orderId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(12), "toStatus" varchar(12) NOT NULL, "effectiveOn" date NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL, CONSTRAINT "FK_6991b712015ae8fdc01156618ac" FOREIGN KEY ("orderId") REFERENCES "service_order" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_service_order_transition"("id", "createdAt", "updatedAt", "orderId", "organisationId", "fromStatus", "toStatus", "effectiveOn", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "orderId", "organisationId", "fromStatus", "toStatus", "effectiveOn", "reason", "changedBy" FROM "service_order_transition"`,
    );
    await queryRunner.query(`DROP TABLE "service_order_transition"`);
    await queryRunner.query(`ALTER TABLE "temporary_service_order_transition" RENAME TO "service_order_transition"`);
    await queryRunner.query(`CREATE INDEX "IDX_6991b712015ae8fdc01156618a" ON "service_order_transition" ("orderId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_6991b712015ae8fdc01156618a"`);
    await queryRunner.query(`ALTER TABLE "service_order_transition" RENAME TO "temporary_service_order_transition"`);
    await queryRunner.query(
      `CREATE TABLE "service_order_transition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "orderId" integer NOT NULL, "organisationId" integer NOT NULL, "fromStatus" varchar(12), "toStatus" varchar(12) NOT NULL, "effectiveOn" date NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "service_order_transition"("id", "createdAt", "updatedAt", "orderId", "organisationId", "fromStatus", "toStatus", "effectiveOn", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "orderId", "organisationId", "fromStatus", "toStatus", "effectiveOn", "reason", "changedBy" FROM "temporary_service_order_transition"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_service_order_transition"`);
    await queryRunner.query(`CREATE INDEX "IDX_6991b712015ae8fdc01156618a" ON "service_order_transition" ("orderId") `);
    await queryRunner.query(`DROP INDEX "IDX_1df585338ff03bceb802d1578f"`);
    await queryRunner.query(`DROP INDEX "IDX_bfc2174175eca3b30f248f87ff"`);
    await queryRunner.query(`DROP TABLE "service_replacement"`);
    await queryRunner.query(`DROP INDEX "IDX_16f687b3989e94ea4336fd261d"`);
    await queryRunner.query(`DROP INDEX "IDX_69b31d719b171ac635f55728a8"`);
    await queryRunner.query(`DROP TABLE "service_terms_period"`);
    await queryRunner.query(`DROP INDEX "IDX_6991b712015ae8fdc01156618a"`);
    await queryRunner.query(`DROP TABLE "service_order_transition"`);
    await queryRunner.query(`DROP INDEX "IDX_6869d089ea100476ecc9b70e10"`);
    await queryRunner.query(`DROP INDEX "IDX_7cd1bea70c07837d35ac54671f"`);
    await queryRunner.query(`DROP INDEX "IDX_6834d547f905ce9cee3c7be3e9"`);
    await queryRunner.query(`DROP INDEX "IDX_22d70f9fba1c9ce55feb77f187"`);
    await queryRunner.query(`DROP INDEX "IDX_b4dfde7120fb1f37dd7493e139"`);
    await queryRunner.query(`DROP INDEX "IDX_035bc1bbdc35390fe8c2fbdafe"`);
    await queryRunner.query(`DROP TABLE "service_order"`);
  }
}
