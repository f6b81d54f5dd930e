import { Role } from '../../src/auth/roles';
import { addDays } from '../../src/common/dates';
import { todayInLondon } from '../../src/common/calendar';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

const CREATE = `mutation($input: CreateContractInput!) { createContract(input: $input) {
  id reference status startDate endDate noticeDate noticePeriodDays serviceHours serviceHoursCalendar totalContractValue currency
  documents { title kind url } statusHistory { fromStatus toStatus reason changedBy } organisation { odsCode } supplier { name } } }`;

describe('contracts', () => {
  let server: TestServer;
  let manager: string;
  let supplierId: string;

  const input = (overrides: Record<string, unknown> = {}) => ({
    supplierId,
    reference: 'RX1-NEW-01',
    title: 'Internet breakout for the community hubs',
    procurementRoute: 'DYNAMIC_PURCHASING_SYSTEM',
    procurementVehicle: 'HSCN Connectivity DPS',
    startDate: '2026-01-31',
    initialTermMonths: 13,
    noticePeriodDays: 90,
    serviceWrap: 'ENHANCED',
    serviceHours: 'BUSINESS_HOURS',
    totalContractValue: '125000.10',
    documents: [{ title: 'Call-off contract', kind: 'CONTRACT', url: 'https://documents.example.nhs.uk/rx1/new-01.pdf' }],
    ...overrides,
  });

  beforeAll(async () => {
    server = await startTestServer();
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const suppliers = await server.gql('{ suppliers(filter: { search: "pdn00001" }) { edges { node { id } } } }', {}, manager);
    supplierId = suppliers.data.suppliers.edges[0].node.id;
  });

  afterAll(() => server.stop());

  it('derives the end date and the notice date from the term, and records who created it', async () => {
    const response = await server.gql(CREATE, { input: input() }, manager);
    expect(response.errors).toBeUndefined();
    expect(response.data.createContract).toMatchObject({
      status: 'DRAFT',
      startDate: '2026-01-31',
      endDate: '2027-02-27', // 13 months from 31 January ends the day before 28 February
      noticeDate: '2026-11-29', // 90 days before the end
      serviceHoursCalendar: 'england-and-wales-business-hours',
      totalContractValue: '125000.10',
      currency: 'GBP',
      organisation: { odsCode: 'RX1' },
      supplier: { name: 'Pennine Digital Networks Ltd' },
      documents: [{ title: 'Call-off contract', kind: 'CONTRACT', url: 'https://documents.example.nhs.uk/rx1/new-01.pdf' }],
      statusHistory: [{ fromStatus: null, toStatus: 'DRAFT', reason: 'Contract created', changedBy: 'test.contract_manager@rx1' }],
    });
  });

  it('refuses a second contract with the same reference in the organisation', async () => {
    const response = await server.gql(CREATE, { input: input({ title: 'Duplicate' }) }, manager);
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors?.[0].extensions).toMatchObject({ field: 'input.reference', reason: 'DUPLICATE_REFERENCE' });
  });

  it.each([
    ['an end date before the start', { reference: 'BAD-1', endDate: '2025-12-31' }, 'input.endDate'],
    ['a negative value', { reference: 'BAD-2', totalContractValue: '-1.00' }, 'input.totalContractValue'],
    ['an over-long reference', { reference: 'X'.repeat(65) }, 'input.reference'],
    ['a reference with symbols', { reference: 'DROP TABLE;--' }, 'input.reference'],
    ['a zero-month term', { reference: 'BAD-3', initialTermMonths: 0 }, 'input.initialTermMonths'],
    [
      'a document link that is not https',
      { reference: 'BAD-4', documents: [{ title: 'x', url: 'javascript:alert(1)' }] },
      'input.documents.0.url',
    ],
    [
      'a calendar on a 24x7 contract',
      { reference: 'BAD-5', serviceHours: 'TWENTY_FOUR_SEVEN', serviceHoursCalendar: 'x' },
      'input.serviceHoursCalendar',
    ],
    ['a blank title', { reference: 'BAD-6', title: '   ' }, 'input.title'],
    ['a new contract that is already EXPIRED', { reference: 'BAD-7', status: 'EXPIRED' }, 'input.status'],
  ])('refuses %s, naming the field, and stores nothing', async (_name, overrides, field) => {
    const response = await server.gql(CREATE, { input: input(overrides) }, manager);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.field).toBe(field);
    const stored = await server.gql(
      'query($s: String!) { contracts(filter: { search: $s }) { totalCount } }',
      { s: String(overrides.reference) },
      manager,
    );
    expect(stored.data.contracts.totalCount).toBe(0);
  });

  it('refuses money sent as a floating-point number', async () => {
    const response = await server.gql(CREATE, { input: input({ reference: 'BAD-8', totalContractValue: 0.1 + 0.2 }) }, manager);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/decimal string/);
  });

  it('follows the lifecycle, refusing moves that make no sense and recording each one', async () => {
    const created = await server.gql(CREATE, { input: input({ reference: 'LIFE-1', renewalTermMonths: 12 }) }, manager);
    const id = created.data.createContract.id;
    const move = (status: string, reason = `to ${status}`) =>
      server.gql(
        'mutation($id: ID!, $s: ContractStatus!, $r: String!) { setContractStatus(input: { id: $id, status: $s, reason: $r }) { status } }',
        { id, s: status, r: reason },
        manager,
      );

    const skip = await move('IN_NOTICE');
    expect(errorCode(skip)).toBe('CONFLICT');
    expect(skip.errors?.[0].extensions?.reason).toBe('INVALID_STATUS_TRANSITION');
    expect(skip.errors?.[0].message).toMatch(/DRAFT to IN_NOTICE; it can move to ACTIVE, TERMINATED/);

    expect((await move('ACTIVE', 'Signed by both parties')).data.setContractStatus.status).toBe('ACTIVE');
    const renewed = await server.gql('mutation($id: ID!) { renewContract(id: $id) { endDate noticeDate } }', { id }, manager);
    expect(renewed.data.renewContract).toEqual({ endDate: '2028-02-27', noticeDate: '2027-11-29' });
    expect((await move('IN_NOTICE', 'Notice served by letter')).data.setContractStatus.status).toBe('IN_NOTICE');
    expect((await move('TERMINATED', 'Service moved to another CN-SP')).data.setContractStatus.status).toBe('TERMINATED');
    expect(errorCode(await move('ACTIVE'))).toBe('CONFLICT');
    const closedEdit = await server.gql(
      'mutation($id: ID!) { updateContract(input: { id: $id, title: "Too late" }) { id } }',
      { id },
      manager,
    );
    expect(closedEdit.errors?.[0].extensions?.reason).toBe('CONTRACT_CLOSED');

    const history = await server.gql(
      'query($id: ID!) { contract(id: $id) { statusHistory { fromStatus toStatus reason } } }',
      { id },
      manager,
    );
    expect(
      history.data.contract.statusHistory.map((h: { fromStatus: unknown; toStatus: unknown }) => `${h.fromStatus}->${h.toStatus}`),
    ).toEqual(['null->DRAFT', 'DRAFT->ACTIVE', 'ACTIVE->ACTIVE', 'ACTIVE->IN_NOTICE', 'IN_NOTICE->TERMINATED']);
    expect(history.data.contract.statusHistory[2].reason).toMatch(/Renewed for 12 months/);
  });

  it('re-derives the end and notice dates when the term changes', async () => {
    const created = await server.gql(CREATE, { input: input({ reference: 'TERM-1' }) }, manager);
    const updated = await server.gql(
      'mutation($id: ID!) { updateContract(input: { id: $id, initialTermMonths: 24, noticePeriodDays: 30 }) { endDate noticeDate } }',
      { id: created.data.createContract.id },
      manager,
    );
    expect(updated.data.updateContract).toEqual({ endDate: '2028-01-30', noticeDate: '2027-12-31' });
  });

  it('adds and removes document links', async () => {
    const created = await server.gql(CREATE, { input: input({ reference: 'DOCS-1', documents: [] }) }, manager);
    const id = created.data.createContract.id;
    const added = await server.gql(
      'mutation($id: ID!) { addContractDocument(contractId: $id, input: { title: "Variation 1", kind: VARIATION, url: ' +
        '"https://documents.example.nhs.uk/v1.pdf" }) { id title } }',
      { id },
      manager,
    );
    const removed = await server.gql(
      'mutation($id: ID!) { removeContractDocument(id: $id) { documents { id } } }',
      { id: added.data.addContractDocument.id },
      manager,
    );
    expect(removed.data.removeContractDocument.documents).toEqual([]);
  });

  it('lists contracts nearing their notice date, soonest first, with the days left', async () => {
    const due = await server.gql(
      '{ contractsDueForRenewal(withinDays: 90) { totalCount edges { node { reference noticeDate daysUntilNoticeDate status } } } }',
      {},
      manager,
    );
    const horizon = addDays(todayInLondon(), 90);
    const nodes = due.data.contractsDueForRenewal.edges.map((edge: { node: unknown }) => edge.node);
    expect(nodes.map((n: { reference: unknown }) => n.reference)).toContain('RX1-HSCN-2023-01');
    for (const node of nodes) {
      expect(node.status).toBe('ACTIVE');
      expect(node.noticeDate <= horizon).toBe(true);
    }
    const dates = nodes.map((n: { noticeDate: unknown }) => n.noticeDate);
    expect([...dates].sort()).toEqual(dates);
    const demo = nodes.find((n: { reference: unknown }) => n.reference === 'RX1-HSCN-2023-01');
    expect(demo.daysUntilNoticeDate).toBeGreaterThanOrEqual(30);
    expect(demo.daysUntilNoticeDate).toBeLessThanOrEqual(60);
    expect(errorCode(await server.gql('{ contractsDueForRenewal(withinDays: -1) { totalCount } }', {}, manager))).toBe('BAD_USER_INPUT');
  });

  it('filters and sorts the contract list', async () => {
    const byEnd = await server.gql(
      '{ contracts(orderBy: { field: END_DATE, direction: DESC }, filter: { status: [ACTIVE, DRAFT] }) { edges { node { endDate status } } } }',
      {},
      manager,
    );
    const ends = byEnd.data.contracts.edges.map((e: { node: { endDate: unknown } }) => e.node.endDate);
    expect(ends).toEqual([...ends].sort().reverse());
    expect(byEnd.data.contracts.edges.every((e: { node: { status: string } }) => ['ACTIVE', 'DRAFT'].includes(e.node.status))).toBe(true);
  });
});
