import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each feed run stored (feed_run_record): the invoices it created or replaced and the
 * incidents it created or changed, in document order, so that FeedRun.invoices, FeedRun.incidents
 * and the POST /feeds answer can name them. Filled for earlier runs from what the records name.
 */
export class FeedRunRecords1797000300000 implements MigrationInterface {
  name = 'FeedRunRecords1797000300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`feed_run_record\` (\`id\` int NOT NULL AUTO_INCREMENT, \`feedRunId\` int NOT NULL, \`organisationId\` int NOT NULL, \`kind\` varchar(10) NOT NULL, \`invoiceId\` int NULL, \`incidentId\` int NULL, \`position\` int NOT NULL, \`created\` tinyint NOT NULL, UNIQUE INDEX \`IDX_b78d651a6a86aeeabfa97c9b11\` (\`feedRunId\`, \`incidentId\`), UNIQUE INDEX \`IDX_b97fe04d20772e0e33334ede48\` (\`feedRunId\`, \`invoiceId\`), INDEX \`IDX_722b6e6f83b479bfb270d2e864\` (\`feedRunId\`, \`kind\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `ALTER TABLE \`feed_run_record\` ADD CONSTRAINT \`FK_807a15f82a5f3aba07d95116bd9\` FOREIGN KEY (\`feedRunId\`) REFERENCES \`feed_run\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`feed_run_record\` ADD CONSTRAINT \`FK_3ebc6d0c575e48093e18a4ff59d\` FOREIGN KEY (\`invoiceId\`) REFERENCES \`invoice\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`feed_run_record\` ADD CONSTRAINT \`FK_63ea671fe652d34c42efed490b5\` FOREIGN KEY (\`incidentId\`) REFERENCES \`incident\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // what earlier runs stored, as far as the records tell: an invoice names the run that stored
    // its content, an incident the runs of its status entries and the last run that changed
    // it. Their order is the records' own; whether a run created or changed one is not known
    // (and only ever shown in the answer to the run's own POST).
    await queryRunner.query(
      `INSERT INTO \`feed_run_record\` (\`feedRunId\`, \`organisationId\`, \`kind\`, \`invoiceId\`, \`incidentId\`, \`position\`, \`created\`) SELECT i.\`feedRunId\`, i.\`organisationId\`, 'INVOICE', i.\`id\`, NULL, i.\`id\`, 0 FROM \`invoice\` i WHERE EXISTS (SELECT 1 FROM \`feed_run\` r WHERE r.\`id\` = i.\`feedRunId\`) ORDER BY i.\`id\``,
    );
    await queryRunner.query(
      `INSERT INTO \`feed_run_record\` (\`feedRunId\`, \`organisationId\`, \`kind\`, \`invoiceId\`, \`incidentId\`, \`position\`, \`created\`) SELECT p.\`runId\`, n.\`organisationId\`, 'INCIDENT', NULL, n.\`id\`, n.\`id\`, 0 FROM (SELECT \`feedRunId\` AS \`runId\`, \`incidentId\` AS \`incidentId\` FROM \`incident_status_change\` WHERE \`feedRunId\` IS NOT NULL UNION SELECT \`lastFeedRunId\`, \`id\` FROM \`incident\` WHERE \`lastFeedRunId\` IS NOT NULL) p JOIN \`incident\` n ON n.\`id\` = p.\`incidentId\` WHERE EXISTS (SELECT 1 FROM \`feed_run\` r WHERE r.\`id\` = p.\`runId\`) ORDER BY p.\`runId\`, n.\`id\``,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`feed_run_record\` DROP FOREIGN KEY \`FK_63ea671fe652d34c42efed490b5\``);
    await queryRunner.query(`ALTER TABLE \`feed_run_record\` DROP FOREIGN KEY \`FK_3ebc6d0c575e48093e18a4ff59d\``);
    await queryRunner.query(`ALTER TABLE \`feed_run_record\` DROP FOREIGN KEY \`FK_807a15f82a5f3aba07d95116bd9\``);
    await queryRunner.query(`DROP INDEX \`IDX_722b6e6f83b479bfb270d2e864\` ON \`feed_run_record\``);
    await queryRunner.query(`DROP INDEX \`IDX_b97fe04d20772e0e33334ede48\` ON \`feed_run_record\``);
    await queryRunner.query(`DROP INDEX \`IDX_b78d651a6a86aeeabfa97c9b11\` ON \`feed_run_record\``);
    await queryRunner.query(`DROP TABLE \`feed_run_record\``);
  }
}
