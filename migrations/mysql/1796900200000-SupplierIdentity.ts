import { MigrationInterface, QueryRunner } from 'typeorm';
import { supplierNameKey } from '../../src/suppliers/supplier-identity';

/**
 * Suppliers' names compared by a folded key under a unique index (nameKey), and when each
 * took its CN-SP ID (cnspIdAssignedAt: null for the ones already held). Existing names are
 * keyed here; two that fold to one key stop the migration, naming both, for an operator to
 * tell apart first.
 */
export class SupplierIdentity1796900200000 implements MigrationInterface {
  name = 'SupplierIdentity1796900200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`supplier\` ADD \`nameKey\` varchar(64) NULL`);
    const suppliers: { id: number; name: string }[] = await queryRunner.query(`SELECT \`id\`, \`name\` FROM \`supplier\` ORDER BY \`id\``);
    const byKey = new Map<string, string>();
    for (const { id, name } of suppliers) {
      const key = supplierNameKey(name);
      const other = byKey.get(key);
      if (other !== undefined)
        throw new Error(`Suppliers "${other}" and "${name}" differ only in case or spacing: rename one before migrating`);
      byKey.set(key, name);
      await queryRunner.query(`UPDATE \`supplier\` SET \`nameKey\` = ? WHERE \`id\` = ?`, [key, id]);
    }
    await queryRunner.query(`ALTER TABLE \`supplier\` MODIFY \`nameKey\` varchar(64) NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`supplier\` ADD UNIQUE INDEX \`IDX_c68d5408b1f33f284f51dc51a6\` (\`nameKey\`)`);
    await queryRunner.query(`ALTER TABLE \`supplier\` ADD \`cnspIdAssignedAt\` datetime(3) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`supplier\` DROP COLUMN \`cnspIdAssignedAt\``);
    await queryRunner.query(`ALTER TABLE \`supplier\` DROP INDEX \`IDX_c68d5408b1f33f284f51dc51a6\``);
    await queryRunner.query(`ALTER TABLE \`supplier\` DROP COLUMN \`nameKey\``);
  }
}
