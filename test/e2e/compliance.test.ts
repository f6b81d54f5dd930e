import { Role } from '../../src/auth/roles';
import { addDays } from '../../src/common/dates';
import { todayInLondon } from '../../src/common/calendar';
import { dsptExpiryOf, dsptYearOf } from '../../src/compliance/dspt';
import { errorCode, startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

const STATUS = `query($org: ID!, $remind: Int, $overdue: Int) {
  complianceStatus(organisationId: $org, dsptReminderDays: $remind, accessRequestOverdueDays: $overdue) {
    asOf compliant organisation { odsCode }
    dspt { status assessmentYear publishedOn expiresOn notes }
    connectionAgreement { version current signedByName representingCustomers }
    missing { code severity message subjectId } expiring { code severity message subjectId }
    overdue { code severity message subjectId } conflicting { code severity message subjectId } } }`;

const codes = (issues: Array<{ code: string }>) => issues.map((issue) => issue.code);
interface IssueLists {
  missing: { code: string }[];
  expiring: { code: string }[];
  overdue: { code: string }[];
  conflicting: { code: string }[];
}
const allIssues = (report: IssueLists) => [...report.missing, ...report.expiring, ...report.overdue, ...report.conflicting];

/** The compliance register end to end: DSPT, Connection Agreement, IPAM, delegates, access requests and the status view. */
describe('compliance register', () => {
  let server: TestServer;
  let rx1Manager: string;
  let gp: string;
  let gpViewer: string;
  let ids: Record<string, string>;
  let gpSites: Array<{ id: string; name: string }>;
  let gpContacts: Array<{ id: string; name: string }>;
  const today = todayInLondon();

  const ok = async (query: string, variables: Record<string, unknown>, token: string) => {
    const response = await server.gql(query, variables, token);
    expect(response.errors).toBeUndefined();
    return response.data;
  };
  const refused = (response: GraphqlResponse, code: string, extensions: Record<string, unknown> = {}) => {
    expect(response.errors?.[0]?.extensions).toMatchObject({ code, ...extensions });
    return response.errors![0]!.message;
  };

  beforeAll(async () => {
    server = await startTestServer();
    rx1Manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    gp = await server.token('Y0A01', Role.CONTRACT_MANAGER);
    gpViewer = await server.token('Y0A01', Role.VIEWER);
    const csu = await server.token('0CX', Role.VIEWER);
    const orgs = await ok('{ organisations { edges { node { id odsCode } } } }', {}, csu);
    const byCode = Object.fromEntries(
      orgs.organisations.edges.map((e: { node: { odsCode: unknown; id: unknown } }) => [e.node.odsCode, e.node.id]),
    );
    const mine = await ok(
      '{ me { organisation { id } } sites(first: 100) { edges { node { id name } } } contacts(first: 100) { edges { node { id name } } } }',
      {},
      gp,
    );
    const suppliers = await ok('{ suppliers { edges { node { id cnspId kind } } } }', {}, gp);
    const supplierOf = (cnspId: string | null) =>
      suppliers.suppliers.edges.find((e: { node: { cnspId: unknown } }) => e.node.cnspId === cnspId).node.id;
    ids = {
      rx1: byCode.RX1,
      rx2: byCode.RX2,
      gp: mine.me.organisation.id,
      pdn: supplierOf('PDN00001'),
      albc: supplierOf('ALBC0002'),
      bt: suppliers.suppliers.edges.find((e: { node: { kind: unknown } }) => e.node.kind === 'TN_SP').node.id,
    };
    gpSites = mine.sites.edges.map((e: { node: unknown }) => e.node);
    gpContacts = mine.contacts.edges.map((e: { node: unknown }) => e.node);
  });

  afterAll(() => server.stop());

  describe('demo data', () => {
    it('shows RX1 complete and healthy except its DSPT, which expires in 30 days', async () => {
      const { complianceStatus: report } = await ok(STATUS, { org: ids.rx1 }, rx1Manager);
      expect(report.compliant).toBe(false);
      expect(codes(allIssues(report))).toEqual(['DSPT_EXPIRING']);
      expect(report.expiring[0]).toMatchObject({ severity: 'MEDIUM', message: expect.stringContaining('in 30 days') });
      expect(report.dspt).toMatchObject({ status: 'STANDARDS_MET', expiresOn: addDays(today, 30) });
      expect(report.connectionAgreement).toMatchObject({ version: '3.1', current: true, representingCustomers: false });
      const history = await ok(
        'query($org: ID!) { dsptAssessments(organisationId: $org) { assessmentYear } connectionAgreements(organisationId: $org) { version ' +
          'current supersededOn supersededBy { version } } }',
        { org: ids.rx1 },
        rx1Manager,
      );
      expect(history.dsptAssessments).toHaveLength(2);
      expect(history.connectionAgreements).toEqual([
        { version: '3.1', current: true, supersededOn: null, supersededBy: null },
        { version: '2.0', current: false, supersededOn: '2023-09-05', supersededBy: { version: '3.1' } },
      ]);
    });

    it('shows RX2 with its imported IP overlap and no Connection Agreement', async () => {
      const rx2 = await server.token('RX2', Role.VIEWER);
      const { complianceStatus: report } = await ok(STATUS, { org: ids.rx2 }, rx2);
      expect(codes(report.missing)).toEqual(['NO_CONNECTION_AGREEMENT']);
      expect(report.conflicting).toEqual([
        expect.objectContaining({
          code: 'IP_OVERLAP',
          severity: 'HIGH',
          message: expect.stringMatching(/^10\.52\.8\.0\/24 at .* overlaps 10\.52\.0\.0\/16 at Southvale Health Centre/),
        }),
      ]);
      const overlaps = await ok(
        'query($org: ID!) { ipOverlaps(organisationId: $org) { kind accepted allocation { cidr site { name } } overlapsWith { cidr } } }',
        { org: ids.rx2 },
        rx2,
      );
      expect(overlaps.ipOverlaps).toEqual([
        {
          kind: 'CONTAINS',
          accepted: false,
          allocation: { cidr: '10.52.0.0/16', site: { name: 'Southvale Health Centre' } },
          overlapsWith: { cidr: '10.52.8.0/24' },
        },
      ]);
    });

    it('lets the CSU that acts for both trusts read their registers, and keeps them from anyone else', async () => {
      const csu = await server.token('0CX', Role.VIEWER);
      for (const org of [ids.rx1, ids.rx2]) expect((await server.gql(STATUS, { org }, csu)).errors).toBeUndefined();
      expect(errorCode(await server.gql(STATUS, { org: ids.rx1 }, gp))).toBe('NOT_FOUND');
      expect(errorCode(await server.gql(STATUS, { org: ids.rx1 }, await server.token('RX2', Role.VIEWER)))).toBe('NOT_FOUND');
    });

    it('gives a CSU one overview of every register it may see, in the same statements as a trust gets its own', async () => {
      const OVERVIEW =
        '{ complianceOverview { compliant organisation { odsCode } missing { code } expiring { code } conflicting { code } } }';
      const csu = await server.token('0CX', Role.VIEWER);
      type Overview = { complianceOverview: { organisation: { odsCode: string }; missing: { code: string }[] }[] };
      let seen!: Overview;
      let own!: Overview;
      const forThree = await server.countStatements(async () => (seen = await ok(OVERVIEW, {}, csu)));
      const forOne = await server.countStatements(async () => (own = await ok(OVERVIEW, {}, rx1Manager)));
      expect(forThree).toBe(forOne);
      expect(seen.complianceOverview.map((r: { organisation: { odsCode: unknown } }) => r.organisation.odsCode)).toEqual([
        '0CX',
        'RX1',
        'RX2',
      ]);
      expect(seen.complianceOverview[1]).toEqual({
        compliant: false,
        organisation: { odsCode: 'RX1' },
        missing: [],
        expiring: [{ code: 'DSPT_EXPIRING' }],
        conflicting: [],
      });
      expect(seen.complianceOverview[2]).toMatchObject({
        missing: [{ code: 'NO_CONNECTION_AGREEMENT' }],
        conflicting: [{ code: 'IP_OVERLAP' }],
      });
      expect(codes(seen.complianceOverview[0].missing)).toEqual(
        expect.arrayContaining(['NO_DSPT', 'NO_CONNECTION_AGREEMENT', 'NO_IPAM_DELEGATE']),
      );
      expect(own.complianceOverview.map((r: { organisation: { odsCode: unknown } }) => r.organisation.odsCode)).toEqual(['RX1']);
    });

    it('lists the RIPE ranges each CN-SP allocated, to return when leaving it', async () => {
      const ranges = await ok(
        'query($org: ID!, $s: ID!) { ripeRangesToReturn(organisationId: $org, supplierId: $s) { cidr registration supplier { cnspId } site { name } } }',
        { org: ids.rx1, s: ids.pdn },
        rx1Manager,
      );
      expect(ranges.ripeRangesToReturn.map((r: { cidr: unknown }) => r.cidr)).toEqual([
        '198.51.100.0/25',
        '198.51.100.128/25',
        '2001:db8:4100::/48',
      ]);
      expect(
        ranges.ripeRangesToReturn.every(
          (r: { registration: unknown; supplier: { cnspId: unknown } }) => r.registration === 'RIPE' && r.supplier.cnspId === 'PDN00001',
        ),
      ).toBe(true);
      const sites = await ok(
        '{ sites(first: 100, filter: { search: "Data Centre" }) { edges { node { name ipAllocations { cidr registration } } } } }',
        {},
        rx1Manager,
      );
      expect(
        sites.sites.edges.map((e: { node: { ipAllocations: { cidr: unknown }[] } }) =>
          e.node.ipAllocations.map((a: { cidr: unknown }) => a.cidr),
        ),
      ).toEqual([
        ['10.41.20.0/22', '198.51.100.0/25'],
        ['10.41.24.0/22', '198.51.100.128/25'],
      ]);
    });
  });

  describe('an organisation starting from nothing', () => {
    it('reports everything missing', async () => {
      const { complianceStatus: report } = await ok(STATUS, { org: ids.gp }, gpViewer);
      expect(codes(report.missing)).toEqual([
        'NO_DSPT',
        'NO_CONNECTION_AGREEMENT',
        ...gpSites.map(() => 'SITE_WITHOUT_IP_ALLOCATION'),
        'NO_IPAM_DELEGATE',
      ]);
      expect(
        report.missing
          .filter((i: { code: unknown }) => i.code === 'SITE_WITHOUT_IP_ALLOCATION')
          .map((i: { subjectId: unknown }) => i.subjectId)
          .sort(),
      ).toEqual(gpSites.map((s) => s.id).sort());
      expect(report.dspt).toBeNull();
    });

    it('is refused changes to the register with a read-only role', async () => {
      const response = await server.gql(
        'mutation($org: ID!) { recordDsptAssessment(input: { organisationId: $org, status: STANDARDS_MET, publishedOn: "2025-06-01" }) { id } }',
        { org: ids.gp },
        gpViewer,
      );
      expect(errorCode(response)).toBe('FORBIDDEN');
    });
  });

  describe('DSPT', () => {
    const RECORD =
      'mutation($input: RecordDsptAssessmentInput!) { recordDsptAssessment(input: $input) { id status publishedOn assessmentYear expiresOn recordedBy } }';

    it('refuses a publication in the future and records nothing', async () => {
      const message = refused(
        await server.gql(RECORD, { input: { organisationId: ids.gp, status: 'STANDARDS_MET', publishedOn: addDays(today, 1) } }, gp),
        'BAD_USER_INPUT',
        { field: 'input.publishedOn', reason: 'FUTURE_DATE' },
      );
      expect(message).toContain('in the future');
      expect((await ok('query($org: ID!) { dsptAssessments(organisationId: $org) { id } }', { org: ids.gp }, gp)).dsptAssessments).toEqual(
        [],
      );
    });

    it('refuses an extended expiry before the usual 30 June or more than a year after it', async () => {
      const publishedOn = addDays(today, -10);
      for (const expiresOn of [addDays(dsptExpiryOf(publishedOn), -1), addDays(dsptExpiryOf(publishedOn), 400)]) {
        refused(
          await server.gql(RECORD, { input: { organisationId: ids.gp, status: 'STANDARDS_MET', publishedOn, expiresOn } }, gp),
          'BAD_USER_INPUT',
          {
            field: 'input.expiresOn',
            reason: 'OUT_OF_RANGE',
          },
        );
      }
    });

    it('derives the assessment year and the 30 June expiry, keeps history, and reminds within the window', async () => {
      const older = addDays(today, -400);
      await ok(RECORD, { input: { organisationId: ids.gp, status: 'APPROACHING_STANDARDS', publishedOn: older } }, gp);
      const publishedOn = addDays(today, -3);
      const recorded = (await ok(RECORD, { input: { organisationId: ids.gp, status: 'STANDARDS_MET', publishedOn } }, gp))
        .recordDsptAssessment;
      expect(recorded).toMatchObject({
        status: 'STANDARDS_MET',
        publishedOn,
        assessmentYear: dsptYearOf(publishedOn),
        expiresOn: dsptExpiryOf(publishedOn),
        recordedBy: 'test.contract_manager@y0a01',
      });
      expect(recorded.expiresOn.slice(5)).toBe('06-30');

      const history = await ok('query($org: ID!) { dsptAssessments(organisationId: $org) { publishedOn } }', { org: ids.gp }, gp);
      expect(history.dsptAssessments.map((d: { publishedOn: unknown }) => d.publishedOn)).toEqual([publishedOn, older]);

      const quiet = (await ok(STATUS, { org: ids.gp, remind: 0 }, gp)).complianceStatus;
      expect(quiet.dspt.publishedOn).toBe(publishedOn);
      expect(codes(allIssues(quiet))).not.toContain('NO_DSPT');
      expect(codes(quiet.expiring)).toEqual(recorded.expiresOn === today ? ['DSPT_EXPIRING'] : []);
      const reminded = (await ok(STATUS, { org: ids.gp, remind: 366 }, gp)).complianceStatus;
      expect(reminded.expiring).toEqual([expect.objectContaining({ code: 'DSPT_EXPIRING', subjectId: recorded.id })]);

      refused(await server.gql(RECORD, { input: { organisationId: ids.gp, status: 'STANDARDS_MET', publishedOn } }, gp), 'CONFLICT', {
        reason: 'DUPLICATE_DSPT_PUBLICATION',
      });
    });

    it('names the reminder window when it is out of range', async () => {
      refused(await server.gql(STATUS, { org: ids.gp, remind: -1 }, gp), 'BAD_USER_INPUT', { field: 'dsptReminderDays' });
    });
  });

  describe('Connection Agreement', () => {
    const RECORD =
      'mutation($input: RecordConnectionAgreementInput!) { recordConnectionAgreement(input: $input) { id version current signedOn } }';
    const input = (version: string, signedOn: string) => ({
      organisationId: ids.gp,
      version,
      signedOn,
      representingCustomers: false,
      signedByName: 'Dr Priya Nair',
      signedByJobTitle: 'Managing Partner',
    });

    it('lets a newer version supersede the one in force, and refuses an older one with nothing changed', async () => {
      refused(await server.gql(RECORD, { input: input('v2', '2024-01-10') }, gp), 'BAD_USER_INPUT', {
        field: 'input.version',
        reason: 'INVALID_VERSION',
      });
      refused(await server.gql(RECORD, { input: input('2.0', addDays(today, 2)) }, gp), 'BAD_USER_INPUT', {
        field: 'input.signedOn',
        reason: 'FUTURE_DATE',
      });
      const first = (await ok(RECORD, { input: input('2.0', '2022-02-01') }, gp)).recordConnectionAgreement;
      const second = (await ok(RECORD, { input: input('3.1', '2024-05-20') }, gp)).recordConnectionAgreement;
      expect(second.current).toBe(true);

      const message = refused(await server.gql(RECORD, { input: input('3.0', '2025-01-01') }, gp), 'CONFLICT', {
        field: 'input.version',
        reason: 'NOT_NEWER_VERSION',
      });
      expect(message).toContain('3.1');
      refused(await server.gql(RECORD, { input: input('3.10', '2024-01-01') }, gp), 'BAD_USER_INPUT', {
        field: 'input.signedOn',
        reason: 'BEFORE_CURRENT',
      });

      const all = await ok(
        'query($org: ID!) { connectionAgreements(organisationId: $org) { id version current supersededBy { id } } }',
        { org: ids.gp },
        gp,
      );
      expect(all.connectionAgreements).toEqual([
        { id: second.id, version: '3.1', current: true, supersededBy: null },
        { id: first.id, version: '2.0', current: false, supersededBy: { id: second.id } },
      ]);
      const report = (await ok(STATUS, { org: ids.gp }, gp)).complianceStatus;
      expect(report.connectionAgreement.version).toBe('3.1');
      expect(codes(report.missing)).not.toContain('NO_CONNECTION_AGREEMENT');
    });
  });

  describe('IP allocations', () => {
    const ALLOCATE =
      'mutation($input: AllocateIpRangeInput!) { allocateIpRange(input: $input) { id cidr ipVersion registration overlapException site { ' +
      'name } supplier { cnspId } } }';
    const countOf = async () =>
      (await ok('query($org: ID!) { ipAllocations(organisationId: $org, includeReleased: true) { totalCount } }', { org: ids.gp }, gp))
        .ipAllocations.totalCount;

    it('normalises ranges and refuses invalid ones with the field and the reason', async () => {
      const v6 = (
        await ok(
          ALLOCATE,
          { input: { siteId: gpSites[0]!.id, cidr: ' 2001:DB8:00AB:0:0::/64 ', registration: 'RIPE', supplierId: ids.pdn } },
          gp,
        )
      ).allocateIpRange;
      expect(v6).toMatchObject({ cidr: '2001:db8:ab::/64', ipVersion: 'IPV6', supplier: { cnspId: 'PDN00001' } });
      const before = await countOf();

      const hostBits = refused(
        await server.gql(ALLOCATE, { input: { siteId: gpSites[0]!.id, cidr: '10.71.3.1/16', registration: 'PRIVATE' } }, gp),
        'BAD_USER_INPUT',
        {
          field: 'input.cidr',
          reason: 'HOST_BITS_SET',
        },
      );
      expect(hostBits).toContain('10.71.0.0/16');
      for (const cidr of ['10.300.0.0/16', '10.1.0.0/33', 'not a range', '010.1.0.0/16', '10.1.0.0']) {
        refused(await server.gql(ALLOCATE, { input: { siteId: gpSites[0]!.id, cidr, registration: 'PRIVATE' } }, gp), 'BAD_USER_INPUT', {
          field: 'input.cidr',
          reason: 'INVALID_CIDR',
        });
      }
      refused(
        await server.gql(ALLOCATE, { input: { siteId: gpSites[0]!.id, cidr: '198.51.100.0/24', registration: 'PRIVATE' } }, gp),
        'BAD_USER_INPUT',
        { reason: 'NOT_PRIVATE_RANGE' },
      );
      refused(
        await server.gql(
          ALLOCATE,
          { input: { siteId: gpSites[0]!.id, cidr: '172.20.0.0/16', registration: 'RIPE', supplierId: ids.pdn } },
          gp,
        ),
        'BAD_USER_INPUT',
        { reason: 'PRIVATE_RANGE' },
      );
      refused(
        await server.gql(
          ALLOCATE,
          { input: { siteId: gpSites[0]!.id, cidr: '100.64.1.0/24', registration: 'RIPE', supplierId: ids.pdn } },
          gp,
        ),
        'BAD_USER_INPUT',
        { reason: 'SPECIAL_PURPOSE_RANGE' },
      );
      refused(
        await server.gql(ALLOCATE, { input: { siteId: gpSites[0]!.id, cidr: '198.51.100.0/24', registration: 'RIPE' } }, gp),
        'BAD_USER_INPUT',
        { field: 'input.supplierId', reason: 'REQUIRED' },
      );
      refused(
        await server.gql(
          ALLOCATE,
          { input: { siteId: gpSites[0]!.id, cidr: '198.51.100.0/24', registration: 'RIPE', supplierId: ids.bt } },
          gp,
        ),
        'BAD_USER_INPUT',
        { field: 'input.supplierId', reason: 'NOT_A_CNSP' },
      );
      expect(await countOf()).toBe(before);
    });

    it('refuses a range overlapping one in use, naming it, unless an exception is recorded', async () => {
      const wide = (
        await ok(
          ALLOCATE,
          { input: { siteId: gpSites[1]!.id, cidr: '10.70.0.0/16', registration: 'PRIVATE', description: 'PCN aggregate' } },
          gp,
        )
      ).allocateIpRange;
      const before = await countOf();
      const message = refused(
        await server.gql(ALLOCATE, { input: { siteId: gpSites[2]!.id, cidr: '10.70.4.0/24', registration: 'PRIVATE' } }, gp),
        'CONFLICT',
        {
          field: 'input.cidr',
          reason: 'IP_OVERLAP',
        },
      );
      expect(message).toContain(`10.70.0.0/16 at ${gpSites[1]!.name}`);
      refused(
        await server.gql(ALLOCATE, { input: { siteId: gpSites[3]!.id, cidr: '10.0.0.0/8', registration: 'PRIVATE' } }, gp),
        'CONFLICT',
        { reason: 'IP_OVERLAP' },
      );
      const same = refused(
        await server.gql(ALLOCATE, { input: { siteId: gpSites[3]!.id, cidr: '10.70.0.0/16', registration: 'PRIVATE' } }, gp),
        'CONFLICT',
        { reason: 'IP_OVERLAP' },
      );
      expect(same).toContain('the same range');
      expect(await countOf()).toBe(before);

      const accepted = (
        await ok(
          ALLOCATE,
          {
            input: {
              siteId: gpSites[2]!.id,
              cidr: '10.70.4.0/24',
              registration: 'PRIVATE',
              overlapException: 'Site subnet carved from the PCN aggregate',
            },
          },
          gp,
        )
      ).allocateIpRange;
      expect(accepted.overlapException).toBe('Site subnet carved from the PCN aggregate');
      const overlaps = await ok(
        'query($org: ID!) { ipOverlaps(organisationId: $org) { kind accepted exception allocation { id } overlapsWith { id } } }',
        { org: ids.gp },
        gp,
      );
      expect(overlaps.ipOverlaps).toEqual([
        {
          kind: 'CONTAINS',
          accepted: true,
          exception: 'Site subnet carved from the PCN aggregate',
          allocation: { id: wide.id },
          overlapsWith: { id: accepted.id },
        },
      ]);
      expect((await ok(STATUS, { org: ids.gp }, gp)).complianceStatus.conflicting).toEqual([]);

      // a range in another organisation does not clash
      await ok(ALLOCATE, { input: { siteId: gpSites[3]!.id, cidr: '10.41.0.0/22', registration: 'PRIVATE' } }, gp);
    });

    it("lists a CN-SP's RIPE ranges to return until they are released, and keeps the released ones", async () => {
      const albc = (
        await ok(ALLOCATE, { input: { siteId: gpSites[4]!.id, cidr: '203.0.113.0/28', registration: 'RIPE', supplierId: ids.albc } }, gp)
      ).allocateIpRange;
      await ok(ALLOCATE, { input: { siteId: gpSites[4]!.id, cidr: '10.72.0.0/24', registration: 'PRIVATE', supplierId: ids.albc } }, gp);
      const RETURN = 'query($org: ID!, $s: ID!) { ripeRangesToReturn(organisationId: $org, supplierId: $s) { id cidr } }';
      expect((await ok(RETURN, { org: ids.gp, s: ids.albc }, gp)).ripeRangesToReturn).toEqual([{ id: albc.id, cidr: '203.0.113.0/28' }]);
      expect((await ok(RETURN, { org: ids.gp, s: ids.pdn }, gp)).ripeRangesToReturn.map((r: { cidr: unknown }) => r.cidr)).toEqual([
        '2001:db8:ab::/64',
      ]);

      const RELEASE =
        'mutation($id: ID!, $on: LocalDate) { releaseIpRange(input: { id: $id, releasedOn: $on, reason: "Returned to Albion Connect on ' +
        'exit" }) { releasedOn releaseReason } }';
      refused(await server.gql(RELEASE, { id: albc.id, on: addDays(today, 1) }, gp), 'BAD_USER_INPUT', {
        field: 'input.releasedOn',
        reason: 'FUTURE_DATE',
      });
      expect((await ok(RELEASE, { id: albc.id }, gp)).releaseIpRange).toEqual({
        releasedOn: today,
        releaseReason: 'Returned to Albion Connect on exit',
      });
      refused(await server.gql(RELEASE, { id: albc.id }, gp), 'CONFLICT', { reason: 'ALREADY_RELEASED' });
      expect((await ok(RETURN, { org: ids.gp, s: ids.albc }, gp)).ripeRangesToReturn).toEqual([]);
      const listed = await ok(
        'query($org: ID!) { inUse: ipAllocations(organisationId: $org) { edges { node { id } } } all: ipAllocations(organisationId: $org, ' +
          'includeReleased: true) { edges { node { id } } } }',
        { org: ids.gp },
        gp,
      );
      expect(listed.inUse.edges.map((e: { node: { id: unknown } }) => e.node.id)).not.toContain(albc.id);
      expect(listed.all.edges.map((e: { node: { id: unknown } }) => e.node.id)).toContain(albc.id);
      // released space may be allocated again
      await ok(ALLOCATE, { input: { siteId: gpSites[5]!.id, cidr: '203.0.113.0/28', registration: 'RIPE', supplierId: ids.pdn } }, gp);
    });

    it("corrects an allocation's site, CN-SP and description, within the organisation", async () => {
      const UPDATE =
        'mutation($input: UpdateIpAllocationInput!) { updateIpAllocation(input: $input) { cidr description site { id } supplier { cnspId } } }';
      const allocation = (
        await ok(ALLOCATE, { input: { siteId: gpSites[7]!.id, cidr: '192.168.77.0/24', registration: 'PRIVATE', supplierId: ids.pdn } }, gp)
      ).allocateIpRange;
      const moved = (
        await ok(
          UPDATE,
          { input: { id: allocation.id, siteId: gpSites[6]!.id, supplierId: null, description: 'Moved: recorded at the wrong surgery' } },
          gp,
        )
      ).updateIpAllocation;
      expect(moved).toEqual({
        cidr: '192.168.77.0/24',
        description: 'Moved: recorded at the wrong surgery',
        site: { id: gpSites[6]!.id },
        supplier: null,
      });
      const rx1Site = (await ok('{ sites(first: 1) { edges { node { id } } } }', {}, rx1Manager)).sites.edges[0].node.id;
      expect(errorCode(await server.gql(UPDATE, { input: { id: allocation.id, siteId: rx1Site } }, gp))).toBe('NOT_FOUND');
      const ripe = (
        await ok(ALLOCATE, { input: { siteId: gpSites[7]!.id, cidr: '198.51.100.64/26', registration: 'RIPE', supplierId: ids.pdn } }, gp)
      ).allocateIpRange;
      refused(await server.gql(UPDATE, { input: { id: ripe.id, supplierId: null } }, gp), 'BAD_USER_INPUT', {
        field: 'input.supplierId',
        reason: 'REQUIRED',
      });
      expect((await ok(UPDATE, { input: { id: ripe.id, supplierId: ids.albc } }, gp)).updateIpAllocation.supplier).toEqual({
        cnspId: 'ALBC0002',
      });
    });

    it('lets only one of two overlapping allocations sent at once through', async () => {
      const attempts = await Promise.all(
        ['10.80.0.0/16', '10.80.1.0/24', '10.80.2.0/24'].map((cidr, i) =>
          server.gql(ALLOCATE, { input: { siteId: gpSites[6 + (i % 2)]!.id, cidr, registration: 'PRIVATE' } }, gp),
        ),
      );
      const through = attempts.filter((attempt) => !attempt.errors);
      expect(attempts.filter((attempt) => attempt.errors).map((attempt) => attempt.errors![0]!.extensions!.reason)).toEqual(
        ['IP_OVERLAP', 'IP_OVERLAP'].slice(0, 3 - through.length),
      );
      // either the /16 alone, or the two /24s that do not overlap each other
      expect(through.map((attempt) => attempt.data.allocateIpRange.cidr).sort()).toEqual(
        through.length === 1 ? ['10.80.0.0/16'] : ['10.80.1.0/24', '10.80.2.0/24'],
      );
      expect(
        (await ok('query($org: ID!) { ipOverlaps(organisationId: $org) { accepted } }', { org: ids.gp }, gp)).ipOverlaps.every(
          (o: { accepted: unknown }) => o.accepted,
        ),
      ).toBe(true);
    });

    it("answers NOT_FOUND for another organisation's site", async () => {
      const rx1Site = (await ok('{ sites(first: 1) { edges { node { id } } } }', {}, rx1Manager)).sites.edges[0].node.id;
      expect(errorCode(await server.gql(ALLOCATE, { input: { siteId: rx1Site, cidr: '10.99.0.0/24', registration: 'PRIVATE' } }, gp))).toBe(
        'NOT_FOUND',
      );
    });
  });

  describe('IPAM delegates', () => {
    it('records grants and revocations and reports when nobody holds access', async () => {
      const GRANT =
        'mutation($c: ID!, $on: LocalDate) { grantIpamDelegateAccess(input: { contactId: $c, grantedOn: $on }) { id active grantedOn contact { name } } }';
      const granted = (await ok(GRANT, { c: gpContacts[0]!.id, on: '2025-03-01' }, gp)).grantIpamDelegateAccess;
      expect(granted).toMatchObject({ active: true, grantedOn: '2025-03-01', contact: { name: gpContacts[0]!.name } });
      refused(await server.gql(GRANT, { c: gpContacts[0]!.id }, gp), 'CONFLICT', { field: 'input.contactId', reason: 'ALREADY_DELEGATE' });
      expect(codes((await ok(STATUS, { org: ids.gp }, gp)).complianceStatus.missing)).not.toContain('NO_IPAM_DELEGATE');

      const REVOKE =
        'mutation($id: ID!, $on: LocalDate) { revokeIpamDelegateAccess(input: { id: $id, revokedOn: $on, reason: "Moved to another ' +
        'practice" }) { active revokedOn revokeReason } }';
      refused(await server.gql(REVOKE, { id: granted.id, on: '2025-02-01' }, gp), 'BAD_USER_INPUT', {
        field: 'input.revokedOn',
        reason: 'BEFORE_GRANT',
      });
      expect((await ok(REVOKE, { id: granted.id, on: '2025-09-30' }, gp)).revokeIpamDelegateAccess).toEqual({
        active: false,
        revokedOn: '2025-09-30',
        revokeReason: 'Moved to another practice',
      });
      refused(await server.gql(REVOKE, { id: granted.id }, gp), 'CONFLICT', { reason: 'ALREADY_REVOKED' });

      const LIST = 'query($org: ID!, $all: Boolean!) { ipamDelegates(organisationId: $org, includeRevoked: $all) { id active } }';
      expect((await ok(LIST, { org: ids.gp, all: false }, gp)).ipamDelegates).toEqual([]);
      expect((await ok(LIST, { org: ids.gp, all: true }, gp)).ipamDelegates).toEqual([{ id: granted.id, active: false }]);
      expect(codes((await ok(STATUS, { org: ids.gp }, gp)).complianceStatus.missing)).toContain('NO_IPAM_DELEGATE');
      // access may be granted again after a revocation
      await ok(GRANT, { c: gpContacts[0]!.id }, gp);
    });
  });

  describe('application access requests', () => {
    const REQUEST =
      'mutation($c: ID!, $app: String!, $on: LocalDate) { requestApplicationAccess(input: { requestedById: $c, application: $app, ' +
      'requestedOn: $on }) { id status requestedOn requestedBy { name } } }';
    const MOVE =
      'mutation($id: ID!, $to: AccessRequestStatus!, $why: String!) { moveApplicationAccessRequest(input: { id: $id, status: $to, reason: ' +
      '$why }) { status decidedOn history { fromStatus toStatus reason changedBy } } }';

    it('moves a request through its lifecycle, recording each move, and refuses an illegal move with nothing changed', async () => {
      const request = (await ok(REQUEST, { c: gpContacts[1]!.id, app: 'GP Connect' }, gp)).requestApplicationAccess;
      expect(request).toMatchObject({ status: 'REQUESTED', requestedOn: today, requestedBy: { name: gpContacts[1]!.name } });
      const approved = (await ok(MOVE, { id: request.id, to: 'APPROVED', why: 'Approved by NHS England' }, gp))
        .moveApplicationAccessRequest;
      expect(approved).toEqual({
        status: 'APPROVED',
        decidedOn: today,
        history: [
          {
            fromStatus: null,
            toStatus: 'REQUESTED',
            reason: `Requested by ${gpContacts[1]!.name}`,
            changedBy: 'test.contract_manager@y0a01',
          },
          { fromStatus: 'REQUESTED', toStatus: 'APPROVED', reason: 'Approved by NHS England', changedBy: 'test.contract_manager@y0a01' },
        ],
      });
      const message = refused(await server.gql(MOVE, { id: request.id, to: 'WITHDRAWN', why: 'changed our minds' }, gp), 'CONFLICT', {
        field: 'input.status',
        reason: 'INVALID_STATUS_TRANSITION',
      });
      expect(message).toBe('A APPROVED request cannot become WITHDRAWN; it is final');
      const after = await ok(
        'query($id: ID!) { applicationAccessRequest(id: $id) { status history { toStatus } } }',
        { id: request.id },
        gp,
      );
      expect(after.applicationAccessRequest).toEqual({
        status: 'APPROVED',
        history: [{ toStatus: 'REQUESTED' }, { toStatus: 'APPROVED' }],
      });
      refused(await server.gql(MOVE, { id: request.id, to: 'REJECTED', why: '   ' }, gp), 'BAD_USER_INPUT', { field: 'input.reason' });
    });

    it('reports requests pending longer than the window as overdue', async () => {
      const old = (await ok(REQUEST, { c: gpContacts[1]!.id, app: 'Electronic Prescription Service', on: addDays(today, -45) }, gp))
        .requestApplicationAccess;
      await ok(REQUEST, { c: gpContacts[1]!.id, app: 'NHS App integration', on: addDays(today, -2) }, gp);
      refused(await server.gql(REQUEST, { c: gpContacts[1]!.id, app: 'Future app', on: addDays(today, 3) }, gp), 'BAD_USER_INPUT', {
        field: 'input.requestedOn',
        reason: 'FUTURE_DATE',
      });
      const report = (await ok(STATUS, { org: ids.gp }, gp)).complianceStatus;
      expect(report.overdue).toEqual([
        {
          code: 'ACCESS_REQUEST_OVERDUE',
          severity: 'LOW',
          subjectId: old.id,
          message: expect.stringContaining('Electronic Prescription Service has waited 45 days'),
        },
      ]);
      expect((await ok(STATUS, { org: ids.gp, overdue: 60 }, gp)).complianceStatus.overdue).toEqual([]);
      const pending = await ok(
        'query($org: ID!) { applicationAccessRequests(organisationId: $org, status: [REQUESTED]) { totalCount } }',
        { org: ids.gp },
        gp,
      );
      expect(pending.applicationAccessRequests.totalCount).toBe(2);
    });
  });

  it('reads allocations with their sites, suppliers and organisations in the same number of statements for a page of 13 and for all 16', async () => {
    const LIST =
      'query($org: ID!, $first: Int!) { ipAllocations(organisationId: $org, first: $first) { edges { node { cidr site { name } supplier { ' +
      'name } organisation { odsCode } } } } }';
    type Page = { ipAllocations: { edges: { node: { supplier: unknown } }[] } };
    let small!: Page;
    let large!: Page;
    const few = await server.countStatements(async () => (small = await ok(LIST, { org: ids.rx1, first: 13 }, rx1Manager)));
    const many = await server.countStatements(async () => (large = await ok(LIST, { org: ids.rx1, first: 100 }, rx1Manager)));
    // both pages hold CN-SP-allocated ranges, so both load suppliers
    expect(small.ipAllocations.edges.filter((e: { node: { supplier: unknown } }) => e.node.supplier)).toHaveLength(1);
    expect(large.ipAllocations.edges).toHaveLength(16);
    expect(many).toBe(few);
  });
});
