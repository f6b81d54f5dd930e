import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pull credentials move from the server's environment (credentialEnv named a variable, any
 * variable) to the endpoint itself, sealed. The environment is not read here: an endpoint
 * that named a variable is disabled, and says what its ADMIN must do.
 */
const CREDENTIAL_NEEDED =
  "Pulls no longer read a credential from the server's environment: give this endpoint's Authorization header value as input.credential with configureFeedEndpoint, and enable it again.";

export class FeedEndpointCredentials1796900000000 implements MigrationInterface {
  name = 'FeedEndpointCredentials1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE \`feed_endpoint\` SET \`enabled\` = 0, \`lastOutcome\` = 'ERROR', \`lastError\` = ? WHERE \`credentialEnv\` IS NOT NULL`,
      [CREDENTIAL_NEEDED],
    );
    await queryRunner.query(`ALTER TABLE \`feed_endpoint\` DROP COLUMN \`credentialEnv\``);
    await queryRunner.query(`ALTER TABLE \`feed_endpoint\` ADD \`credentialCiphertext\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`feed_endpoint\` ADD \`credentialKeyId\` varchar(16) NULL`);
    await queryRunner.query(`ALTER TABLE \`feed_endpoint\` ADD \`credentialSetAt\` datetime(3) NULL`);
  }

  /** The column comes back empty: the credentials given since are dropped, not written to the environment. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`feed_endpoint\` DROP COLUMN \`credentialSetAt\``);
    await queryRunner.query(`ALTER TABLE \`feed_endpoint\` DROP COLUMN \`credentialKeyId\``);
    await queryRunner.query(`ALTER TABLE \`feed_endpoint\` DROP COLUMN \`credentialCiphertext\``);
    await queryRunner.query(`ALTER TABLE \`feed_endpoint\` ADD \`credentialEnv\` varchar(100) NULL`);
  }
}
