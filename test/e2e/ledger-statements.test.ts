import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { createOrganisation } from '../../bench/sla.bench';
import { Role } from '../../src/auth/roles';
import { sqlTimestamp } from '../../src/common/dates';
import { formatMoney, parseMoney } from '../../src/common/money';
import { toGlobalId } from '../../src/common/global-id';
import { documentCsv, monthDays } from '../support/billing-loop';
import { ingest } from '../support/feeds';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The credit ledger's work does not grow with the number of credits (issue 17): a month's
 * provisional credits recomputed, a closed month revised, and a credit note matched to
 * credits a dispute claimed each cost the same SQL statements for a contract of 5 services as
 * for one of 50 — every service down in the month, so a credit each. (Small enough that no
 * chunk boundary is crossed — 500 rows a ledger write, 200 audit entries a statement — so the
 * counts must be exactly equal; a document's own writing, a line a statement on SQLite, is
 * taken out by sending one of as many lines that matches nothing.)
 */
const ZONE = 'Europe/London';
const now = DateTime.now().setZone(ZONE);
/** closed: more than the 60 grace days behind */
const CLOSED = now.startOf('month').minus({ months: 4 });
/** still provisional: within its 60 grace days */
const OPEN = now.startOf('month').minus({ months: 1 });

const LEDGER = `query($c: ID!, $p: String!) { creditLedger(filter: { contractId: $c, from: $p, to: $p }) {
  months { period final owed received outstanding entries } entries(first: 100) { totalCount edges { node { id owed state } } } } }`;

interface Estate {
  odsCode: string;
  token: string;
  contractId: number;
  contract: string;
  supplier: string;
  services: { id: number; reference: string }[];
}

/** A day's rollup for every service of the contract through the month, each down for `downHours` on the tenth. */
async function month(dataSource: DataSource, contractId: number, first: DateTime, downHours: number): Promise<void> {
  const days = Array.from(
    { length: first.daysInMonth! },
    (_, d) => `SELECT '${first.plus({ days: d }).toISODate()}' AS day, ${d} AS n`,
  ).join(' UNION ALL ');
  const measures =
    'latencyCount, latencySumUs, latencyMaxUs, jitterCount, jitterSumUs, jitterMaxUs, packetLossCount, packetLossSumPpm, packetLossMaxPpm, ' +
    'utilisationInCount, utilisationInSumBp, utilisationInMaxBp, utilisationOutCount, utilisationOutSumBp, utilisationOutMaxBp';
  await dataSource.query(
    `INSERT INTO performance_daily (serviceId, day, qosClass, organisationId, sampleCount, coveredSeconds, upSeconds, ${measures})
     SELECT s.id, d.day, '', s.organisationId, 24, 86400, CASE WHEN d.n = 9 THEN ${86_400 - downHours * 3_600} ELSE 86400 END, 24, ` +
      `192000, 8000, 24, 14400, 600, 24, 2400, 100, 24, 48000, 2000, 24, 36000, 1500
     FROM service s CROSS JOIN (${days}) d WHERE s.contractId = ?`,
    [contractId],
  );
  const hours = Array.from(
    { length: 24 },
    (_, h) => `SELECT '${sqlTimestamp(first.plus({ days: 9, hours: h }).toJSDate())}' AS hourStart, ${h} AS h`,
  ).join(' UNION ALL ');
  await dataSource.query(
    `INSERT INTO performance_hourly (serviceId, hourStart, qosClass, organisationId, sampleCount, coveredSeconds, upSeconds, ${measures})
     SELECT s.id, h.hourStart, '', s.organisationId, 1, 3600, CASE WHEN h.h < ${downHours} THEN 0 ELSE 3600 END, 1, 8000, 8000, 1, 600, ` +
      `600, 1, 100, 100, 1, 2000, 2000, 1, 1500, 1500
     FROM service s CROSS JOIN (${hours}) h WHERE s.contractId = ?`,
    [contractId],
  );
}

/** The tenth of the month down all day for every service of the contract (a larger shortfall: a larger credit). */
async function downAllDay(dataSource: DataSource, contractId: number, first: DateTime): Promise<void> {
  const serviceIds = `SELECT id FROM service WHERE contractId = ${Number(contractId)}`;
  await dataSource.query(`UPDATE performance_daily SET upSeconds = 0 WHERE day = ? AND serviceId IN (${serviceIds})`, [
    first.plus({ days: 9 }).toISODate(),
  ]);
  await dataSource.query(
    `UPDATE performance_hourly SET upSeconds = 0 WHERE hourStart >= ? AND hourStart < ? AND serviceId IN (${serviceIds})`,
    [sqlTimestamp(first.plus({ days: 9 }).toJSDate()), sqlTimestamp(first.plus({ days: 10 }).toJSDate())],
  );
}

describe('the credit ledger costs the same statements for 5 credits as for 50', () => {
  let server: TestServer;
  let small: Estate;
  let large: Estate;

  async function estate(size: number, prefix: string): Promise<Estate> {
    const dataSource = server.db.dataSource;
    const odsCode = `R${prefix}`;
    const { supplierId, contractIds } = await createOrganisation(dataSource, size, { odsCode, prefix, perContract: size });
    const contractId = contractIds[0]!;
    await month(dataSource, contractId, CLOSED, 8);
    await month(dataSource, contractId, OPEN, 8);
    const services: { id: number; reference: string }[] = (
      await dataSource.query('SELECT id, reference FROM service WHERE contractId = ? ORDER BY id', [contractId])
    ).map((r: { id: number | string; reference: string }) => ({ id: Number(r.id), reference: r.reference }));
    const token = await server.token(odsCode, Role.CONTRACT_MANAGER);
    return {
      odsCode,
      token,
      contractId,
      contract: toGlobalId('Contract', contractId),
      supplier: toGlobalId('Supplier', supplierId),
      services,
    };
  }

  const ledger = async (e: Estate, period: DateTime) => {
    const answer = await server.gql(LEDGER, { c: e.contract, p: period.toFormat('yyyy-MM') }, e.token);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data.creditLedger;
  };

  const send = async (e: Estate, csv: string) => {
    const run = await ingest(server, e.token, { supplierId: e.supplier, kind: 'INVOICE', format: 'CSV', document: csv });
    if (run.errors || run.data.ingestFeed.rowsRejected)
      throw new Error(`document refused: ${JSON.stringify(run.errors ?? run.data.ingestFeed.rejectedRows)}`);
  };

  beforeAll(async () => {
    server = await startTestServer({ env: { SLA_MONTH_GRACE_DAYS: '60', LEDGER_PROVISIONAL_SECONDS: '0' } });
    small = await estate(5, 'LSS');
    large = await estate(50, 'LSL');
    // the first read closes the months past their grace and computes the open one
    for (const e of [small, large]) await ledger(e, CLOSED);
  });
  afterAll(() => server.stop());

  it('recomputes a provisional month whose every credit changed in as many statements for 50 credits as for 5', async () => {
    const counts: number[] = [];
    for (const e of [small, large]) {
      const before = (await ledger(e, OPEN)).months[0];
      expect(before).toMatchObject({ final: false, entries: e.services.length });
      await downAllDay(server.db.dataSource, e.contractId, OPEN);
      counts.push(await server.countStatements(() => ledger(e, OPEN)));
      const after = (await ledger(e, OPEN)).months[0];
      expect(after.entries).toBe(e.services.length);
      expect(parseMoney(after.owed)).toBeGreaterThan(parseMoney(before.owed));
    }
    expect(counts[1]).toBe(counts[0]);
  });

  it('revises a closed month whose every credit changed in as many statements for 50 credits as for 5', async () => {
    const counts: number[] = [];
    for (const e of [small, large]) {
      const before = (await ledger(e, CLOSED)).months[0];
      expect(before).toMatchObject({ final: true, entries: e.services.length });
      await downAllDay(server.db.dataSource, e.contractId, CLOSED);
      let revised: { errors?: unknown; revision?: number } = {};
      counts.push(
        await server.countStatements(async () => {
          const answer = await server.gql<{ reviseSlaMonth: { revision: number } }>(
            'mutation($c: ID!, $p: String!) { reviseSlaMonth(input: { contractId: $c, period: $p }) { revision } }',
            { c: e.contract, p: CLOSED.toFormat('yyyy-MM') },
            e.token,
          );
          revised = { errors: answer.errors, revision: answer.data?.reviseSlaMonth.revision };
        }),
      );
      expect(revised.errors).toBeUndefined();
      expect(revised.revision).toBe(2);
      // nobody had claimed them: every entry takes the revised figure
      const after = (await ledger(e, CLOSED)).months[0];
      expect(parseMoney(after.owed)).toBeGreaterThan(parseMoney(before.owed));
    }
    expect(counts[1]).toBe(counts[0]);
  });

  it('matches a credit note to credits a dispute claimed, crediting the dispute, in as many statements for 50 lines as for 5', async () => {
    const counts: number[] = [];
    for (const e of [small, large]) {
      // the month after the closed one billed, reconciled: the closed month's credits claimed as missing, and disputed
      const billed = CLOSED.plus({ months: 1 });
      const rental = documentCsv(
        `${e.odsCode}-R1`,
        { invoiceDate: billed.plus({ months: 1 }).toISODate()!, ...monthDays(billed.toFormat('yyyy-MM')) },
        e.services.map((s) => ({ reference: s.reference, type: 'RECURRING' as const, net: 50_000n })),
      );
      await send(e, rental);
      const invoice = (
        await server.gql('{ invoices(first: 10) { edges { node { id invoiceNumber } } } }', {}, e.token)
      ).data.invoices.edges.find((edge: { node: { invoiceNumber: string } }) => edge.node.invoiceNumber === `${e.odsCode}-R1`).node.id;
      expect(
        (await server.gql('mutation($id: ID!) { reconcileInvoice(id: $id) { findingCount } }', { id: invoice }, e.token)).errors,
      ).toBeUndefined();
      const findings = (
        await server.gql(
          'query($id: ID!) { invoice(id: $id) { reconciliation { findings { id type period } } } }',
          { id: invoice },
          e.token,
        )
      ).data.invoice.reconciliation.findings;
      const missing = findings.filter((f: { type: string }) => f.type === 'MISSING_SERVICE_CREDIT');
      expect(missing).toEqual([expect.objectContaining({ period: CLOSED.toFormat('yyyy-MM') })]);
      const raised = await server.gql(
        'mutation($f: [ID!]!) { raiseDispute(input: { findingIds: $f, evidence: "SLA month snapshot" }) { id } }',
        { f: [missing[0].id] },
        e.token,
      );
      expect(raised.errors).toBeUndefined();

      // the supplier credits each service for the month, a line each
      const owed: { serviceId: number; owed: bigint }[] = (
        await server.db.dataSource.query(
          'SELECT serviceId, owed FROM credit_ledger_entry WHERE contractId = ? AND period = ? ORDER BY id',
          [e.contractId, CLOSED.toFormat('yyyy-MM')],
        )
      ).map((r: { serviceId: number | string; owed: number | string }) => ({
        serviceId: Number(r.serviceId),
        owed: BigInt(String(r.owed)),
      }));
      expect(owed).toHaveLength(e.services.length);
      const referenceOf = new Map(e.services.map((s) => [s.id, s.reference]));
      const { periodStart, periodEnd } = monthDays(CLOSED.toFormat('yyyy-MM'));
      const note = documentCsv(
        `${e.odsCode}-CN1`,
        { invoiceDate: now.toISODate()!, periodStart, periodEnd },
        owed.map((entry) => ({
          reference: referenceOf.get(entry.serviceId)!,
          type: 'CREDIT' as const,
          net: -entry.owed,
          from: periodStart,
          to: periodEnd,
        })),
      );
      // what sending a document of as many lines costs by itself (on SQLite the feed writes a line a statement):
      // a credit for each service for the month before, when nothing was owed, which matches nothing
      const before = monthDays(CLOSED.minus({ months: 1 }).toFormat('yyyy-MM'));
      const control = documentCsv(
        `${e.odsCode}-CN0`,
        { invoiceDate: now.toISODate()!, ...before },
        e.services.map((s) => ({
          reference: s.reference,
          type: 'CREDIT' as const,
          net: -100n,
          from: before.periodStart,
          to: before.periodEnd,
        })),
      );
      const sending = await server.countStatements(() => send(e, control));
      counts.push((await server.countStatements(() => send(e, note))) - sending);

      const dispute = (
        await server.gql(
          'query($id: ID!) { dispute(id: $id) { state disputedAmount creditedAmount } }',
          { id: raised.data.raiseDispute.id },
          e.token,
        )
      ).data.dispute;
      expect(dispute).toMatchObject({ state: 'CREDITED', creditedAmount: dispute.disputedAmount });
      const month = (await ledger(e, CLOSED)).months[0];
      expect(month).toMatchObject({ outstanding: '0.00', received: formatMoney(owed.reduce((sum, entry) => sum + entry.owed, 0n)) });
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
