import { MigrationInterface, QueryRunner } from 'typeorm';

export class MonthlyPercentiles1796209124154 implements MigrationInterface {
  name = 'MonthlyPercentiles1796209124154';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "performance_monthly_percentile" ("serviceId" integer NOT NULL, "period" varchar(7) NOT NULL, "organisationId" integer NOT NULL, "latencyCount" integer NOT NULL, "latencyP95Us" integer, "jitterCount" integer NOT NULL, "jitterP95Us" integer, "packetLossCount" integer NOT NULL, "packetLossP95Ppm" integer, PRIMARY KEY ("serviceId", "period"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "performance_month_frozen" ("period" varchar(7) PRIMARY KEY NOT NULL, "frozenAt" datetime(3) NOT NULL, "services" integer NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "performance_month_frozen"`);
    await queryRunner.query(`DROP TABLE "performance_monthly_percentile"`);
  }
}
