import { createTestDatabase, type TestDatabase } from '../support/database';
import { ingest, pennineAtRx1 } from '../support/feeds';
import { startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

/**
 * Credit notes are documents of their own kind (issue #17): declared by the feed (CSV
 * document_type, TMF678 category or billType) or inferred where nothing else is possible,
 * and each invoice and line traced to its feed run and its place in the document sent.
 */
describe('credit notes and where invoices came from', () => {
  let server: TestServer;
  let manager: string;
  let pdn: string;
  let refs: string[];

  beforeAll(async () => {
    server = await startTestServer();
    ({ manager, pdn, refs } = await pennineAtRx1(server));
  });

  afterAll(() => server.stop());

  const send = async (format: 'CSV' | 'TMF', document: string) => {
    const response = await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format, document });
    expect(response.errors).toBeUndefined();
    return response.data.ingestFeed;
  };
  const rejections = (run: { rejectedRows: { edges: { node: unknown }[] } }) =>
    run.rejectedRows.edges.map((e: { node: unknown }) => e.node);

  const INVOICE_FIELDS =
    'id invoiceNumber kind grossTotal sourceLocation feedRun { id } lines { lineNumber serviceReference chargeType netAmount sourceLocation }';
  const invoiceNamed = async (invoiceNumber: string) => {
    const response = await server.gql(`{ invoices(first: 100) { edges { node { ${INVOICE_FIELDS} } } } }`, {}, manager);
    expect(response.errors).toBeUndefined();
    return response.data.invoices.edges
      .map((e: { node: unknown }) => e.node)
      .find((node: { invoiceNumber: unknown }) => node.invoiceNumber === invoiceNumber);
  };

  const CSV_HEADER =
    'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,description,unit_price,net_amount,vat_rate,' +
    'vat_amount,invoice_net_total,invoice_vat_total,invoice_gross_total';
  /** one CSV row: [number, reference, charge type, net, invoice net] at 20 % VAT, with document_type when given */
  const row = (number: string, ref: string, type: string, net: string, total: string, documentType?: string) => {
    const vat = (value: string) => (Number(value) * 0.2).toFixed(2);
    const gross = (Number(total) * 1.2).toFixed(2);
    const cells = [
      number,
      '2026-11-20',
      '2026-10-01',
      '2026-10-31',
      ref,
      type,
      `"${type} ${ref}"`,
      net,
      net,
      '20',
      vat(net),
      total,
      vat(total),
      gross,
    ];
    return [...cells, ...(documentType === undefined ? [] : [documentType])].join(',');
  };

  /** The 1-based line of the file on which `text` begins. */
  const lineOf = (document: string, text: string) => document.split('\n').findIndex((line) => line.startsWith(text)) + 1;

  /** The value at a JSON path as the TMF678 adapter writes them: `$`, `[n]` and `.key`. */
  const at = <T>(document: string, path: string): T =>
    [...path.slice(1).matchAll(/\[(\d+)\]|\.(\w+)/g)].reduce<unknown>(
      (value, [, index, key]) => (value as Record<string, unknown>)[index !== undefined ? Number(index) : key!],
      JSON.parse(document),
    ) as T;

  it('CSV: reads document_type, traces each line to its line in the file, and filters credit notes', async () => {
    const document = [
      `${CSV_HEADER},document_type`,
      row('CN-CSV-1', refs[0], 'CREDIT', '-40.00', '-65.00', 'credit_note'),
      row('INV-CSV-1', refs[0], 'RECURRING', '300.00', '300.00', 'Invoice'),
      '',
      row('CN-CSV-1', refs[1], 'CREDIT', '-25.00', '-65.00', 'credit_note'),
    ].join('\n');

    const run = await send('CSV', document);

    expect(rejections(run)).toEqual([]);
    const credit = await invoiceNamed('CN-CSV-1');
    expect(credit).toMatchObject({ kind: 'CREDIT_NOTE', grossTotal: '-78.00', sourceLocation: 'lines 2–5', feedRun: { id: run.id } });
    // line 4 of the file is blank: the second line of the credit note is the file's fifth
    expect(
      credit.lines.map((line: { serviceReference: unknown; sourceLocation: unknown }) => [line.serviceReference, line.sourceLocation]),
    ).toEqual([
      [refs[0], `line ${lineOf(document, `CN-CSV-1,2026-11-20,2026-10-01,2026-10-31,${refs[0]}`)}`],
      [refs[1], `line ${lineOf(document, `CN-CSV-1,2026-11-20,2026-10-01,2026-10-31,${refs[1]}`)}`],
    ]);
    expect(credit.lines.map((line: { sourceLocation: unknown }) => line.sourceLocation)).toEqual(['line 2', 'line 5']);
    expect(await invoiceNamed('INV-CSV-1')).toMatchObject({
      kind: 'INVOICE',
      sourceLocation: 'line 3',
      lines: [{ sourceLocation: 'line 3' }],
    });

    const filtered = await server.gql(
      '{ invoices(first: 100, filter: { kind: [CREDIT_NOTE] }) { edges { node { invoiceNumber kind } } } }',
      {},
      manager,
    );
    expect(filtered.errors).toBeUndefined();
    const numbers = filtered.data.invoices.edges.map((e: { node: { invoiceNumber: unknown } }) => e.node.invoiceNumber);
    expect(numbers).toContain('CN-CSV-1');
    expect(numbers).not.toContain('INV-CSV-1');
    expect(filtered.data.invoices.edges.every((e: { node: { kind: unknown } }) => e.node.kind === 'CREDIT_NOTE')).toBe(true);
  });

  it("TMF678: reads the bill's category or billType and traces each line to its JSON path", async () => {
    const bill = (id: string, declared: Record<string, string>, lines: [string, string, number][]) => {
      const net = lines.reduce((total, [, , amount]) => total + amount, 0);
      return {
        id,
        billDate: '2026-11-20',
        billingPeriod: { startDateTime: '2026-10-01', endDateTime: '2026-10-31' },
        taxExcludedAmount: { unit: 'GBP', value: net },
        taxIncludedAmount: { unit: 'GBP', value: net * 1.2 },
        ...declared,
        billItem: lines.map(([ref, type, amount]) => ({
          type,
          product: { id: ref },
          taxExcludedAmount: { unit: 'GBP', value: amount },
          appliedTax: [{ taxCategory: 'VAT', taxRate: 20, taxAmount: { unit: 'GBP', value: amount * 0.2 } }],
        })),
      };
    };
    const document = JSON.stringify([
      bill('INV-TMF-1', { category: 'normal' }, [[refs[2], 'recurring', 200]]),
      bill('CN-TMF-1', { category: 'creditNote' }, [
        [refs[2], 'credit', -30],
        [refs[3], 'credit', -20],
      ]),
      bill('CN-TMF-2', { billType: 'Credit Note' }, [[refs[3], 'credit', -10]]),
    ]);

    const run = await send('TMF', document);

    expect(rejections(run)).toEqual([]);
    const regular = await invoiceNamed('INV-TMF-1');
    expect(regular).toMatchObject({ kind: 'INVOICE', sourceLocation: '$[0]', feedRun: { id: run.id } });
    const credit = await invoiceNamed('CN-TMF-1');
    expect(credit).toMatchObject({ kind: 'CREDIT_NOTE', sourceLocation: '$[1]', feedRun: { id: run.id } });
    expect(credit.lines.map((line: { sourceLocation: unknown }) => line.sourceLocation)).toEqual(['$[1].billItem[0]', '$[1].billItem[1]']);
    // each path leads to the item the line was read from
    for (const line of credit.lines) {
      const item = at<{ product: { id: string }; taxExcludedAmount: { value: number } }>(document, line.sourceLocation);
      expect([item.product.id, item.taxExcludedAmount.value.toFixed(2)]).toEqual([line.serviceReference, line.netAmount]);
    }
    expect(at<{ id: string }>(document, credit.sourceLocation).id).toBe('CN-TMF-1');
    expect(await invoiceNamed('CN-TMF-2')).toMatchObject({ kind: 'CREDIT_NOTE', lines: [{ sourceLocation: '$[2].billItem[0]' }] });
  });

  it('infers a credit note only from a negative document of credits alone; anything else it cannot tell stays an invoice', async () => {
    const csv = [
      CSV_HEADER,
      row('CN-INF-1', refs[0], 'CREDIT', '-15.00', '-15.00'),
      // a credit beside a charge, though the total is negative: an invoice with a credit on it
      row('MIX-INF-1', refs[0], 'RECURRING', '10.00', '-5.00'),
      row('MIX-INF-1', refs[1], 'CREDIT', '-15.00', '-5.00'),
      // a negative adjustment says nothing of what the document is
      row('ADJ-INF-1', refs[1], 'ADJUSTMENT', '-8.00', '-8.00'),
    ].join('\n');
    const tmf = JSON.stringify({
      id: 'CN-INF-2',
      billDate: '2026-11-20',
      billingPeriod: { startDateTime: '2026-10-01', endDateTime: '2026-10-31' },
      taxExcludedAmount: -12,
      taxIncludedAmount: -14.4,
      billItem: [{ type: 'discount', product: { id: refs[2] }, taxExcludedAmount: -12, appliedTax: [{ taxRate: 0.2, taxAmount: -2.4 }] }],
    });

    expect(rejections(await send('CSV', csv))).toEqual([]);
    expect(rejections(await send('TMF', tmf))).toEqual([]);

    expect((await invoiceNamed('CN-INF-1')).kind).toBe('CREDIT_NOTE');
    expect((await invoiceNamed('MIX-INF-1')).kind).toBe('INVOICE');
    expect((await invoiceNamed('ADJ-INF-1')).kind).toBe('INVOICE');
    expect(await invoiceNamed('CN-INF-2')).toMatchObject({
      kind: 'CREDIT_NOTE',
      sourceLocation: '$',
      lines: [{ sourceLocation: '$.billItem[0]' }],
    });
  });

  it('rejects a declared credit note that charges, and an unknown or inconsistent declaration, saying why', async () => {
    const csv = [
      `${CSV_HEADER},document_type`,
      // negative in all, but a rental on a credit note
      row('BAD-CN-1', refs[0], 'RECURRING', '10.00', '-20.00', 'CREDIT_NOTE'),
      row('BAD-CN-1', refs[1], 'CREDIT', '-30.00', '-20.00', 'CREDIT_NOTE'),
      row('BAD-CN-2', refs[0], 'CREDIT', '-20.00', '-20.00', 'CREDIT_NOTE'),
      row('BAD-CN-2', refs[1], 'CREDIT', '-20.00', '-20.00', ''),
      row('BAD-CN-3', refs[1], 'CREDIT', '-20.00', '-20.00', 'refund'),
    ].join('\n');
    const tmf = JSON.stringify([
      {
        id: 'BAD-CN-4',
        category: 'credit note',
        billDate: '2026-11-20',
        billingPeriod: { startDateTime: '2026-10-01', endDateTime: '2026-10-31' },
        taxExcludedAmount: 10,
        taxIncludedAmount: 12,
        billItem: [{ type: 'usage', product: { id: refs[2] }, taxExcludedAmount: 10, appliedTax: [{ taxRate: 20, taxAmount: 2 }] }],
      },
      {
        id: 'BAD-CN-5',
        category: 'proforma',
        billDate: '2026-11-20',
        billingPeriod: { startDateTime: '2026-10-01', endDateTime: '2026-10-31' },
        taxExcludedAmount: -10,
        taxIncludedAmount: -12,
        billItem: [{ type: 'credit', product: { id: refs[2] }, taxExcludedAmount: -10, appliedTax: [{ taxRate: 20, taxAmount: -2 }] }],
      },
    ]);

    const csvRun = await send('CSV', csv);
    const tmfRun = await send('TMF', tmf);

    expect(csvRun).toMatchObject({ rowsAccepted: 0, rowsRejected: 3 });
    expect(rejections(csvRun)).toEqual([
      expect.objectContaining({
        location: 'lines 2–3',
        field: 'document_type',
        reason:
          'Invoice BAD-CN-1 cannot be read: document_type: declares a credit note but line 1 (RECURRING £10.00) charges; send charges on an invoice',
      }),
      expect.objectContaining({
        location: 'lines 4–5',
        field: 'document_type',
        reason: 'Invoice BAD-CN-2 cannot be read: line 5: document_type blank differs from CREDIT_NOTE on line 4',
      }),
      expect.objectContaining({
        location: 'line 6',
        field: 'document_type',
        reason: 'Invoice BAD-CN-3 cannot be read: line 6: document_type: "refund" is not one of INVOICE, CREDIT_NOTE',
      }),
    ]);
    expect(tmfRun).toMatchObject({ rowsAccepted: 0, rowsRejected: 2 });
    expect(rejections(tmfRun)).toEqual([
      expect.objectContaining({
        location: '$[0]',
        field: 'category',
        reason: 'Bill BAD-CN-4: category: declares a credit note but the gross total £12.00 is positive; a credit note gives money back',
      }),
      expect.objectContaining({
        location: '$[1]',
        field: 'category',
        reason: 'Bill BAD-CN-5: category: "proforma" is not a document type we know: send INVOICE or CREDIT_NOTE',
      }),
    ]);
    for (const number of ['BAD-CN-1', 'BAD-CN-2', 'BAD-CN-3', 'BAD-CN-4', 'BAD-CN-5']) expect(await invoiceNamed(number)).toBeUndefined();
  });

  it('a document re-sent with its rows moved changes nothing: the invoice keeps the run and the lines it was stored from', async () => {
    const credit = [row('CN-MOVE-1', refs[0], 'CREDIT', '-12.00', '-12.00', 'CREDIT_NOTE')];
    const first = await send('CSV', [`${CSV_HEADER},document_type`, ...credit].join('\n'));
    const moved = await send(
      'CSV',
      [`${CSV_HEADER},document_type`, row('INV-MOVE-1', refs[1], 'RECURRING', '90.00', '90.00', 'INVOICE'), '', ...credit].join('\n'),
    );

    expect(first).toMatchObject({ rowsAccepted: 1, rowsUnchanged: 0 });
    expect(moved).toMatchObject({ rowsAccepted: 1, rowsUnchanged: 1 });
    expect(await invoiceNamed('CN-MOVE-1')).toMatchObject({
      kind: 'CREDIT_NOTE',
      sourceLocation: 'line 2',
      feedRun: { id: first.id },
      lines: [{ sourceLocation: 'line 2' }],
    });

    // the same lines declared the other kind are a different document: it replaces the one held
    const redeclared = await send(
      'CSV',
      [`${CSV_HEADER},document_type`, row('CN-MOVE-1', refs[0], 'CREDIT', '-12.00', '-12.00', 'INVOICE')].join('\n'),
    );
    expect(redeclared).toMatchObject({ rowsAccepted: 1, rowsUnchanged: 0 });
    expect(await invoiceNamed('CN-MOVE-1')).toMatchObject({ kind: 'INVOICE', feedRun: { id: redeclared.id } });
  });

  it("reads each page's feed runs and lines in a fixed number of statements, whatever the page size", async () => {
    const document = [
      CSV_HEADER,
      ...Array.from({ length: 10 }, (_, i) => row(`PAGE-${i}`, refs[i % refs.length], 'RECURRING', '10.00', '10.00')),
    ].join('\n');
    expect(await send('CSV', document)).toMatchObject({ rowsAccepted: 10 });
    const page = (first: number) =>
      server.gql(
        `{ invoices(first: ${first}) { edges { node { kind sourceLocation feedRun { id status } lines { sourceLocation } } } } }`,
        {},
        manager,
      );
    await page(1); // the viewer's organisation is remembered from here on
    let small!: GraphqlResponse;
    let large!: GraphqlResponse;
    const atTwo = await server.countStatements(async () => {
      small = await page(2);
    });
    const atTen = await server.countStatements(async () => {
      large = await page(10);
    });
    expect([small.errors, large.errors]).toEqual([undefined, undefined]);
    expect(large.data.invoices.edges).toHaveLength(10);
    expect(large.data.invoices.edges.every((e: { node: { feedRun: { status: unknown } } }) => e.node.feedRun.status)).toBe(true);
    expect(atTen).toBe(atTwo);
  });
});

describe('the CreditNotes migration', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(() => db.drop());

  it('makes credit notes of the negative all-credit invoices already held, and leaves every other an invoice', async () => {
    const { dataSource } = db;
    const q = (name: string) => dataSource.driver.escape(name);
    const applied = async () =>
      (await dataSource.query(`SELECT ${q('name')} FROM ${q('migrations')}`)).map((migration: { name: string }) => migration.name);
    while ((await applied()).includes('CreditNotes1797000100000')) await dataSource.undoLastMigration({ transaction: 'each' });

    const invoice = async (number: string, gross: number, lines: [string, number][]) => {
      const columns = [
        'createdAt',
        'updatedAt',
        'organisationId',
        'supplierId',
        'invoiceNumber',
        'invoiceDate',
        'periodStart',
        'periodEnd',
        'currency',
        'netTotal',
        'vatTotal',
        'grossTotal',
        'status',
        'contentHash',
        'feedRunId',
      ];
      const now = '2026-11-01 09:00:00.000';
      await dataSource.query(`INSERT INTO ${q('invoice')} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, [
        now,
        now,
        1,
        1,
        number,
        '2026-11-01',
        '2026-10-01',
        '2026-10-31',
        'GBP',
        gross,
        0,
        gross,
        'RECEIVED',
        'x'.repeat(64),
        1,
      ]);
      const [{ id }] = await dataSource.query(`SELECT ${q('id')} FROM ${q('invoice')} WHERE ${q('invoiceNumber')} = ?`, [number]);
      const lineColumns = [
        'createdAt',
        'updatedAt',
        'invoiceId',
        'organisationId',
        'lineNumber',
        'chargeType',
        'quantity',
        'unitPrice',
        'netAmount',
        'vatRate',
        'vatAmount',
      ];
      for (const [index, [chargeType, net]] of lines.entries()) {
        await dataSource.query(
          `INSERT INTO ${q('invoice_line')} (${lineColumns.map(q).join(', ')}) VALUES (${lineColumns.map(() => '?').join(', ')})`,
          [now, now, id, 1, index + 1, chargeType, '1', String(net / 100), net, '0', 0],
        );
      }
    };
    await invoice('OLD-CREDIT', -3000, [
      ['CREDIT', -1000],
      ['CREDIT', -2000],
    ]);
    await invoice('OLD-MIXED', -500, [
      ['RECURRING', 1000],
      ['CREDIT', -1500],
    ]);
    await invoice('OLD-ADJUSTMENT', -700, [['ADJUSTMENT', -700]]);
    await invoice('OLD-RENTAL', 5000, [['RECURRING', 5000]]);

    await dataSource.runMigrations({ transaction: 'each' });

    const rows = await dataSource.query(
      `SELECT ${q('invoiceNumber')}, ${q('kind')}, ${q('sourceLocation')} FROM ${q('invoice')} ORDER BY ${q('invoiceNumber')}`,
    );
    expect(rows).toEqual([
      { invoiceNumber: 'OLD-ADJUSTMENT', kind: 'INVOICE', sourceLocation: null },
      { invoiceNumber: 'OLD-CREDIT', kind: 'CREDIT_NOTE', sourceLocation: null },
      { invoiceNumber: 'OLD-MIXED', kind: 'INVOICE', sourceLocation: null },
      { invoiceNumber: 'OLD-RENTAL', kind: 'INVOICE', sourceLocation: null },
    ]);
    const lines = await dataSource.query(`SELECT ${q('sourceLocation')} FROM ${q('invoice_line')}`);
    expect(lines.every((line: { sourceLocation: string | null }) => line.sourceLocation === null)).toBe(true);
  });
});
