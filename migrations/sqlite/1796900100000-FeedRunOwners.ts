import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each feed run names the process that runs it, so a run whose process died is FAILED at once
 * (src/feeds/run-owners.ts). A column added in place: rebuilding feed_run would copy every run.
 */
export class FeedRunOwners1796900100000 implements MigrationInterface {
  name = 'FeedRunOwners1796900100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "feed_run" ADD COLUMN "ownerInstance" varchar(100)`);
    await queryRunner.query(`CREATE INDEX "IDX_bd84fb6499642d81b00ef29023" ON "feed_run" ("status", "updatedAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_bd84fb6499642d81b00ef29023"`);
    await queryRunner.query(`ALTER TABLE "feed_run" DROP COLUMN "ownerInstance"`);
  }
}
