import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where feed records came from: the document location of the row that last changed an
 * incident (beside its lastFeedRunId), the run and location of each status change a feed
 * brought, and per performance run and service the span of samples it stored with their
 * first and last rows (performance_feed_span). The columns are added in place, not by
 * rebuilding the tables, so that no cascade from incident touches its history.
 */
export class Provenance1797000200000 implements MigrationInterface {
  name = 'Provenance1797000200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "performance_feed_span" ("feedRunId" integer NOT NULL, "serviceId" integer NOT NULL, "organisationId" integer NOT NULL, "firstIntervalStart" datetime NOT NULL, "lastIntervalEnd" datetime NOT NULL, "firstLocation" varchar(200) NOT NULL, "lastLocation" varchar(200) NOT NULL, "samples" integer NOT NULL, PRIMARY KEY ("feedRunId", "serviceId"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_19a67412aaa42c8479fb6198af" ON "performance_feed_span" ("serviceId", "firstIntervalStart") `,
    );
    await queryRunner.query(`ALTER TABLE "incident" ADD COLUMN "lastFeedLocation" varchar(200)`);
    await queryRunner.query(`ALTER TABLE "incident_status_change" ADD COLUMN "feedRunId" integer`);
    await queryRunner.query(`ALTER TABLE "incident_status_change" ADD COLUMN "feedLocation" varchar(200)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incident_status_change" DROP COLUMN "feedLocation"`);
    await queryRunner.query(`ALTER TABLE "incident_status_change" DROP COLUMN "feedRunId"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "lastFeedLocation"`);
    await queryRunner.query(`DROP INDEX "IDX_19a67412aaa42c8479fb6198af"`);
    await queryRunner.query(`DROP TABLE "performance_feed_span"`);
  }
}
