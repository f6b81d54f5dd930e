import { MigrationInterface, QueryRunner } from "typeorm";

export class SlaTerms1795578629692 implements MigrationInterface {
    name = 'SlaTerms1795578629692'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "sla_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contractId" integer NOT NULL, "kind" varchar(20) NOT NULL, "severity" integer, "resilience" varchar(20), "targetPercent" varchar(12), "targetMinutes" integer, "threshold" varchar(12), "statistic" varchar(6))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a1f10b2febc467fb97f9e7b817" ON "sla_term" ("contractId", "kind", "severity", "resilience") `);
        await queryRunner.query(`DROP INDEX "IDX_a1f10b2febc467fb97f9e7b817"`);
        await queryRunner.query(`CREATE TABLE "temporary_sla_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contractId" integer NOT NULL, "kind" varchar(20) NOT NULL, "severity" integer, "resilience" varchar(20), "targetPercent" varchar(12), "targetMinutes" integer, "threshold" varchar(12), "statistic" varchar(6), CONSTRAINT "FK_15614979dcad054111d36ae0d1c" FOREIGN KEY ("contractId") REFERENCES "contract" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_sla_term"("id", "createdAt", "updatedAt", "organisationId", "contractId", "kind", "severity", "resilience", "targetPercent", "targetMinutes", "threshold", "statistic") SELECT "id", "createdAt", "updatedAt", "organisationId", "contractId", "kind", "severity", "resilience", "targetPercent", "targetMinutes", "threshold", "statistic" FROM "sla_term"`);
        await queryRunner.query(`DROP TABLE "sla_term"`);
        await queryRunner.query(`ALTER TABLE "temporary_sla_term" RENAME TO "sla_term"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a1f10b2febc467fb97f9e7b817" ON "sla_term" ("contractId", "kind", "severity", "resilience") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_a1f10b2febc467fb97f9e7b817"`);
        await queryRunner.query(`ALTER TABLE "sla_term" RENAME TO "temporary_sla_term"`);
        await queryRunner.query(`CREATE TABLE "sla_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contractId" integer NOT NULL, "kind" varchar(20) NOT NULL, "severity" integer, "resilience" varchar(20), "targetPercent" varchar(12), "targetMinutes" integer, "threshold" varchar(12), "statistic" varchar(6))`);
        await queryRunner.query(`INSERT INTO "sla_term"("id", "createdAt", "updatedAt", "organisationId", "contractId", "kind", "severity", "resilience", "targetPercent", "targetMinutes", "threshold", "statistic") SELECT "id", "createdAt", "updatedAt", "organisationId", "contractId", "kind", "severity", "resilience", "targetPercent", "targetMinutes", "threshold", "statistic" FROM "temporary_sla_term"`);
        await queryRunner.query(`DROP TABLE "temporary_sla_term"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a1f10b2febc467fb97f9e7b817" ON "sla_term" ("contractId", "kind", "severity", "resilience") `);
        await queryRunner.query(`DROP INDEX "IDX_a1f10b2febc467fb97f9e7b817"`);
        await queryRunner.query(`DROP TABLE "sla_term"`);
    }

}
