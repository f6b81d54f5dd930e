import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit notes as their own kind of document (invoice.kind), and where each invoice and line
 * stood in its feed run's document (sourceLocation: null for what was stored before). The
 * invoices already held are given the kind the feeds would infer for them now (as
 * inferInvoiceKind in src/feeds/adapters/invoice-kind.ts): CREDIT_NOTE for a negative gross
 * total whose lines are all CREDIT lines with negative net amounts, else INVOICE.
 */
export class CreditNotes1797000100000 implements MigrationInterface {
  name = 'CreditNotes1797000100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`invoice\` ADD \`kind\` varchar(12) NOT NULL DEFAULT 'INVOICE'`);
    await queryRunner.query(`ALTER TABLE \`invoice\` ADD \`sourceLocation\` varchar(200) NULL`);
    await queryRunner.query(`ALTER TABLE \`invoice_line\` ADD \`sourceLocation\` varchar(200) NULL`);
    await queryRunner.query(`UPDATE \`invoice\` SET \`kind\` = 'CREDIT_NOTE'
            WHERE \`grossTotal\` < 0
              AND EXISTS (SELECT 1 FROM \`invoice_line\` \`l\` WHERE \`l\`.\`invoiceId\` = \`invoice\`.\`id\`)
              AND NOT EXISTS (SELECT 1 FROM \`invoice_line\` \`l\` WHERE \`l\`.\`invoiceId\` = \`invoice\`.\`id\` AND (\`l\`.\`chargeType\` <> 'CREDIT' OR \`l\`.\`netAmount\` >= 0))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`invoice_line\` DROP COLUMN \`sourceLocation\``);
    await queryRunner.query(`ALTER TABLE \`invoice\` DROP COLUMN \`sourceLocation\``);
    await queryRunner.query(`ALTER TABLE \`invoice\` DROP COLUMN \`kind\``);
  }
}
