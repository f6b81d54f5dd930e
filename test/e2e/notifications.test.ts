import { Role } from '../../src/auth/roles';
import { Contact } from '../../src/contacts/contact.entity';
import { Contract } from '../../src/contracts/contract.entity';
import { parseGlobalId } from '../../src/common/global-id';
import { seedDemoBillingData } from '../../src/seed/demo-billing';
import { seedDemoServiceDesk } from '../../src/seed/demo-servicedesk';
import { seedDemoSlaData } from '../../src/seed/demo-sla';
import { errorCode, startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

const NOTIFICATIONS = `query($filter: NotificationFilterInput, $windows: NotificationWindowsInput, $first: Int, $after: String) {
  notifications(filter: $filter, windows: $windows, first: $first, after: $after) {
    totalCount viewerKinds truncatedKinds asOf
    windows { noticeWithinDays contactStaleAfterDays disputeWithinDays dsptReminderDays feedLateAfterHours }
    countsByKind { kind count } countsBySeverity { severity count }
    pageInfo { hasNextPage endCursor }
    edges { cursor node { kind severity message dueOn dueAt subjectId subjectType fingerprint organisation { odsCode } } } } }`;

interface Note {
  kind: string;
  severity: string;
  message: string;
  dueOn: string | null;
  dueAt: string | null;
  subjectId: string;
  subjectType: string;
  fingerprint: string;
  organisation: { odsCode: string };
}

const reason = (response: GraphqlResponse) => [
  errorCode(response),
  response.errors?.[0]?.extensions?.field ?? response.errors?.[0]?.extensions?.reason,
];

/**
 * The notifications query on the demo data (the SLA, billing and service desk seeds too):
 * each kind for the roles it concerns, worded plainly, within the viewer's organisations.
 */
describe('notifications', () => {
  let server: TestServer;
  let manager: string;
  let admin: string;
  let finance: string;

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemoSlaData(server.db.dataSource, server.db.config);
    await seedDemoBillingData(server.db.dataSource, server.db.config);
    await seedDemoServiceDesk(server.db.dataSource, server.db.config);
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    admin = await server.token('RX1', Role.ADMIN);
    finance = await server.token('RX1', Role.FINANCE_APPROVER);
  });

  afterAll(() => server.stop());

  const page = async (token: string, variables: Record<string, unknown> = {}) => {
    const response = await server.gql(NOTIFICATIONS, { first: 100, ...variables }, token);
    expect(response.errors).toBeUndefined();
    return response.data.notifications;
  };
  /** every notification, following the pages */
  const all = async (token: string, variables: Record<string, unknown> = {}): Promise<Note[]> => {
    const notes: Note[] = [];
    let after: string | undefined;
    for (;;) {
      const result = await page(token, { ...variables, after });
      notes.push(...result.edges.map((edge: { node: Note }) => edge.node));
      if (!result.pageInfo.hasNextPage) return notes;
      after = result.pageInfo.endCursor;
    }
  };
  const ofKind = (notes: Note[], kind: string) => notes.filter((note) => note.kind === kind);

  it('gives the demo contract manager at RX1 each kind that needs them, in plain English', async () => {
    const first = await page(manager);
    const notes = await all(manager);
    expect(first.viewerKinds).not.toContain('INVOICE_AWAITING_APPROVAL');
    expect(first.windows).toEqual({
      noticeWithinDays: 90,
      contactStaleAfterDays: 365,
      disputeWithinDays: 14,
      dsptReminderDays: 60,
      feedLateAfterHours: 24,
    });
    expect(new Set(notes.map((note) => note.organisation.odsCode))).toEqual(new Set(['RX1']));
    expect(notes).toHaveLength(first.totalCount);
    expect(first.countsByKind.reduce((sum: number, entry: { count: number }) => sum + entry.count, 0)).toBe(first.totalCount);
    for (const kind of [
      'CONTRACT_NOTICE_DUE',
      'CONTACT_STALE',
      'REVIEW_ACTION_OVERDUE',
      'SEVERITY_ONE_NOT_NOTIFIED',
      'ESCALATION_UPDATE_OVERDUE',
      'DSPT_EXPIRING',
      'FEED_LATE',
    ]) {
      expect([kind, ofKind(notes, kind).length > 0]).toEqual([kind, true]);
      expect(first.countsByKind).toContainEqual({ kind, count: ofKind(notes, kind).length });
    }
    expect(ofKind(notes, 'INVOICE_AWAITING_APPROVAL')).toEqual([]);

    const [notice] = ofKind(notes, 'CONTRACT_NOTICE_DUE').filter((note) => note.message.includes('RX1-HSCN-2023-01'));
    expect(notice.message).toMatch(
      /^Contract RX1-HSCN-2023-01 \(.+\) with Pennine Digital Networks Ltd: the last day to give notice is \d{1,2} \w+ \d{4}, in \d+ days; the term ends on /,
    );
    expect(notice).toMatchObject({ subjectType: 'Contract', dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const opened = await server.gql(
      'query($id: ID!) { node(id: $id) { ... on Contract { reference noticeDate } } }',
      { id: notice.subjectId },
      manager,
    );
    expect(opened.data.node).toEqual({ reference: 'RX1-HSCN-2023-01', noticeDate: notice.dueOn });

    expect(ofKind(notes, 'SEVERITY_ONE_NOT_NOTIFIED')[0]).toMatchObject({
      severity: 'HIGH',
      subjectType: 'Incident',
      message: expect.stringMatching(
        new RegExp(
          /^Severity 1 incident \("Total loss of service at the main hospital site"\)/.source +
            / at Northshire Hospitals NHS Foundation Trust \(RX1\) with Pennine Digital Networks Ltd, opened 3 hours ago at .+/.source +
            /: no notification of the Service Co-ordinator is recorded\./.source,
        ),
      ),
    });
    expect(ofKind(notes, 'REVIEW_ACTION_OVERDUE')[0].message).toMatch(
      new RegExp(
        /^Review action "PDN to send the root cause report for the fibre cut" \(owner: PDN service manager\)/.source +
          / from the .+ review of RX1-HSCN-2023-01 was due on .+, 3 days ago\.$/.source,
      ),
    );
    expect(ofKind(notes, 'DSPT_EXPIRING')[0].message).toMatch(/DSPT assessment expires on .+, in 30 days\.$/);
    expect(ofKind(notes, 'ESCALATION_UPDATE_OVERDUE')[0].message).toMatch(
      /^Escalation ".+" with Pennine Digital Networks Ltd \(CNSP_SERVICE_DESK\) was due an update by .+; updates were agreed every 24 hours\.$/,
    );
    expect(
      ofKind(notes, 'CONTACT_STALE').every((note) =>
        /^Contact .+ (was last verified \d+ days ago|has never been verified)/.test(note.message),
      ),
    ).toBe(true);
    expect(ofKind(notes, 'FEED_LATE').every((note) => note.subjectType === 'Supplier')).toBe(true);

    // most pressing first
    const ranks = notes.map((note) => ['HIGH', 'MEDIUM', 'LOW'].indexOf(note.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // the same conditions keep the same fingerprints
    expect((await all(manager)).map((note) => note.fingerprint)).toEqual(notes.map((note) => note.fingerprint));
    expect(new Set(notes.map((note) => note.fingerprint)).size).toBe(notes.length);
  });

  it('gives a finance approver the invoices awaiting approval and disputes near their deadline, and nothing else', async () => {
    const result = await page(finance);
    expect(result.viewerKinds).toEqual(['DISPUTE_DEADLINE_NEAR', 'INVOICE_AWAITING_APPROVAL']);
    const notes = await all(finance);
    expect(new Set(notes.map((note) => note.kind))).toEqual(new Set(['INVOICE_AWAITING_APPROVAL']));
    const month = new Date().toISOString().slice(0, 7).replace('-', '');
    const current = notes.find((note) => note.message.startsWith(`Invoice PDN-INV-${month} `))!;
    expect(current.message).toMatch(
      new RegExp(
        /^Invoice PDN-INV-\d{6} from Pennine Digital Networks Ltd \(£\d+\.\d{2} gross, £\d+\.\d{2} withheld for disputes\)/.source +
          / is reconciled and awaits approval for payment of £\d+\.\d{2}; payment is due on .+\.$/.source,
      ),
    );

    // the draft dispute's deadline is months away: only a wider window shows it
    const wider = await all(finance, { windows: { disputeWithinDays: 365 } });
    expect(ofKind(wider, 'DISPUTE_DEADLINE_NEAR').map((note) => note.message)).toEqual([
      expect.stringMatching(
        /^The draft dispute on invoice PDN-INV-\d{6} from Pennine Digital Networks Ltd \(£\d+\.\d{2}\) must be submitted to the supplier by .+, in \d+ days\.$/,
      ),
    ]);

    // the administrator sees them too; a viewer does not
    expect(ofKind(await all(admin), 'INVOICE_AWAITING_APPROVAL')).toHaveLength(notes.length);
    expect((await page(await server.token('RX1', Role.VIEWER))).viewerKinds).not.toContain('INVOICE_AWAITING_APPROVAL');
  });

  it('asks for a second approver once the first has approved an invoice above the threshold, as a new notification', async () => {
    const organisation = (await server.gql('{ me { organisation { id } } }', {}, admin)).data.me.organisation.id;
    expect(
      (
        await server.gql(
          'mutation($o: ID!) { setBillingPolicy(organisationId: $o, input: { secondApprovalAbove: "1.00" }) { custom } }',
          { o: organisation },
          admin,
        )
      ).errors,
    ).toBeUndefined();
    const invoices = (
      await server.gql('{ invoices(first: 100, filter: { status: [RECONCILED] }) { edges { node { id invoiceNumber } } } }', {}, finance)
    ).data.invoices.edges.map((e: { node: unknown }) => e.node);
    const meridian = invoices.find((invoice: { invoiceNumber: string }) => invoice.invoiceNumber.startsWith('MHN-'));
    const before = (await all(finance)).find((note) => note.subjectId === meridian.id)!;
    const approved = await server.gql(
      'mutation($id: ID!) { approveInvoice(input: { id: $id, acceptUndisputedFindings: true }) { status } }',
      { id: meridian.id },
      finance,
    );
    expect(approved.data.approveInvoice.status).toBe('RECONCILED');
    const after = (await all(finance)).find((note) => note.subjectId === meridian.id)!;
    expect(after.message).toMatch(
      new RegExp(
        `^Invoice ${meridian.invoiceNumber} from Meridian Health Networks Ltd .+ has a first approval by test\\.finance_approver@rx1 for ` +
          `£\\d+\\.\\d{2} and needs a second, different finance approver \\(above £1\\.00\\)`,
      ),
    );
    expect(after.fingerprint).not.toBe(before.fingerprint);
  });

  it("lets a CSU see its trusts', each under its own organisation, and narrow to one", async () => {
    const csu = await server.token('0CX', Role.VIEWER);
    const notes = await all(csu);
    const owners = new Set(notes.map((note) => note.organisation.odsCode));
    expect(owners.has('RX1') && owners.has('RX2')).toBe(true);
    expect([...owners].every((ods) => ['0CX', 'RX1', 'RX2'].includes(ods))).toBe(true);
    const organisations = (await server.gql('{ organisations { edges { node { id odsCode } } } }', {}, csu)).data.organisations.edges.map(
      (e: { node: unknown }) => e.node,
    );
    const rx2 = organisations.find((o: { odsCode: string }) => o.odsCode === 'RX2').id;
    const narrowed = await all(csu, { filter: { organisationId: rx2 } });
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.every((note) => note.organisation.odsCode === 'RX2')).toBe(true);
    expect(narrowed.map((note) => note.fingerprint).sort()).toEqual(
      notes
        .filter((note) => note.organisation.odsCode === 'RX2')
        .map((note) => note.fingerprint)
        .sort(),
    );
    // a trust sees only its own, and another tenant's organisation is NOT_FOUND
    expect(new Set((await all(await server.token('RX2', Role.VIEWER))).map((note) => note.organisation.odsCode))).toEqual(new Set(['RX2']));
    const outsider = await server.token('Y0A01', Role.VIEWER);
    const eastbrook = (await server.gql('{ me { organisation { id } } }', {}, outsider)).data.me.organisation.id;
    expect(errorCode(await server.gql(NOTIFICATIONS, { filter: { organisationId: eastbrook } }, csu))).toBe('NOT_FOUND');
  });

  it("shows another tenant none of RX1's", async () => {
    const rx1 = new Set((await all(admin)).map((note) => note.subjectId));
    const outsider = await all(await server.token('Y0A01', Role.ADMIN));
    expect(outsider.every((note) => note.organisation.odsCode === 'Y0A01')).toBe(true);
    expect(outsider.filter((note) => note.subjectType !== 'Supplier' && rx1.has(note.subjectId))).toEqual([]);
    expect(JSON.stringify(outsider)).not.toMatch(/RX1|Northshire/);
  });

  it("tells the Service Co-ordinator of Severity 1 incidents nobody notified it of, nationally, and nothing else; refuses a supplier's feed key", async () => {
    const coordinator = await server.token('X26', Role.SERVICE_COORDINATOR);
    const result = await page(coordinator);
    expect(result.viewerKinds).toEqual(['SEVERITY_ONE_NOT_NOTIFIED']);
    const notes = await all(coordinator);
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((note) => note.kind === 'SEVERITY_ONE_NOT_NOTIFIED')).toBe(true);
    expect(notes.map((note) => note.organisation.odsCode)).toContain('RX1');

    const supplier = (await server.gql('{ suppliers(filter: { search: "PDN00001" }) { edges { node { id } } } }', {}, admin)).data.suppliers
      .edges[0].node.id;
    const key = await server.gql(
      'mutation($s: ID!) { createApiKey(input: { name: "PDN feed", roles: [SUPPLIER_FEED], supplierId: $s }) { secret } }',
      { s: supplier },
      admin,
    );
    expect(errorCode(await server.gql(NOTIFICATIONS, {}, { apiKey: key.data.createApiKey.secret }))).toBe('FORBIDDEN');
  });

  it('drops a condition once it is dealt with', async () => {
    const notes = await all(manager);
    const contact = ofKind(notes, 'CONTACT_STALE')[0];
    expect(
      (await server.gql('mutation($id: ID!) { markContactVerified(id: $id) { id } }', { id: contact.subjectId }, manager)).errors,
    ).toBeUndefined();
    const incident = ofKind(notes, 'SEVERITY_ONE_NOT_NOTIFIED')[0];
    const recorded = await server.gql(
      'mutation($id: ID!) { recordServiceCoordinatorNotification(input: { incidentId: $id, notified: true, notifiedAt: "2026-01-01T00:00:00Z" }) { id } }',
      { id: incident.subjectId },
      manager,
    );
    expect(recorded.errors).toBeUndefined();
    const after = (await all(manager)).map((note) => note.fingerprint);
    expect(after).not.toContain(contact.fingerprint);
    expect(after).not.toContain(incident.fingerprint);
    expect(after).toHaveLength(notes.length - 2);
  });

  it('takes windows and filters, and refuses bad ones naming the field', async () => {
    expect(ofKind(await all(manager, { windows: { noticeWithinDays: 0 } }), 'CONTRACT_NOTICE_DUE')).toEqual([]);
    const stale = await all(manager, { filter: { kinds: ['CONTACT_STALE'], severities: ['LOW'] } });
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.every((note) => note.kind === 'CONTACT_STALE')).toBe(true);
    const counted = await page(manager, { filter: { kinds: ['CONTACT_STALE', 'INVOICE_AWAITING_APPROVAL'] } });
    expect(counted.countsByKind).toEqual([{ kind: 'CONTACT_STALE', count: stale.length }]);
    expect(ofKind(await all(manager, { filter: { severities: ['HIGH'] } }), 'CONTACT_STALE')).toEqual([]);

    expect(reason(await server.gql(NOTIFICATIONS, { windows: { noticeWithinDays: -1 } }, manager))).toEqual([
      'BAD_USER_INPUT',
      'windows.noticeWithinDays',
    ]);
    expect(reason(await server.gql(NOTIFICATIONS, { windows: { feedLateAfterHours: 0 } }, manager))).toEqual([
      'BAD_USER_INPUT',
      'windows.feedLateAfterHours',
    ]);
    expect(errorCode(await server.gql(NOTIFICATIONS, { filter: { kinds: ['NO_SUCH_KIND'] } }, manager))).toBe('BAD_USER_INPUT');
    expect(reason(await server.gql(NOTIFICATIONS, { after: 'bm90LWEtY3Vyc29y' }, manager))).toEqual(['BAD_USER_INPUT', 'after']);
    expect(errorCode(await server.gql(NOTIFICATIONS, { first: 101 }, manager))).toBe('BAD_USER_INPUT');
  });

  it('pages through in order, without gaps or repeats', async () => {
    const everything = await all(manager);
    const paged: Note[] = [];
    let after: string | undefined;
    do {
      const result = await page(manager, { first: 4, after });
      paged.push(...result.edges.map((edge: { node: Note }) => edge.node));
      after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : undefined;
    } while (after);
    expect(paged.map((note) => note.fingerprint)).toEqual(everything.map((note) => note.fingerprint));
    const last = await server.gql(
      'query { notifications(last: 2) { edges { node { fingerprint } } pageInfo { hasPreviousPage } } }',
      {},
      manager,
    );
    expect(last.data.notifications.edges.map((edge: { node: { fingerprint: unknown } }) => edge.node.fingerprint)).toEqual(
      everything.slice(-2).map((note) => note.fingerprint),
    );
  });

  it('costs the same statements for a handful of conditions and for many more', async () => {
    const query =
      '{ notifications(first: 100) { totalCount countsByKind { kind count } edges { node { kind message organisation { odsCode } } } } }';
    await server.gql(query, {}, admin);
    let before = 0;
    const small = await server.countStatements(async () => {
      const response = await server.gql(query, {}, admin);
      before = response.data.notifications.totalCount;
    });

    const manager = server.db.dataSource.manager;
    const template = await manager.getRepository(Contract).findOneByOrFail({ reference: 'RX1-HSCN-2023-01' });
    for (let i = 1; i <= 8; i += 1) {
      const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = template;
      await manager.save(manager.create(Contract, { ...copy, reference: `RX1-SCALE-${i}` }));
    }
    for (let i = 1; i <= 60; i += 1) {
      await manager.save(
        manager.create(Contact, {
          organisationId: template.organisationId,
          name: `Scale contact ${i}`,
          jobTitle: null,
          email: null,
          phone: null,
          hours: null,
          notes: null,
          lastVerifiedAt: null,
          lastVerifiedBy: null,
        }),
      );
    }
    let after = 0;
    const large = await server.countStatements(async () => {
      const response = await server.gql(query, {}, admin);
      after = response.data.notifications.totalCount;
    });
    expect(after).toBe(before + 68);
    expect(large).toBe(small);
    expect(parseGlobalId(template.globalId)).not.toBeNull();
    process.stdout.write(`notifications: ${small} statements for ${before} notifications, ${large} for ${after}\n`);
  });
});
