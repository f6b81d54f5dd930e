import { MigrationInterface, QueryRunner } from 'typeorm';

export class Sla1795579406602 implements MigrationInterface {
  name = 'Sla1795579406602';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sla_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contractId" integer NOT NULL, "kind" varchar(20) NOT NULL, "severity" integer, "resilience" varchar(20), "targetPercent" varchar(12), "targetMinutes" integer, "threshold" varchar(12), "statistic" varchar(6))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_a1f10b2febc467fb97f9e7b817" ON "sla_term" ("contractId", "kind", "severity", "resilience") `,
    );
    await queryRunner.query(
      `CREATE TABLE "credit_policy" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contractId" integer NOT NULL, "availabilityBands" text NOT NULL, "resolutionBreachPercent" varchar(12), "capPercent" varchar(12), "capAmount" bigint)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f01c585ece9ae71146b36fe006" ON "credit_policy" ("contractId") `);
    await queryRunner.query(
      `CREATE TABLE "exclusion_window" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "serviceId" integer NOT NULL, "kind" varchar(20) NOT NULL, "startsAt" datetime(3) NOT NULL, "endsAt" datetime(3) NOT NULL, "reason" varchar(1000) NOT NULL, "recordedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b10c00d158e5523b1f2fc952b9" ON "exclusion_window" ("serviceId", "startsAt") `);
    await queryRunner.query(
      `CREATE TABLE "scorecard_weights" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "availability" integer NOT NULL, "incidentResolution" integer NOT NULL, "orderDelivery" integer NOT NULL, "billingAccuracy" integer NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_1c69109912d9dcbade054315f5" ON "scorecard_weights" ("organisationId") `);
    await queryRunner.query(
      `CREATE TABLE "service_calendar" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "name" varchar(100) NOT NULL, "windows" text NOT NULL, "excludeBankHolidays" boolean NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a3259866cd80afe58124df2450" ON "service_calendar" ("organisationId", "name") `);
    await queryRunner.query(`DROP INDEX "IDX_a1f10b2febc467fb97f9e7b817"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_sla_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contractId" integer NOT NULL, "kind" varchar(20) NOT NULL, "severity" integer, "resilience" varchar(20), "targetPercent" varchar(12), "targetMinutes" integer, "threshold" varchar(12), "statistic" varchar(6), CONSTRAINT "FK_15614979dcad054111d36ae0d1c" FOREIGN KEY ("contractId") REFERENCES "contract" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_sla_term"("id", "createdAt", "updatedAt", "organisationId", "contractId", "kind", "severity", "resilience", "targetPercent", "targetMinutes", "threshold", "statistic") SELECT "id", "createdAt", "updatedAt", "organisationId", "contractId", "kind", "severity", "resilience", "targetPercent", "targetMinutes", "threshold", "statistic" FROM "sla_term"`,
    );
    await queryRunner.query(`DROP TABLE "sla_term"`);
    await queryRunner.query(`ALTER TABLE "temporary_sla_term" RENAME TO "sla_term"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_a1f10b2febc467fb97f9e7b817" ON "sla_term" ("contractId", "kind", "severity", "resilience") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_f01c585ece9ae71146b36fe006"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_credit_policy" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contractId" integer NOT NULL, "availabilityBands" text NOT NULL, "resolutionBreachPercent" varchar(12), "capPercent" varchar(12), "capAmount" bigint, CONSTRAINT "FK_f01c585ece9ae71146b36fe0066" FOREIGN KEY ("contractId") REFERENCES "contract" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_credit_policy"("id", "createdAt", "updatedAt", "organisationId", "contractId", "availabilityBands", "resolutionBreachPercent", "capPercent", "capAmount") SELECT "id", "createdAt", "updatedAt", "organisationId", "contractId", "availabilityBands", "resolutionBreachPercent", "capPercent", "capAmount" FROM "credit_policy"`,
    );
    await queryRunner.query(`DROP TABLE "credit_policy"`);
    await queryRunner.query(`ALTER TABLE "temporary_credit_policy" RENAME TO "credit_policy"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f01c585ece9ae71146b36fe006" ON "credit_policy" ("contractId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_f01c585ece9ae71146b36fe006"`);
    await queryRunner.query(`ALTER TABLE "credit_policy" RENAME TO "temporary_credit_policy"`);
    await queryRunner.query(
      `CREATE TABLE "credit_policy" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contractId" integer NOT NULL, "availabilityBands" text NOT NULL, "resolutionBreachPercent" varchar(12), "capPercent" varchar(12), "capAmount" bigint)`,
    );
    await queryRunner.query(
      `INSERT INTO "credit_policy"("id", "createdAt", "updatedAt", "organisationId", "contractId", "availabilityBands", "resolutionBreachPercent", "capPercent", "capAmount") SELECT "id", "createdAt", "updatedAt", "organisationId", "contractId", "availabilityBands", "resolutionBreachPercent", "capPercent", "capAmount" FROM "temporary_credit_policy"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_credit_policy"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f01c585ece9ae71146b36fe006" ON "credit_policy" ("contractId") `);
    await queryRunner.query(`DROP INDEX "IDX_a1f10b2febc467fb97f9e7b817"`);
    await queryRunner.query(`ALTER TABLE "sla_term" RENAME TO "temporary_sla_term"`);
    await queryRunner.query(
      `CREATE TABLE "sla_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contractId" integer NOT NULL, "kind" varchar(20) NOT NULL, "severity" integer, "resilience" varchar(20), "targetPercent" varchar(12), "targetMinutes" integer, "threshold" varchar(12), "statistic" varchar(6))`,
    );
    await queryRunner.query(
      `INSERT INTO "sla_term"("id", "createdAt", "updatedAt", "organisationId", "contractId", "kind", "severity", "resilience", "targetPercent", "targetMinutes", "threshold", "statistic") SELECT "id", "createdAt", "updatedAt", "organisationId", "contractId", "kind", "severity", "resilience", "targetPercent", "targetMinutes", "threshold", "statistic" FROM "temporary_sla_term"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_sla_term"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_a1f10b2febc467fb97f9e7b817" ON "sla_term" ("contractId", "kind", "severity", "resilience") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_a3259866cd80afe58124df2450"`);
    await queryRunner.query(`DROP TABLE "service_calendar"`);
    await queryRunner.query(`DROP INDEX "IDX_1c69109912d9dcbade054315f5"`);
    await queryRunner.query(`DROP TABLE "scorecard_weights"`);
    await queryRunner.query(`DROP INDEX "IDX_b10c00d158e5523b1f2fc952b9"`);
    await queryRunner.query(`DROP TABLE "exclusion_window"`);
    await queryRunner.query(`DROP INDEX "IDX_f01c585ece9ae71146b36fe006"`);
    await queryRunner.query(`DROP TABLE "credit_policy"`);
    await queryRunner.query(`DROP INDEX "IDX_a1f10b2febc467fb97f9e7b817"`);
    await queryRunner.query(`DROP TABLE "sla_term"`);
  }
}
