import { Role } from '../../src/auth/roles';
import { fixture, ingest, supplierId } from '../support/feeds';
import { errorCode, startTestServer, type ErrorBody, type TestServer } from '../support/test-server';

/** Identifiers with a NUL and a BEL in them: each reads as "INV001"/"INV" on a screen, and ends a C string early. */
const HOSTILE = ['INV\u0000001', 'INV\u0007'];

describe('control characters in identifiers', () => {
  let server: TestServer;
  let manager: string;
  let approver: string;
  let pdn: string;

  beforeAll(async () => {
    server = await startTestServer();
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    approver = await server.token('RX1', Role.FINANCE_APPROVER);
    pdn = await supplierId(server, manager, 'PDN00001');
    // an invoice and incidents to aim at
    await ingest(server, manager, {
      supplierId: pdn,
      kind: 'INVOICE',
      format: 'TMF',
      document: fixture('invoices/invoices-tmf678-single.json'),
    });
    await ingest(server, manager, { supplierId: pdn, kind: 'INCIDENT', format: 'TMF', document: fixture('incidents/valid.json') });
  });

  afterAll(() => server.stop());

  const rejections = (run: { rejectedRows: { edges: { node: { reason: string } }[] } }) =>
    run.rejectedRows.edges.map((edge: { node: { reason: string } }) => edge.node);

  describe.each(HOSTILE)('%j', (hostile) => {
    const codePoint = `U+${hostile.codePointAt(3)!.toString(16).toUpperCase().padStart(4, '0')}`;

    it('is refused as a payment reference, naming the field, and nothing is written', async () => {
      const invoice = (await server.gql('{ invoices(first: 1) { edges { node { id paymentReference status } } } }', {}, approver)).data
        .invoices.edges[0].node;
      const response = await server.gql(
        'mutation($id: ID!, $ref: String!) { recordPayment(input: { id: $id, paidOn: "2026-11-01", amount: "1.00", reference: $ref }) { id } }',
        { id: invoice.id, ref: hostile },
        approver,
      );
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].extensions).toMatchObject({ field: 'input.reference', reason: 'CONTROL_CHARACTER' });
      expect(response.errors![0].message).toContain(`holds ${codePoint} at character 4`);
      const after = (await server.gql('query($id: ID!) { invoice(id: $id) { paymentReference status } }', { id: invoice.id }, approver))
        .data.invoice;
      expect(after).toEqual({ paymentReference: invoice.paymentReference, status: invoice.status });
    });

    it('is refused as a supplier ticket reference', async () => {
      const incident = (await server.gql('{ incidents(first: 1) { edges { node { id supplierRef } } } }', {}, manager)).data.incidents
        .edges[0].node;
      const response = await server.gql(
        'mutation($id: ID!, $ref: String!) { linkSupplierTicket(input: { incidentId: $id, supplierRef: $ref }) { id } }',
        { id: incident.id, ref: hostile },
        manager,
      );
      expect(response.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.supplierRef',
        reason: 'CONTROL_CHARACTER',
      });
    });

    it('is refused as an invoice number in a CSV row, the row rejected naming the column and the others taken', async () => {
      const [header, ...rows] = fixture('invoices/invoices.csv').trim().split('\n');
      const first = rows.filter((row) => row.startsWith('PDN-INV-2026-1101,'));
      const document = [
        header,
        ...first.map((row) => row.replace('PDN-INV-2026-1101', hostile)),
        ...rows.filter((row) => !row.startsWith('PDN-INV-2026-1101,')),
      ].join('\n');
      const run = (await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format: 'CSV', document })).data.ingestFeed;
      expect(run.rowsRejected).toBeGreaterThan(0);
      expect(run.rowsAccepted + run.rowsUnchanged).toBeGreaterThan(0);
      for (const rejected of rejections(run)) {
        expect(rejected).toMatchObject({ field: 'invoice_number' });
        expect(rejected.reason).toContain(`holds ${codePoint} at character 4`);
      }
      const numbers = (
        await server.gql('{ invoices(first: 100) { edges { node { invoiceNumber } } } }', {}, manager)
      ).data.invoices.edges.map((e: { node: { invoiceNumber: unknown } }) => e.node.invoiceNumber);
      // eslint-disable-next-line no-control-regex -- control characters are what it looks for
      expect(numbers.filter((n: string) => /[\u0000-\u001f]/.test(n))).toEqual([]);
    });

    it('is refused as a bill number in a TMF678 bill', async () => {
      const bill = JSON.parse(fixture('invoices/invoices-tmf678-single.json'));
      const document = JSON.stringify({ customerBill: [{ ...bill, billNo: hostile, id: `CB-${hostile}` }] });
      const run = (await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format: 'TMF', document })).data.ingestFeed;
      expect(run).toMatchObject({ rowsAccepted: 0, rowsRejected: 1 });
      expect(rejections(run)[0]).toMatchObject({ field: 'billNo' });
      expect(rejections(run)[0].reason).toContain(`holds ${codePoint}`);
    });

    it('is refused as a ticket reference in an incident CSV row and a TMF621 ticket', async () => {
      const [header, row] = fixture('incidents/valid.csv').split('\n');
      const csv = (
        await ingest(server, manager, {
          supplierId: pdn,
          kind: 'INCIDENT',
          format: 'CSV',
          document: `${header}\n${row!.replace('PDN-INC-20461', hostile)}\n`,
        })
      ).data.ingestFeed;
      expect(csv).toMatchObject({ rowsAccepted: 0, rowsRejected: 1 });
      expect(rejections(csv)[0]).toMatchObject({ field: 'ticket_reference' });

      const tickets = JSON.parse(fixture('incidents/valid.json'));
      const tmf = (
        await ingest(server, manager, {
          supplierId: pdn,
          kind: 'INCIDENT',
          format: 'TMF',
          document: JSON.stringify({ troubleTicket: [{ ...tickets.troubleTicket[0], id: hostile }] }),
        })
      ).data.ingestFeed;
      expect(tmf).toMatchObject({ rowsAccepted: 0, rowsRejected: 1 });
      expect(rejections(tmf)[0]).toMatchObject({ field: 'id' });
      expect(rejections(tmf)[0].reason).toContain(`holds ${codePoint}`);
    });

    it("is refused as a feed's file name, before anything is read", async () => {
      const before = (await server.gql('{ feedRuns(first: 1) { totalCount } }', {}, manager)).data.feedRuns.totalCount;
      const response = await ingest(server, manager, {
        supplierId: pdn,
        kind: 'INCIDENT',
        format: 'CSV',
        document: fixture('incidents/valid.csv'),
        fileName: `${hostile}.csv`,
      });
      expect(response.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.fileName',
        reason: 'CONTROL_CHARACTER',
      });
      const posted = await fetch(`${server.url}/feeds/incidents?supplier=PDN00001&filename=${encodeURIComponent(hostile)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${manager}`, 'content-type': 'text/csv' },
        body: fixture('incidents/valid.csv'),
      });
      expect(posted.status).toBe(400);
      expect(((await posted.json()) as ErrorBody).errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'filename',
        reason: 'CONTROL_CHARACTER',
      });
      expect((await server.gql('{ feedRuns(first: 1) { totalCount } }', {}, manager)).data.feedRuns.totalCount).toBe(before);
    });
  });
});
