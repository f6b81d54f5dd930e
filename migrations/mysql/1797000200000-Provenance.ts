import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where feed records came from: the document location of the row that last changed an
 * incident (beside its lastFeedRunId), the run and location of each status change a feed
 * brought, and per performance run and service the span of samples it stored with their
 * first and last rows (performance_feed_span).
 */
export class Provenance1797000200000 implements MigrationInterface {
  name = 'Provenance1797000200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`performance_feed_span\` (\`feedRunId\` int NOT NULL, \`serviceId\` int NOT NULL, \`organisationId\` int NOT NULL, \`firstIntervalStart\` datetime NOT NULL, \`lastIntervalEnd\` datetime NOT NULL, \`firstLocation\` varchar(200) NOT NULL, \`lastLocation\` varchar(200) NOT NULL, \`samples\` int NOT NULL, INDEX \`IDX_19a67412aaa42c8479fb6198af\` (\`serviceId\`, \`firstIntervalStart\`), PRIMARY KEY (\`feedRunId\`, \`serviceId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(`ALTER TABLE \`incident\` ADD \`lastFeedLocation\` varchar(200) NULL`);
    await queryRunner.query(`ALTER TABLE \`incident_status_change\` ADD \`feedRunId\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`incident_status_change\` ADD \`feedLocation\` varchar(200) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`incident_status_change\` DROP COLUMN \`feedLocation\``);
    await queryRunner.query(`ALTER TABLE \`incident_status_change\` DROP COLUMN \`feedRunId\``);
    await queryRunner.query(`ALTER TABLE \`incident\` DROP COLUMN \`lastFeedLocation\``);
    await queryRunner.query(`DROP INDEX \`IDX_19a67412aaa42c8479fb6198af\` ON \`performance_feed_span\``);
    await queryRunner.query(`DROP TABLE \`performance_feed_span\``);
  }
}
