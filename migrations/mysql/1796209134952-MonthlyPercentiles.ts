import { MigrationInterface, QueryRunner } from 'typeorm';

export class MonthlyPercentiles1796209134952 implements MigrationInterface {
  name = 'MonthlyPercentiles1796209134952';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`performance_monthly_percentile\` (\`serviceId\` int NOT NULL, \`period\` varchar(7) NOT NULL, \`organisationId\` int NOT NULL, \`latencyCount\` int NOT NULL, \`latencyP95Us\` int NULL, \`jitterCount\` int NOT NULL, \`jitterP95Us\` int NULL, \`packetLossCount\` int NOT NULL, \`packetLossP95Ppm\` int NULL, PRIMARY KEY (\`serviceId\`, \`period\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`performance_month_frozen\` (\`period\` varchar(7) NOT NULL, \`frozenAt\` datetime(3) NOT NULL, \`services\` int NOT NULL, PRIMARY KEY (\`period\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`performance_month_frozen\``);
    await queryRunner.query(`DROP TABLE \`performance_monthly_percentile\``);
  }
}
