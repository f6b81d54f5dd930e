import { PerformanceSample } from '../../src/performance/performance-sample.entity';
import { fixture, ingest, pennineAtRx1, recentHours } from '../support/feeds';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Two rows of one document with the same natural key (issue #16, hole 7c): the later one is
 * rejected, naming the earlier, and the earlier one is what is stored. Sending the document
 * again changes nothing and says so.
 */
describe('rows of one document that share a natural key', () => {
  let server: TestServer;
  let manager: string;
  let pdn: string;
  let refs: string[];

  beforeAll(async () => {
    server = await startTestServer();
    ({ manager, pdn, refs } = await pennineAtRx1(server));
  });

  afterAll(() => server.stop());

  const send = async (kind: string, format: string, document: string) => {
    const response = await ingest(server, manager, { supplierId: pdn, kind, format, document });
    expect(response.errors).toBeUndefined();
    return response.data.ingestFeed;
  };
  type Run = { rowsRead: number; rowsAccepted: number; rowsUnchanged: number; rowsRejected: number };
  const rejections = (run: { rejectedRows: { edges: { node: { reason: string } }[] } }) =>
    run.rejectedRows.edges.map((e: { node: { reason: string } }) => e.node);
  const counts = (run: Run) => ({
    rowsRead: run.rowsRead,
    rowsAccepted: run.rowsAccepted,
    rowsUnchanged: run.rowsUnchanged,
    rowsRejected: run.rowsRejected,
  });

  describe('performance samples (service, interval start, interval, QoS class)', () => {
    const [h0, h1, h2] = recentHours(3);
    const header = 'service_reference,interval_start,interval,availability_seconds,latency_ms,packet_loss_pct,utilisation_in_pct';

    it('CSV: refuses the later sample, naming its line, and keeps the earlier one', async () => {
      const document = [
        header,
        `${refs[0]},${h0.toISOString()},1h,3600,10,0,40`,
        `${refs[0]},${h1.toISOString()},1h,3600,10,0,41`,
        // the same service (written in other case), start and interval: last-wins would overwrite line 2
        ` ${refs[0].toLowerCase()},${h0.toISOString()},60,1800,99,0,50`,
        `${refs[1]},${h0.toISOString()},1h,3600,10,0,40`,
        `${refs[0]},${h0.toISOString()},15m,900,10,0,40`,
      ].join('\n');
      const run = await send('PERFORMANCE', 'CSV', document);
      expect(counts(run)).toEqual({ rowsRead: 5, rowsAccepted: 4, rowsUnchanged: 0, rowsRejected: 1 });
      expect(rejections(run)).toEqual([
        expect.objectContaining({
          location: 'line 4',
          field: 'intervalStart',
          reason: `duplicates line 2: the sample of ${refs[0].toLowerCase()} from ${h0.toISOString()} over 3600 s is already in this document`,
        }),
      ]);
      const samples = await server.db.dataSource.getRepository(PerformanceSample).find({ where: { intervalSeconds: 3600 } });
      expect(samples.map((sample) => sample.upSeconds).sort()).toEqual([3600, 3600, 3600]);

      const again = await send('PERFORMANCE', 'CSV', document);
      expect(counts(again)).toEqual({ rowsRead: 5, rowsAccepted: 0, rowsUnchanged: 4, rowsRejected: 1 });
      expect(rejections(again)[0].reason).toMatch(/^duplicates line 2: /);
    });

    it('TMF628: refuses the later measurement, naming its path', async () => {
      const measurement = (ref: string, at: Date, availability: number, qosClass?: string) => ({
        serviceId: ref,
        observationTime: at.toISOString(),
        granularity: 'g_1h',
        ...(qosClass ? { qosClass } : {}),
        indicators: [{ name: 'availability', value: availability, unit: '%' }],
      });
      const document = JSON.stringify({
        performanceMeasurement: [measurement(refs[2], h2, 100, 'EF'), measurement(refs[2], h2, 100), measurement(refs[2], h2, 50, 'ef')],
      });
      const run = await send('PERFORMANCE', 'TMF', document);
      expect(counts(run)).toEqual({ rowsRead: 3, rowsAccepted: 2, rowsUnchanged: 0, rowsRejected: 1 });
      expect(rejections(run)[0]).toMatchObject({
        location: '$.performanceMeasurement[2]',
        reason:
          `duplicates $.performanceMeasurement[0]: the sample of ${refs[2]} from ${h2.toISOString()} over 3600 s for QoS class EF is already ` +
          `in this document`,
      });
    });
  });

  describe('incidents (organisation, ticket reference)', () => {
    const csvHeader = 'ticket_reference,service_reference,severity,status,opened_at,summary';

    it('CSV: refuses the later row of a ticket, naming the line of the first', async () => {
      const document = [
        csvHeader,
        `PDN-DUP-1,${refs[0]},3,New,2026-11-02T09:00:00Z,first`,
        `PDN-DUP-2,${refs[0]},3,New,2026-11-02T09:00:00Z,other`,
        `pdn-dup-1,${refs[1]},1,In Progress,2026-11-02T10:00:00Z,second`,
      ].join('\n');
      const run = await send('INCIDENT', 'CSV', document);
      expect(counts(run)).toEqual({ rowsRead: 3, rowsAccepted: 2, rowsUnchanged: 0, rowsRejected: 1 });
      expect(rejections(run)[0]).toMatchObject({
        location: 'line 4',
        field: 'supplierRef',
        reason: 'duplicates line 2: ticket pdn-dup-1 is already in this document',
      });
      const incidents = await server.gql('{ incidents(first: 100) { edges { node { supplierRef severity summary } } } }', {}, manager);
      const stored = incidents.data.incidents.edges
        .map((e: { node: unknown }) => e.node)
        .filter((n: { supplierRef: string }) => /^PDN-DUP-1$/i.test(n.supplierRef));
      expect(stored).toEqual([{ supplierRef: 'PDN-DUP-1', severity: 3, summary: 'first' }]);

      expect(counts(await send('INCIDENT', 'CSV', document))).toEqual({ rowsRead: 3, rowsAccepted: 0, rowsUnchanged: 2, rowsRejected: 1 });
    });

    it('TMF621: refuses the later ticket with the same id, naming the first', async () => {
      const ticket = (id: string, severity: number) => ({
        id,
        severity,
        status: 'new',
        creationDate: '2026-11-03T09:00:00Z',
        relatedEntity: [{ id: refs[0], role: 'affectedService' }],
      });
      const run = await send(
        'INCIDENT',
        'TMF',
        JSON.stringify([ticket('PDN-TT-DUP', 2), ticket('PDN-TT-OTHER', 2), ticket('PDN-TT-DUP', 4)]),
      );
      expect(counts(run)).toEqual({ rowsRead: 3, rowsAccepted: 2, rowsUnchanged: 0, rowsRejected: 1 });
      expect(rejections(run)[0]).toMatchObject({
        location: '$[2]',
        reason: 'duplicates $[0]: ticket PDN-TT-DUP is already in this document',
      });
    });
  });

  describe('invoices (organisation, invoice number) and their lines (line id)', () => {
    const header = fixture('invoices/invoices.csv').split('\n')[0];
    const line = (invoice: string, ref: string, net: string, vat: string) =>
      `${invoice},2026-11-01,2026-10-01,2026-10-31,2026-12-01,GBP,${ref},RECURRING,Rental,2026-10-01,2026-10-31,1,${net},${net},20,${vat},` +
      `${net},${vat},${(Number(net) + Number(vat)).toFixed(2)}`;

    it('CSV: refuses an invoice whose number repeats an earlier one in other case, naming its first line', async () => {
      const document = [
        header,
        line('PDN-DUP-INV-1', refs[0], '100.00', '20.00'),
        line('PDN-DUP-INV-2', refs[0], '50.00', '10.00'),
        line('pdn-dup-inv-1', refs[0], '999.00', '199.80'),
      ].join('\n');
      const run = await send('INVOICE', 'CSV', document);
      expect(counts(run)).toEqual({ rowsRead: 3, rowsAccepted: 2, rowsUnchanged: 0, rowsRejected: 1 });
      expect(rejections(run)[0]).toMatchObject({
        location: 'line 4',
        field: 'invoiceNumber',
        reason: 'duplicates line 2: invoice pdn-dup-inv-1 is already in this document',
      });
      const invoices = await server.gql('{ invoices(first: 100) { edges { node { invoiceNumber grossTotal } } } }', {}, manager);
      expect(
        invoices.data.invoices.edges
          .map((e: { node: unknown }) => e.node)
          .filter((n: { invoiceNumber: string }) => /dup-inv-1/i.test(n.invoiceNumber)),
      ).toEqual([{ invoiceNumber: 'PDN-DUP-INV-1', grossTotal: '120.00' }]);
      expect(counts(await send('INVOICE', 'CSV', document))).toEqual({ rowsRead: 3, rowsAccepted: 0, rowsUnchanged: 2, rowsRejected: 1 });
    });

    it('CSV: refuses an invoice with two lines of the same line number (as before), naming the earlier line', async () => {
      const twice = [
        header.replace('due_date', 'line_number,due_date'),
        ...['100.00', '100.00'].map((net) =>
          line('PDN-DUP-INV-3', refs[0], net, '20.00').replace('2026-11-01,2026-10-01,2026-10-31,', '2026-11-01,2026-10-01,2026-10-31,1,'),
        ),
      ]
        .join('\n')
        .replace(/,100\.00,20\.00,120\.00$/gm, ',200.00,40.00,240.00');
      const run = await send('INVOICE', 'CSV', twice);
      expect(run.rowsRejected).toBe(1);
      expect(rejections(run)[0].reason).toContain('line 3: line_number 1 is already used on line 2');
    });

    const bill = JSON.parse(fixture('invoices/invoices-tmf678-single.json'));

    it('TMF678: refuses the later bill with the same number, naming the first', async () => {
      const renumbered = { ...bill, id: 'CB-OTHER', billNo: 'PDN-INV-OTHER' };
      const run = await send(
        'INVOICE',
        'TMF',
        JSON.stringify([bill, renumbered, { ...bill, id: 'CB-AGAIN', billDate: '2026-10-02T10:15:00Z' }]),
      );
      expect(counts(run)).toEqual({ rowsRead: 3, rowsAccepted: 2, rowsUnchanged: 0, rowsRejected: 1 });
      expect(rejections(run)[0]).toMatchObject({
        location: '$[2]',
        field: 'invoiceNumber',
        reason: `duplicates $[0]: invoice ${bill.billNo} is already in this document`,
      });
    });

    it('TMF678: refuses a bill that lists one rate twice, naming the earlier line', async () => {
      const [first, second] = bill.billItem;
      const doubled = {
        ...bill,
        id: 'CB-DOUBLED',
        billNo: 'PDN-INV-DOUBLED',
        billItem: [
          { ...first, id: 'RATE-1' },
          { ...second, id: 'RATE-1' },
        ],
      };
      const run = await send('INVOICE', 'TMF', JSON.stringify(doubled));
      expect(counts(run)).toMatchObject({ rowsAccepted: 0, rowsRejected: 1 });
      expect(rejections(run)[0]).toMatchObject({ location: '$', field: 'id' });
      expect(rejections(run)[0].reason).toContain('line 2 ($.billItem[1]): id RATE-1 duplicates line 1 ($.billItem[0])');
    });
  });

  describe('inventory (service reference)', () => {
    it('CSV: refuses the later row for a service, naming the first', async () => {
      const document = [
        'service_reference,bandwidth_mbps,status',
        `${refs[0]},100,Live`,
        `${refs[1]},100,Live`,
        `${refs[0].toLowerCase()} ,1000,Ceased`,
      ].join('\n');
      const run = await send('INVENTORY', 'CSV', document);
      expect(counts(run)).toEqual({ rowsRead: 3, rowsAccepted: 2, rowsUnchanged: 0, rowsRejected: 1 });
      expect(rejections(run)[0]).toMatchObject({
        location: 'line 4',
        field: 'serviceReference',
        reason: `duplicates line 2: service ${refs[0].toLowerCase()} is already in this document`,
      });
      expect(counts(await send('INVENTORY', 'CSV', document))).toEqual({ rowsRead: 3, rowsAccepted: 0, rowsUnchanged: 2, rowsRejected: 1 });
    });

    it('TMF638: refuses the later service with the same reference, naming the first', async () => {
      const service = (ref: string, state: string) => ({ id: ref, state, serviceCharacteristic: [{ name: 'bandwidth', value: 100 }] });
      const run = await send('INVENTORY', 'TMF', JSON.stringify({ service: [service(refs[0], 'active'), service(refs[0], 'terminated')] }));
      expect(counts(run)).toEqual({ rowsRead: 2, rowsAccepted: 1, rowsUnchanged: 0, rowsRejected: 1 });
      expect(rejections(run)[0]).toMatchObject({
        location: '$.service[1]',
        reason: `duplicates $.service[0]: service ${refs[0]} is already in this document`,
      });
    });
  });
});
