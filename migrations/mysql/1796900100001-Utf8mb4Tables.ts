import { MigrationInterface, QueryRunner } from 'typeorm';

const CHARSET = 'utf8mb4';
const COLLATION = 'utf8mb4_unicode_ci';

/**
 * Every table in utf8mb4, whatever the database's default. Tables used to take that default,
 * so on a latin1 database a name such as "Siân Ŵyn" could not be stored. The earlier
 * migrations now state the character set; this converts tables they made before they did.
 *
 * Idempotent: only tables with a column or a default outside utf8mb4 are touched, so a run cut
 * short (MySQL's DDL is not transactional) finishes on the next start. The longest index is
 * 808 bytes in utf8mb4 (site's organisationId + name): within DYNAMIC's 3072, beyond the 767 of
 * the older COMPACT and REDUNDANT row formats, so those tables become DYNAMIC as well.
 */
export class Utf8mb4Tables1796900100001 implements MigrationInterface {
  name = 'Utf8mb4Tables1796900100001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const [schema] = await queryRunner.query(
      `SELECT DEFAULT_CHARACTER_SET_NAME AS charset FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()`,
    );
    // tables made later without stating a character set (TypeORM's own among them) get utf8mb4 too
    if (schema?.charset !== CHARSET) await queryRunner.query(`ALTER DATABASE CHARACTER SET ${CHARSET} COLLATE ${COLLATION}`);

    // two plain reads: information_schema answers a correlated subquery slowly on a busy server
    const all: { name: string; collation: string; rowFormat: string | null }[] = await queryRunner.query(
      `SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation, ROW_FORMAT AS rowFormat FROM information_schema.TABLES
             WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
    );
    const mixed = new Set(
      (
        (await queryRunner.query(
          `SELECT DISTINCT TABLE_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND CHARACTER_SET_NAME <> '${CHARSET}'`,
        )) as { name: string }[]
      ).map((column) => column.name),
    );
    const tables = all.filter((table) => !table.collation?.startsWith(`${CHARSET}_`) || mixed.has(table.name));
    for (const table of tables) {
      // CONVERT TO would widen TEXT to MEDIUMTEXT to keep room for as many characters; the entities say TEXT
      const texts: { name: string; nullable: string }[] = await queryRunner.query(
        `SELECT COLUMN_NAME AS name, IS_NULLABLE AS nullable FROM information_schema.COLUMNS
                 WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND DATA_TYPE = 'text' ORDER BY ORDINAL_POSITION`,
        [table.name],
      );
      const changes = [
        ...(/^(compact|redundant)$/i.test(table.rowFormat ?? '') ? ['ROW_FORMAT=DYNAMIC'] : []),
        `CONVERT TO CHARACTER SET ${CHARSET} COLLATE ${COLLATION}`,
        ...texts.map(
          (column) =>
            `MODIFY \`${column.name}\` text CHARACTER SET ${CHARSET} COLLATE ${COLLATION} ${column.nullable === 'YES' ? 'NULL' : 'NOT NULL'}`,
        ),
      ];
      await queryRunner.query(`ALTER TABLE \`${table.name}\` ${changes.join(', ')}`);
    }
  }

  public async down(): Promise<void> {
    // Nothing to undo: the earlier migrations now make utf8mb4 tables themselves, and going back
    // to another character set would lose every character it cannot hold.
  }
}
