import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each feed run names the process that runs it, so a run whose process died is FAILED at once (src/feeds/run-owners.ts). */
export class FeedRunOwners1796900100000 implements MigrationInterface {
  name = 'FeedRunOwners1796900100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`feed_run\` ADD \`ownerInstance\` varchar(100) NULL`);
    await queryRunner.query(`CREATE INDEX \`IDX_bd84fb6499642d81b00ef29023\` ON \`feed_run\` (\`status\`, \`updatedAt\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_bd84fb6499642d81b00ef29023\` ON \`feed_run\``);
    await queryRunner.query(`ALTER TABLE \`feed_run\` DROP COLUMN \`ownerInstance\``);
  }
}
