import { Role } from '../../src/auth/roles';
import { formatMoney, parseMoney } from '../../src/common/money';
import { sha256 } from '../../src/common/hashing';
import { billingLoop, documentCsv, monthDays, type BillingLoop } from '../support/billing-loop';
import { errorCode } from '../support/test-server';

/**
 * The money loop across documents and months, played through the feeds and the API as a
 * contract manager meets it: breach → credit owed → claimed on the next invoice → disputed →
 * credit received → matched → paid. Each sequence that went wrong before the credit ledger
 * (issue 17) is played here, in both arrival orders where order matters.
 */
const gross = (net: bigint) => net + (net * 20n + 50n) / 100n;
const sum = (values: string[]) => values.reduce((total, value) => total + parseMoney(value), 0n);

/** Last month's credits, one line per ledger entry, as a supplier's credit note sends them. */
function creditNote(loop: BillingLoop, number: string, entries: { outstanding: string }[], period = loop.lastMonth) {
  const { periodStart, periodEnd } = monthDays(period);
  return documentCsv(
    number,
    { invoiceDate: loop.today, periodStart, periodEnd },
    entries.map((entry) => ({
      reference: null,
      type: 'CREDIT' as const,
      net: -parseMoney(entry.outstanding),
      from: periodStart,
      to: periodEnd,
    })),
  );
}

async function claimLastMonth(loop: BillingLoop) {
  await loop.send(loop.rental('PDN-R1', loop.thisMonth, loop.today));
  const r1 = await loop.invoiceId('PDN-R1');
  expect((await loop.reconcile(r1)).errors).toBeUndefined();
  const invoice = await loop.findings(r1);
  const missing = invoice.reconciliation.findings.filter((f: { type: unknown }) => f.type === 'MISSING_SERVICE_CREDIT');
  return { r1, missing };
}

describe('the money loop: credits claimed once, received against their month', () => {
  let loop: BillingLoop;
  beforeAll(async () => {
    loop = await billingLoop();
  });
  afterAll(() => loop.server.stop());

  it('closes last month into the ledger as final credits, with a frozen snapshot whose hash an auditor can check', async () => {
    const { months, entries } = await loop.ledger(loop.lastMonth, loop.lastMonth);
    expect(entries.length).toBeGreaterThanOrEqual(2); // the outage and the late Severity 1
    expect(entries.every((e: { state: unknown; final: unknown }) => e.state === 'OWED' && e.final)).toBe(true);
    expect(months).toEqual([
      expect.objectContaining({
        period: loop.lastMonth,
        final: true,
        owed: formatMoney(sum(entries.map((e: { owed: unknown }) => e.owed))),
        outstanding: formatMoney(sum(entries.map((e: { owed: unknown }) => e.owed))),
      }),
    ]);
    const snapshot = (
      await loop.server.gql(
        'query($c: ID!, $p: String!) { slaMonthSnapshot(contractId: $c, period: $p) { revision sha256 content creditsOwed } }',
        { c: loop.contractId, p: loop.lastMonth },
        loop.manager,
      )
    ).data.slaMonthSnapshot;
    expect(snapshot.revision).toBe(1);
    expect(sha256(snapshot.content)).toBe(snapshot.sha256);
    expect(snapshot.creditsOwed).toBe(months[0].owed);
    const content = JSON.parse(snapshot.content);
    expect(content.credits.map((c: { owed: unknown }) => c.owed)).toEqual(entries.map((e: { owed: unknown }) => e.owed));
    expect(content.terms.some((t: { downtime: unknown[] }) => t.downtime.length > 0)).toBe(true);
    // each credit traces to the feed rows behind it: the samples' run for availability, the ticket's row for the incident
    const availability = entries.find((e: { termKind: unknown }) => e.termKind === 'AVAILABILITY');
    expect(availability.sources[0]).toMatchObject({
      feedRun: { kind: 'PERFORMANCE' },
      location: expect.stringMatching(/^line \d+$/),
      lastLocation: expect.stringMatching(/^line \d+$/),
    });
    const incident = entries.find((e: { termKind: unknown }) => e.termKind === 'INCIDENT_RESOLUTION');
    expect(incident.sources).toEqual([{ location: 'line 2', lastLocation: null, feedRun: { id: expect.any(String), kind: 'INCIDENT' } }]);
  });

  it("reports last month's credits missing once, on the first invoice after it closed, naming contract and month", async () => {
    const { r1, missing } = await claimLastMonth(loop);
    const { entries } = await loop.ledger(loop.lastMonth, loop.lastMonth);
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ period: loop.lastMonth, contract: { reference: 'RX1-HSCN-2023-01' }, disputable: true });
    expect(parseMoney(missing[0].difference)).toBe(gross(sum(entries.map((e: { owed: unknown }) => e.owed))));
    expect(missing[0].credits.map((c: { id: unknown }) => c.id).sort()).toEqual(entries.map((e: { id: unknown }) => e.id).sort());
    expect(
      entries.every(
        (e: { state: unknown; claimedOnInvoice: { invoiceNumber: unknown } }) =>
          e.state === 'CLAIMED' && e.claimedOnInvoice.invoiceNumber === 'PDN-R1',
      ),
    ).toBe(true);
    // reconciling it again claims the same entries, not more
    await loop.reconcile(r1);
    expect(
      (await loop.findings(r1)).reconciliation.findings.filter((f: { type: unknown }) => f.type === 'MISSING_SERVICE_CREDIT'),
    ).toHaveLength(1);
  });

  it('matches a credit that arrives while the dispute is SUBMITTED, and never claims the month again', async () => {
    const r1 = await loop.invoiceId('PDN-R1');
    const missing = (await loop.findings(r1)).reconciliation.findings.find((f: { type: unknown }) => f.type === 'MISSING_SERVICE_CREDIT');
    const raised = (await loop.raise([missing.id])).data.raiseDispute;
    expect((await loop.move(raised.id, 'SUBMITTED')).errors).toBeUndefined();
    const { entries } = await loop.ledger(loop.lastMonth, loop.lastMonth);

    // the supplier credits last month on a credit note, while the dispute is still SUBMITTED
    await loop.send(creditNote(loop, 'PDN-CN-1', entries));
    const dispute = await loop.dispute(raised.id);
    expect(dispute.state).toBe('CREDITED');
    expect(dispute.creditedAmount).toBe(dispute.disputedAmount);
    expect(dispute.history.at(-1)).toMatchObject({ fromState: 'SUBMITTED', toState: 'CREDITED', changedBy: 'system', automatic: true });
    const after = await loop.ledger(loop.lastMonth, loop.lastMonth);
    expect(
      after.entries.every(
        (e: { state: string; outstanding: string; receipts: { invoice: { invoiceNumber: string } }[] }) =>
          e.state === 'RECEIVED' && e.outstanding === '0.00' && e.receipts[0].invoice.invoiceNumber === 'PDN-CN-1',
      ),
    ).toBe(true);
    expect(after.totals.outstanding).toBe('0.00');

    // the next invoice does not ask for the month again, and a second dispute is refused, naming the first
    await loop.send(loop.rental('PDN-R2', loop.nextMonth, loop.today));
    const r2 = await loop.invoiceId('PDN-R2');
    await loop.reconcile(r2);
    expect((await loop.findings(r2)).reconciliation.findings.filter((f: { type: unknown }) => f.type === 'MISSING_SERVICE_CREDIT')).toEqual(
      [],
    );
    const again = await loop.raise([missing.id]);
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors![0].extensions!.reason).toBe('ALREADY_DISPUTED');
    expect(again.errors![0].message).toContain(raised.id);
    // the credit note's own reconciliation finds nothing left unplaced
    const cn = await loop.invoiceId('PDN-CN-1');
    await loop.reconcile(cn);
    // a credit note is read as credits: no rental expected of it, no variance against the last invoice
    expect((await loop.findings(cn)).reconciliation.findings).toEqual([]);
    expect((await loop.server.gql('{ creditsOutstanding { outstanding } }', {}, loop.manager)).data.creditsOutstanding).toEqual([]);
  });
});

describe('the money loop: credits received after the dispute is upheld', () => {
  let loop: BillingLoop;
  beforeAll(async () => {
    loop = await billingLoop();
  });
  afterAll(() => loop.server.stop());

  it("matches the credit note when it arrives, without anyone reconciling it, and records the match as the system's", async () => {
    const { missing } = await claimLastMonth(loop);
    const raised = (await loop.raise([missing[0].id])).data.raiseDispute;
    await loop.move(raised.id, 'SUBMITTED');
    await loop.move(raised.id, 'UPHELD');
    const { entries } = await loop.ledger(loop.lastMonth, loop.lastMonth);
    await loop.send(creditNote(loop, 'PDN-CN-2', entries));
    const dispute = await loop.dispute(raised.id);
    expect(dispute.state).toBe('CREDITED');
    expect(dispute.history.at(-1)).toMatchObject({ fromState: 'UPHELD', toState: 'CREDITED', changedBy: 'system', automatic: true });
    // the reconciliation that claimed the credits is stale: its missing credit has been received
    const r1 = await loop.findings(await loop.invoiceId('PDN-R1'));
    expect(r1.reconciliation.staleSince).not.toBeNull();
    expect(r1.reconciliation.staleReason).toMatch(new RegExp(`credit for ${loop.lastMonth} was received on PDN-CN-2`));
  });

  it('does not count an automatic match against the approver who reconciled the credit note', async () => {
    const r1 = await loop.invoiceId('PDN-R1');
    await loop.reconcile(r1); // current again: the credit is received, nothing is missing
    expect((await loop.findings(r1)).reconciliation.findings.filter((f: { type: unknown }) => f.type === 'MISSING_SERVICE_CREDIT')).toEqual(
      [],
    );
    const cn = await loop.invoiceId('PDN-CN-2');
    expect((await loop.reconcile(cn, loop.approver)).errors).toBeUndefined();
    const approved = await loop.server.gql(
      'mutation($id: ID!) { approveInvoice(input: { id: $id, acceptUndisputedFindings: true }) { status } }',
      { id: r1 },
      loop.approver,
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data.approveInvoice.status).toBe('APPROVED');
  });
});

describe('the money loop: an overcharge credited before and after the supplier upholds it', () => {
  let loop: BillingLoop;
  beforeAll(async () => {
    loop = await billingLoop();
  });
  afterAll(() => loop.server.stop());

  async function overcharged(number: string, period: string) {
    await loop.send(loop.rental(number, period, loop.today, (line, i) => (i === 0 ? { ...line, net: line.net + 1_000n } : line)));
    const id = await loop.invoiceId(number);
    await loop.reconcile(id);
    const rate = (await loop.findings(id)).reconciliation.findings.find((f: { type: unknown }) => f.type === 'RATE_MISMATCH');
    const raised = (await loop.raise([rate.id])).data.raiseDispute;
    expect(raised.disputedAmount).toBe('12.00');
    await loop.move(raised.id, 'SUBMITTED');
    return raised.id as string;
  }
  const refund = (number: string, period: string) =>
    documentCsv(number, { invoiceDate: loop.today, ...monthDays(period) }, [
      { reference: loop.services.filter((s) => s.installDate < `${loop.lastMonth}-01`)[0]!.reference, type: 'CREDIT', net: -1_000n },
    ]);

  it('holds a credit that comes while the dispute is SUBMITTED, and matches it the moment the dispute is UPHELD', async () => {
    const id = await overcharged('PDN-OC-1', loop.thisMonth);
    await loop.send(refund('PDN-OC-CN-1', loop.thisMonth));
    expect((await loop.dispute(id)).state).toBe('SUBMITTED');
    await loop.move(id, 'UPHELD');
    const dispute = await loop.dispute(id);
    expect(dispute).toMatchObject({ state: 'CREDITED', creditedAmount: '12.00' });
    expect(dispute.history.at(-1)).toMatchObject({ toState: 'CREDITED', changedBy: 'system', automatic: true });
  });

  it('matches a credit that comes after the dispute was UPHELD as soon as it arrives', async () => {
    const id = await overcharged('PDN-OC-2', loop.nextMonth);
    await loop.move(id, 'UPHELD');
    await loop.send(refund('PDN-OC-CN-2', loop.nextMonth));
    expect(await loop.dispute(id)).toMatchObject({ state: 'CREDITED', creditedAmount: '12.00' });
  });
});

describe('the money loop: a credit for one month never clears another', () => {
  let loop: BillingLoop;
  beforeAll(async () => {
    loop = await billingLoop();
  });
  afterAll(() => loop.server.stop());

  it('leaves last month outstanding when the credit note is for this month, and reports the credit as unmatched', async () => {
    const { entries } = await loop.ledger(loop.lastMonth, loop.lastMonth);
    const owed = sum(entries.map((e: { owed: unknown }) => e.owed));
    await loop.send(creditNote(loop, 'PDN-CN-WRONG', entries, loop.thisMonth));
    // nor does a credit for a service we do not hold, in the right month
    const { periodStart, periodEnd } = monthDays(loop.lastMonth);
    await loop.send(
      documentCsv('PDN-CN-PHANTOM', { invoiceDate: loop.today, periodStart, periodEnd }, [
        { reference: 'PDN-PHANTOM-9', type: 'CREDIT', net: -owed },
      ]),
    );
    const after = await loop.ledger(loop.lastMonth, loop.lastMonth);
    expect(after.totals.outstanding).toBe(formatMoney(owed));
    const { missing } = await claimLastMonth(loop);
    expect(missing.map((f: { period: string; difference: string }) => [f.period, parseMoney(f.difference)])).toEqual([
      [loop.lastMonth, gross(owed)],
    ]);
    const cn = await loop.invoiceId('PDN-CN-WRONG');
    await loop.reconcile(cn);
    const unmatched = (await loop.findings(cn)).reconciliation.findings.filter((f: { type: unknown }) => f.type === 'UNMATCHED_CREDIT');
    expect(unmatched.length).toBe(entries.length);
    expect(unmatched.every((f: { period: unknown; disputable: unknown }) => f.period === loop.thisMonth && !f.disputable)).toBe(true);
    const kinds = await loop.server.gql(
      '{ invoices(filter: { kind: [CREDIT_NOTE] }) { edges { node { invoiceNumber kind reconciliation { findings { type } } } } } }',
      {},
      loop.manager,
    );
    const notes = kinds.data.invoices.edges.map((e: { node: unknown }) => e.node);
    expect(notes.map((n: { invoiceNumber: unknown }) => n.invoiceNumber).sort()).toEqual(['PDN-CN-PHANTOM', 'PDN-CN-WRONG']);
    expect(
      new Set(
        notes
          .find((n: { invoiceNumber: unknown }) => n.invoiceNumber === 'PDN-CN-WRONG')
          .reconciliation.findings.map((f: { type: unknown }) => f.type),
      ),
    ).toEqual(new Set(['UNMATCHED_CREDIT']));
    const paid = await loop.server.gql(
      'mutation($id: ID!) { approveInvoice(input: { id: $id, acceptUndisputedFindings: true }) { status } }',
      { id: cn },
      loop.approver,
    );
    expect(paid.errors![0].extensions!.reason).toBe('CREDIT_NOTE_NOT_PAYABLE');
    const outstanding = (
      await loop.server.gql(
        '{ creditsOutstanding { outstanding claimed supplier { cnspId } months { period outstanding } } }',
        {},
        loop.manager,
      )
    ).data.creditsOutstanding;
    expect(outstanding).toEqual([
      {
        outstanding: formatMoney(owed),
        claimed: formatMoney(owed),
        supplier: { cnspId: 'PDN00001' },
        months: [{ period: loop.lastMonth, outstanding: formatMoney(owed) }],
      },
    ]);
  });
});

describe('the money loop: months not over', () => {
  let loop: BillingLoop;
  beforeAll(async () => {
    loop = await billingLoop();
    // a Severity 1 still open since the first minute of this month: a credit is building, not yet owed
    const service = loop.services.filter((s) => s.installDate < `${loop.lastMonth}-01`)[2]!;
    const opened = new Date(`${loop.thisMonth}-01T00:01:00Z`).toISOString();
    const run = await loop.server.gql(
      'mutation($input: IngestFeedInput!) { ingestFeed(input: $input) { rowsAccepted } }',
      {
        input: {
          supplierId: loop.pdn,
          kind: 'INCIDENT',
          format: 'CSV',
          document: `ticket_reference,service_reference,severity,status,summary,opened_at\nOPEN-1,${service.reference},1,In Progress,Site down,${opened}`,
        },
      },
      loop.manager,
    );
    expect(run.data.ingestFeed.rowsAccepted).toBe(1);
  });
  afterAll(() => loop.server.stop());

  it("keeps this month's credits provisional and never reports them missing, even on an invoice billed in advance", async () => {
    const { entries, totals } = await loop.ledger(loop.thisMonth, loop.thisMonth);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e: { state: unknown; final: unknown }) => e.state === 'PROVISIONAL' && !e.final)).toBe(true);
    expect(totals.owed).toBe('0.00');
    expect(parseMoney(totals.provisional)).toBeGreaterThan(0n);
    await loop.send(loop.rental('PDN-ADV-1', loop.nextMonth, loop.today));
    const id = await loop.invoiceId('PDN-ADV-1');
    await loop.reconcile(id);
    const periods = (await loop.findings(id)).reconciliation.findings
      .filter((f: { type: unknown }) => f.type === 'MISSING_SERVICE_CREDIT')
      .map((f: { period: unknown }) => f.period);
    expect(periods).toEqual([loop.lastMonth]);
    const open = await loop.server.gql(
      'query($c: ID!, $p: String!) { slaMonthSnapshot(contractId: $c, period: $p) { sha256 } }',
      { c: loop.contractId, p: loop.thisMonth },
      loop.manager,
    );
    expect(open.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'MONTH_OPEN' });
    const waive = await loop.server.gql(
      'mutation($id: ID!) { waiveCredits(input: { entryIds: [$id], reason: "x" }) { id } }',
      { id: entries[0].id },
      loop.manager,
    );
    expect(waive.errors?.[0]?.extensions?.reason ?? JSON.stringify(waive)).toBe('MONTH_OPEN');
  });

  it('does not waive a missing credit when the approver pays the invoice anyway: it stays outstanding until a person waives it', async () => {
    const id = await loop.invoiceId('PDN-ADV-1');
    const approved = await loop.server.gql(
      'mutation($id: ID!) { approveInvoice(input: { id: $id, acceptUndisputedFindings: true }) { status } }',
      { id },
      loop.approver,
    );
    expect(approved.data.approveInvoice.status).toBe('APPROVED');
    const { entries, totals } = await loop.ledger(loop.lastMonth, loop.lastMonth);
    expect(entries.every((e: { state: unknown }) => e.state === 'CLAIMED')).toBe(true);
    expect(parseMoney(totals.outstanding)).toBe(sum(entries.map((e: { owed: unknown }) => e.owed)));
    const waived = await loop.server.gql(
      'mutation($ids: [ID!]!) { waiveCredits(input: { entryIds: $ids, reason: "Agreed at the service review: supplier to improve instead" ' +
        '}) { state waived waivedBy waivedReason } }',
      { ids: entries.map((e: { id: unknown }) => e.id) },
      loop.manager,
    );
    expect(waived.errors).toBeUndefined();
    expect(
      waived.data.waiveCredits.every(
        (e: { state: unknown; waivedBy: unknown }) => e.state === 'WAIVED' && e.waivedBy === 'test.contract_manager@rx1',
      ),
    ).toBe(true);
    expect((await loop.ledger(loop.lastMonth, loop.lastMonth)).totals.outstanding).toBe('0.00');
    const audit = await loop.server.gql(
      '{ auditTrail(first: 50, filter: { entityType: "CreditLedgerEntry" }) { totalCount edges { node { actor action } } } }',
      {},
      await loop.server.token('RX1', Role.ADMIN),
    );
    expect(audit.errors).toBeUndefined();
    expect(audit.data.auditTrail.totalCount).toBeGreaterThanOrEqual(entries.length);
  });
});

describe('the money loop: stale reconciliations', () => {
  let loop: BillingLoop;
  beforeAll(async () => {
    loop = await billingLoop();
  });
  afterAll(() => loop.server.stop());

  it('marks a reconciled invoice stale when an earlier-dated invoice for the same month arrives, and refuses to approve it until run again', async () => {
    await loop.send(loop.rental('PDN-LATE', loop.thisMonth, loop.today));
    const late = await loop.invoiceId('PDN-LATE');
    await loop.reconcile(late);
    expect((await loop.findings(late)).reconciliation.findings.filter((f: { type: unknown }) => f.type === 'DUPLICATE_CHARGE')).toEqual([]);

    await loop.send(loop.rental('PDN-EARLY', loop.thisMonth, `${loop.thisMonth}-01`));
    const stale = (await loop.findings(late)).reconciliation;
    expect(stale.staleSince).not.toBeNull();
    expect(stale.staleReason).toMatch(/PDN-EARLY, dated .* arrived after it was reconciled/);
    const refused = await loop.server.gql(
      'mutation($id: ID!) { approveInvoice(input: { id: $id, acceptUndisputedFindings: true }) { status } }',
      { id: late },
      loop.approver,
    );
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0].extensions!.reason).toBe('STALE_RECONCILIATION');

    await loop.reconcile(late);
    const current = (await loop.findings(late)).reconciliation;
    expect(current.staleSince).toBeNull();
    expect(current.findings.filter((f: { type: unknown }) => f.type === 'DUPLICATE_CHARGE').length).toBeGreaterThan(0);
  });

  it("withdraws an approval given on a reconciliation that has since gone stale, as the system's move", async () => {
    await loop.send(loop.rental('PDN-NEXT-LATE', loop.nextMonth, loop.today));
    const later = await loop.invoiceId('PDN-NEXT-LATE');
    await loop.reconcile(later);
    expect(
      (
        await loop.server.gql(
          'mutation($id: ID!) { approveInvoice(input: { id: $id, acceptUndisputedFindings: true }) { status } }',
          { id: later },
          loop.approver,
        )
      ).data.approveInvoice.status,
    ).toBe('APPROVED');
    await loop.send(loop.rental('PDN-NEXT-EARLY', loop.nextMonth, `${loop.thisMonth}-01`));
    const after = (
      await loop.server.gql(
        'query($id: ID!) { invoice(id: $id) { status approvedAmount statusHistory { toStatus changedBy automatic reason } approvals { voidReason } } }',
        { id: later },
        loop.manager,
      )
    ).data.invoice;
    expect(after.status).toBe('RECONCILED');
    expect(after.approvedAmount).toBeNull();
    expect(after.statusHistory.at(-1)).toMatchObject({ toStatus: 'RECONCILED', changedBy: 'system', automatic: true });
    expect(after.approvals.every((a: { voidReason: string }) => /went stale/.test(a.voidReason))).toBe(true);
  });

  it('reconciles the later invoice right first time when the earlier one came first', async () => {
    await loop.send(loop.rental('PDN-ORDER-EARLY', loop.lastMonth, `${loop.lastMonth}-01`));
    await loop.send(loop.rental('PDN-ORDER-LATE', loop.lastMonth, loop.today));
    const late = await loop.invoiceId('PDN-ORDER-LATE');
    await loop.reconcile(late);
    const reconciliation = (await loop.findings(late)).reconciliation;
    expect(reconciliation.staleSince).toBeNull();
    expect(reconciliation.findings.filter((f: { type: unknown }) => f.type === 'DUPLICATE_CHARGE').length).toBeGreaterThan(0);
  });
});

describe('the money loop: a month revised after it closed', () => {
  let loop: BillingLoop;
  beforeAll(async () => {
    loop = await billingLoop();
  });
  afterAll(() => loop.server.stop());

  it('keeps the frozen figures and the claim when a late feed changes the month, and shows the difference as a revision', async () => {
    const { missing } = await claimLastMonth(loop);
    const raised = (await loop.raise([missing[0].id])).data.raiseDispute;
    const before = await loop.ledger(loop.lastMonth, loop.lastMonth);
    const SNAPSHOT = 'query($c: ID!, $p: String!) { slaMonthSnapshot(contractId: $c, period: $p) { revision sha256 differences } }';
    const frozen = (await loop.server.gql(SNAPSHOT, { c: loop.contractId, p: loop.lastMonth }, loop.manager)).data.slaMonthSnapshot;

    // a late ticket for last month: another Severity 1 resolved late
    const service = loop.services.filter((s) => s.installDate < `${loop.lastMonth}-01`)[2]!;
    const opened = `${loop.lastMonth}-20T09:00:00Z`;
    const resolved = `${loop.lastMonth}-21T09:00:00Z`;
    await loop.server.gql(
      'mutation($input: IngestFeedInput!) { ingestFeed(input: $input) { rowsAccepted } }',
      {
        input: {
          supplierId: loop.pdn,
          kind: 'INCIDENT',
          format: 'CSV',
          document:
            `ticket_reference,service_reference,severity,status,summary,opened_at,acknowledged_at,resolved_at\nLATE-1,${service.reference},1,Resolved,Late ` +
            `ticket,${opened},${opened},${resolved}`,
        },
      },
      loop.manager,
    );
    // nothing changes silently: the month stays as frozen until someone revises it
    expect((await loop.server.gql(SNAPSHOT, { c: loop.contractId, p: loop.lastMonth }, loop.manager)).data.slaMonthSnapshot).toEqual(
      frozen,
    );

    const revised = await loop.server.gql(
      'mutation($c: ID!, $p: String!) { reviseSlaMonth(input: { contractId: $c, period: $p }) { revision sha256 differences } }',
      { c: loop.contractId, p: loop.lastMonth },
      loop.manager,
    );
    expect(revised.errors).toBeUndefined();
    expect(revised.data.reviseSlaMonth.revision).toBe(2);
    expect(revised.data.reviseSlaMonth.sha256).not.toBe(frozen.sha256);
    const differences = JSON.parse(revised.data.reviseSlaMonth.differences);
    expect(differences.from).toBe(frozen.sha256);
    expect(
      differences.credits.some((d: { before: unknown; key: string }) => d.before === null && d.key.startsWith('INCIDENT_RESOLUTION')),
    ).toBe(true);

    const after = await loop.ledger(loop.lastMonth, loop.lastMonth);
    const claimed = after.entries.filter((e: { claimedByDispute: { id: string } | null }) => e.claimedByDispute?.id === raised.id);
    expect(claimed.map((e: { id: unknown; owed: unknown }) => [e.id, e.owed])).toEqual(
      before.entries.map((e: { id: unknown; owed: unknown }) => [e.id, e.owed]),
    );
    const fresh = after.entries.filter((e: { id: unknown }) => !before.entries.some((b: { id: unknown }) => b.id === e.id));
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((e: { state: unknown }) => e.state === 'OWED')).toBe(true);
    // the first revision is still there, unchanged, for the dispute that cites it
    const first = (
      await loop.server.gql(
        'query($c: ID!, $p: String!) { slaMonthSnapshot(contractId: $c, period: $p, revision: 1) { sha256 } }',
        { c: loop.contractId, p: loop.lastMonth },
        loop.manager,
      )
    ).data.slaMonthSnapshot;
    expect(first.sha256).toBe(frozen.sha256);
  });
});
