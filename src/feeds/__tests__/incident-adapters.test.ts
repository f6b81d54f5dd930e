import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { incidentCsv } from '../adapters/incident-csv';
import { incidentTmf } from '../adapters/incident-tmf621';
import { type IncidentRecord } from '../../feed-records/records';
import { FeedFormatError, type ParsedItem } from '../feed-adapter';
import { IncidentStatus } from '../../incidents/incident-status';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/feeds/incidents');
const TMF621_EXAMPLE = '/work/shared/fixtures/tmf/TMF621/TroubleTicket.example.json';

/** Small chunks, so that rows and values straddle chunk boundaries as they do in a large upload. */
const fixture = (name: string) => createReadStream(path.join(FIXTURES, name), { highWaterMark: 64 });

async function readAll(items: AsyncIterable<ParsedItem<IncidentRecord>>): Promise<ParsedItem<IncidentRecord>[]> {
  const all: ParsedItem<IncidentRecord>[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function records(items: ParsedItem<IncidentRecord>[]): IncidentRecord[] {
  const rejected = items.filter((item) => !item.ok);
  if (rejected.length) throw new Error(`unexpected rejections: ${JSON.stringify(rejected)}`);
  return items.map((item) => (item.ok ? item.record : undefined!));
}

const rejections = (items: ParsedItem<IncidentRecord>[]) =>
  items
    .filter((item) => !item.ok)
    .map((item) => (item.ok ? undefined : { location: item.location, field: item.field, reason: item.reason }));

const HEADER = 'ticket_reference,service_reference,severity,status,opened_at,resolved_at,status_history';
/** A document arriving as an upload does, for inline examples. */
async function* upload(text: string) {
  yield Buffer.from(text);
}

const csv = (...rows: string[]) => upload([HEADER, ...rows].join('\n') + '\n');

describe('incident CSV template', () => {
  it('reads every ticket of the valid fixture, deriving milestones from the status history', async () => {
    const items = await readAll(incidentCsv(fixture('valid.csv')));

    expect(items.map((item) => item.location)).toEqual(['line 2', 'line 3', 'line 4', 'line 5', 'line 6']);
    const [outage, packetLoss, dns, held, unknownService] = records(items);
    expect(outage).toEqual({
      supplierRef: 'PDN-INC-20461',
      externalId: 'RX1-INC-0042',
      serviceReference: 'PDN-ETH-100037',
      severity: 1,
      priority: 'P1',
      status: IncidentStatus.CLOSED,
      summary: 'Total loss of service, Northshire General main site',
      openedAt: new Date('2026-11-02T09:00:00Z'),
      acknowledgedAt: new Date('2026-11-02T09:10:00Z'),
      resolvedAt: new Date('2026-11-02T13:45:00Z'),
      closedAt: new Date('2026-11-02T15:00:00Z'),
      serviceCoordinatorNotified: true,
      serviceCoordinatorNotifiedAt: new Date('2026-11-02T09:20:00Z'),
      statusHistory: [
        { at: new Date('2026-11-02T09:10:00Z'), status: IncidentStatus.IN_PROGRESS, reason: null },
        { at: new Date('2026-11-02T10:00:00Z'), status: IncidentStatus.PENDING, reason: 'awaiting customer site access' },
        { at: new Date('2026-11-02T12:30:00Z'), status: IncidentStatus.IN_PROGRESS, reason: null },
        { at: new Date('2026-11-02T13:45:00Z'), status: IncidentStatus.RESOLVED, reason: 'line card replaced' },
        { at: new Date('2026-11-02T15:00:00Z'), status: IncidentStatus.CLOSED, reason: null },
      ],
    });
    expect(packetLoss).toMatchObject({
      severity: 3,
      status: IncidentStatus.IN_PROGRESS,
      openedAt: new Date('2026-11-09T14:30:00Z'),
      acknowledgedAt: new Date('2026-11-09T14:55:00Z'),
      serviceCoordinatorNotified: null,
    });
    expect(dns).toMatchObject({
      severity: 2,
      status: IncidentStatus.RESOLVED,
      resolvedAt: new Date('2026-11-12T11:40:00Z'),
      serviceCoordinatorNotified: false,
    });
    expect(held).toMatchObject({
      status: IncidentStatus.HELD,
      acknowledgedAt: new Date('2026-11-16T10:30:00Z'),
      statusHistory: [
        { at: new Date('2026-11-16T10:30:00Z'), status: IncidentStatus.ACKNOWLEDGED, reason: null },
        { at: new Date('2026-11-16T11:00:00Z'), status: IncidentStatus.HELD, reason: 'awaiting Openreach appointment' },
      ],
    });
    expect(unknownService).toMatchObject({
      supplierRef: 'PDN-INC-20533',
      serviceReference: 'PDN-UNKNOWN-0001',
      status: IncidentStatus.NEW,
    });
  });

  it('rejects each bad ticket naming the column and the problem, and reads the good row after them', async () => {
    const items = await readAll(incidentCsv(fixture('bad-values.csv')));

    expect(items).toHaveLength(11);
    expect(rejections(items)).toEqual([
      {
        location: 'line 2',
        field: 'resolved_at',
        reason: 'resolved_at: 2026-11-03T09:00:00.000Z is before opened_at 2026-11-03T10:00:00.000Z',
      },
      {
        location: 'line 3',
        field: 'opened_at',
        reason: 'opened_at: "2026-13-03 09:00" is not a date-time (expected ISO 8601, e.g. 2026-11-25T14:30:00Z)',
      },
      {
        location: 'line 4',
        field: 'status_history',
        reason: 'status_history: entry 1 (2026-11-03T09:30:00Z IN_PROGRESS) is before opened_at 2026-11-03T10:00:00.000Z',
      },
      {
        location: 'line 5',
        field: 'resolved_at',
        reason: 'resolved_at: is required when the status is CLOSED (or give a RESOLVED change in status_history)',
      },
      {
        location: 'line 6',
        field: 'severity',
        reason:
          'severity: "Urgent" is not a severity: expected 1 to 5 (or "Severity 1", "Sev1", "P1"), critical, major/high, moderate/medium, ' +
          'minor/low or informational/lowest',
      },
      {
        location: 'line 7',
        field: 'status',
        reason: 'status: "Parked" is not one of NEW, ACKNOWLEDGED, IN_PROGRESS, PENDING, HELD, RESOLVED, CLOSED, CANCELLED, REJECTED',
      },
      {
        location: 'line 8',
        field: 'status_history',
        reason: 'status_history: entry 1 "yesterday IN_PROGRESS" is not "<date-time> <STATUS>", optionally followed by " (<reason>)"',
      },
      {
        location: 'line 9',
        field: 'acknowledged_at',
        reason: 'acknowledged_at: 2026-11-03T09:59:00.000Z is before opened_at 2026-11-03T10:00:00.000Z',
      },
      {
        location: 'line 10',
        field: 'sc_notified',
        reason: 'sc_notified: says not notified, but sc_notified_at gives 2026-11-03T10:15:00.000Z',
      },
      { location: 'line 11', field: undefined, reason: 'The row has 6 cells where the header has 14' },
    ]);
    expect(items[10]).toMatchObject({ ok: true, location: 'line 12', record: { supplierRef: 'PDN-INC-21011' } });
  });

  it('fails the whole file when its columns are not the template', async () => {
    const reading = readAll(incidentCsv(fixture('wrong-columns.csv')));

    await expect(reading).rejects.toThrow(FeedFormatError);
    await expect(reading).rejects.toThrow(/missing column\(s\) ticket_reference, opened_at; unknown column\(s\) ticket, opened, notes/);
  });

  it('takes a time without an offset as UK time, summer and winter', async () => {
    const items = await readAll(
      incidentCsv(csv('T-1,PDN-ETH-100037,3,New,2026-07-01 09:00,,', 'T-2,PDN-ETH-100037,3,New,2026-12-01 09:00,,')),
    );

    expect(records(items).map((record) => record.openedAt)).toEqual([new Date('2026-07-01T08:00:00Z'), new Date('2026-12-01T09:00:00Z')]);
  });

  it.each([
    ['1', 1],
    ['Severity 1', 1],
    ['P1', 1],
    ['Sev1', 1],
    ['critical', 1],
    ['Major', 2],
    ['high', 2],
    ['moderate', 3],
    ['Medium', 3],
    ['minor', 4],
    ['LOW', 4],
    ['informational', 5],
    ['lowest', 5],
  ])('reads the severity "%s" as %d', async (severity, expected) => {
    const [item] = await readAll(incidentCsv(csv(`T-1,PDN-ETH-100037,${severity},New,2026-12-01T09:00:00Z,,`)));

    expect(item).toMatchObject({ ok: true, record: { severity: expected } });
  });

  it.each([
    ['In Progress', IncidentStatus.IN_PROGRESS],
    ['inProgress', IncidentStatus.IN_PROGRESS],
    ['IN_PROGRESS', IncidentStatus.IN_PROGRESS],
    ['open', IncidentStatus.NEW],
    ['New', IncidentStatus.NEW],
    ['Acknowledged', IncidentStatus.ACKNOWLEDGED],
    ['awaiting customer', IncidentStatus.PENDING],
    ['Pending', IncidentStatus.PENDING],
    ['on hold', IncidentStatus.HELD],
    ['Held', IncidentStatus.HELD],
    ['cancelled', IncidentStatus.CANCELLED],
    ['Rejected', IncidentStatus.REJECTED],
  ])('reads the status "%s" as %s', async (status, expected) => {
    const [item] = await readAll(incidentCsv(csv(`T-1,PDN-ETH-100037,3,${status},2026-12-01T09:00:00Z,,`)));

    expect(item).toMatchObject({ ok: true, record: { status: expected } });
  });

  it.each(['fixed', 'Resolved'])('reads the status "%s" as RESOLVED, taking the resolution time from the history', async (status) => {
    const [item] = await readAll(
      incidentCsv(csv(`T-1,PDN-ETH-100037,3,${status},2026-12-01T09:00:00Z,,2026-12-01T11:00:00Z fixed (router rebooted)`)),
    );

    expect(item).toMatchObject({ ok: true, record: { status: IncidentStatus.RESOLVED, resolvedAt: new Date('2026-12-01T11:00:00Z') } });
  });

  it('sorts the status history and takes the last RESOLVED change of a reopened ticket', async () => {
    const history = '2026-12-01T15:00:00Z Resolved | 2026-12-01T10:00:00Z Resolved | 2026-12-01T12:00:00Z In Progress (fault recurred)';

    const [item] = await readAll(incidentCsv(csv(`T-1,PDN-ETH-100037,3,Closed,2026-12-01T09:00:00Z,,${history}`)));

    expect(item).toMatchObject({
      ok: true,
      record: {
        resolvedAt: new Date('2026-12-01T15:00:00Z'),
        acknowledgedAt: new Date('2026-12-01T12:00:00Z'),
        closedAt: null,
        statusHistory: [
          { at: new Date('2026-12-01T10:00:00Z'), status: IncidentStatus.RESOLVED, reason: null },
          { at: new Date('2026-12-01T12:00:00Z'), status: IncidentStatus.IN_PROGRESS, reason: 'fault recurred' },
          { at: new Date('2026-12-01T15:00:00Z'), status: IncidentStatus.RESOLVED, reason: null },
        ],
      },
    });
  });

  it('names the history entry whose status it cannot read', async () => {
    const [item] = await readAll(
      incidentCsv(csv('T-1,PDN-ETH-100037,3,New,2026-12-01T09:00:00Z,,2026-12-01T10:00:00Z IN_PROGRESS | 2026-12-01T11:00:00Z Parked')),
    );

    expect(item).toMatchObject({
      ok: false,
      field: 'status_history',
      reason:
        'status_history: entry 2: "Parked" is not one of NEW, ACKNOWLEDGED, IN_PROGRESS, PENDING, HELD, RESOLVED, CLOSED, CANCELLED, REJECTED',
    });
  });
});

describe('TMF621 trouble tickets', () => {
  it('reads the TM Forum example without throwing, refusing its "Urgent" severity precisely', async () => {
    const items = await readAll(incidentTmf(createReadStream(TMF621_EXAMPLE)));

    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      ok: false,
      location: '$',
      field: 'severity',
      reason:
        'severity: "Urgent" is not a severity: expected 1 to 5 (or "Severity 1", "Sev1", "P1"), critical, major/high, moderate/medium, ' +
        'minor/low or informational/lowest',
    });
    expect(JSON.parse(items[0]!.raw)).toMatchObject({ id: '3180', '@type': 'TroubleTicket' });
  });

  it('reads the TM Forum example into a record once its severity is one we map, with its capitalised status', async () => {
    const example = readFileSync(TMF621_EXAMPLE, 'utf8').replace('"severity": "Urgent"', '"severity": "Critical"');

    const [item] = await readAll(incidentTmf(upload(example)));

    expect(item).toEqual({
      ok: true,
      location: '$',
      raw: expect.any(String),
      record: {
        supplierRef: '3180',
        externalId: '213-9909',
        // the only related entity, though not a service: the pipeline rejects references it does not hold
        serviceReference: '3472',
        severity: 1,
        priority: 'High',
        status: IncidentStatus.PENDING,
        summary: 'Compliant over last bill',
        openedAt: new Date('2019-05-31T07:34:45.968Z'),
        acknowledgedAt: null,
        resolvedAt: null,
        closedAt: null,
        serviceCoordinatorNotified: null,
        serviceCoordinatorNotifiedAt: null,
        statusHistory: [
          { at: new Date('2019-05-31T07:34:45.968Z'), status: IncidentStatus.PENDING, reason: 'Need more information from the customer' },
        ],
      },
    });
  });

  it('reads every ticket of the valid fixture', async () => {
    const items = await readAll(incidentTmf(fixture('valid.json')));

    expect(items.map((item) => item.location)).toEqual([
      '$.troubleTicket[0]',
      '$.troubleTicket[1]',
      '$.troubleTicket[2]',
      '$.troubleTicket[3]',
    ]);
    const [outage, latency, breakout, unknownService] = records(items);
    expect(outage).toMatchObject({
      supplierRef: 'PDN-TT-30001',
      externalId: 'RX1-INC-0051',
      serviceReference: 'PDN-ETH-100148',
      severity: 1,
      status: IncidentStatus.CLOSED,
      summary: 'Loss of service at Northshire General data centre',
      openedAt: new Date('2026-11-05T07:40:00Z'),
      acknowledgedAt: new Date('2026-11-05T07:48:00Z'),
      resolvedAt: new Date('2026-11-05T11:05:00Z'),
      closedAt: new Date('2026-11-06T09:00:00Z'),
      serviceCoordinatorNotified: true,
      serviceCoordinatorNotifiedAt: new Date('2026-11-05T07:55:00Z'),
    });
    expect(outage!.statusHistory).toHaveLength(4);
    expect(latency).toMatchObject({
      serviceReference: 'PDN-ETH-100185',
      severity: 2,
      status: IncidentStatus.IN_PROGRESS,
      summary: 'High latency on voice class',
      openedAt: new Date('2026-11-10T16:20:00Z'),
      acknowledgedAt: new Date('2026-11-10T16:45:00Z'),
    });
    expect(breakout).toMatchObject({
      serviceReference: 'PDN-INT-100629',
      severity: 1,
      status: IncidentStatus.PENDING,
      acknowledgedAt: new Date('2026-11-19T08:10:00Z'),
      serviceCoordinatorNotified: true,
      serviceCoordinatorNotifiedAt: new Date('2026-11-19T08:20:00Z'),
      statusHistory: [
        { at: new Date('2026-11-19T08:10:00Z'), status: IncidentStatus.ACKNOWLEDGED, reason: null },
        { at: new Date('2026-11-19T08:30:00Z'), status: IncidentStatus.PENDING, reason: 'Awaiting customer site access' },
      ],
    });
    expect(unknownService).toMatchObject({
      supplierRef: 'PDN-TT-30004',
      serviceReference: 'PDN-UNKNOWN-0001',
      severity: 4,
      status: IncidentStatus.NEW,
    });
  });

  it('rejects each bad ticket naming the property and the problem', async () => {
    const items = await readAll(incidentTmf(fixture('bad-values.json')));

    expect(rejections(items)).toEqual([
      {
        location: '$[0]',
        field: 'relatedEntity',
        reason: 'relatedEntity: is required: expected an entity whose role or @referredType is service or affectedService',
      },
      {
        location: '$[1]',
        field: 'relatedEntity',
        reason:
          'relatedEntity: none of its 2 entities has role or @referredType service or affectedService, so the affected service is unknown',
      },
      {
        location: '$[2]',
        field: 'statusChange[0].changeDate',
        reason: 'statusChange[0].changeDate: 2026-11-20T11:00:00.000Z is before creationDate 2026-11-20T12:00:00.000Z',
      },
      {
        location: '$[3]',
        field: 'resolutionDate',
        reason: 'resolutionDate: is required when the status is RESOLVED (or give a RESOLVED change in statusChange)',
      },
      {
        location: '$[4]',
        field: 'creationDate',
        reason: 'creationDate: "last Tuesday" is not a date-time (expected ISO 8601, e.g. 2026-11-25T14:30:00Z)',
      },
      { location: '$[5]', field: undefined, reason: 'The item is not a trouble ticket object (got number)' },
    ]);
  });

  it('fails the whole document when it is truncated', async () => {
    const error = await readAll(incidentTmf(fixture('truncated.json'))).catch((caught) => caught);
    expect(error).toBeInstanceOf(FeedFormatError);
    expect(error.message).toMatch(/^The JSON document is truncated: it ends before its item is closed \(in \$\.troubleTicket\[\d+\]\)$/);
  });

  const ticket = {
    id: 'PDN-TT-1',
    severity: 'Sev 2',
    creationDate: '2026-07-01 09:00',
    relatedEntity: [{ role: 'AffectedService', entity: { id: 'PDN-ETH-100037', '@referredType': 'Service' } }],
  };

  it.each([
    ['status', { status: 'InProgress' }],
    ['state', { state: 'inProgress' }],
  ])('reads the ticket state from `%s`, in any case, and an offset-less time as UK time', async (_property, state) => {
    const [item] = await readAll(incidentTmf(upload(JSON.stringify({ items: [{ ...ticket, ...state }] }))));

    expect(item).toMatchObject({
      ok: true,
      location: '$.items[0]',
      record: {
        serviceReference: 'PDN-ETH-100037',
        status: IncidentStatus.IN_PROGRESS,
        severity: 2,
        openedAt: new Date('2026-07-01T08:00:00Z'),
      },
    });
  });

  it('reads an externalId sent as a list of identifiers', async () => {
    const [item] = await readAll(
      incidentTmf(upload(JSON.stringify({ data: [{ ...ticket, status: 'new', externalId: [{ id: 'RX1-INC-0099', owner: 'RX1' }] }] }))),
    );

    expect(item).toMatchObject({ ok: true, location: '$.data[0]', record: { externalId: 'RX1-INC-0099' } });
  });

  it('refuses a ticket that names two different services', async () => {
    const relatedEntity = [
      { id: 'PDN-ETH-100037', role: 'affectedService' },
      { id: 'PDN-ETH-100074', role: 'affectedService' },
    ];

    const [item] = await readAll(incidentTmf(upload(JSON.stringify({ ...ticket, status: 'new', relatedEntity }))));

    expect(item).toMatchObject({
      ok: false,
      field: 'relatedEntity',
      reason: 'relatedEntity: names 2 services (PDN-ETH-100037, PDN-ETH-100074); a ticket must affect exactly one',
    });
  });

  it('refuses a characteristic saying the Service Co-ordinator was not notified, with a notification time', async () => {
    const characteristic = [
      { name: 'serviceCoordinatorNotified', value: 'false' },
      { name: 'serviceCoordinatorNotifiedAt', value: '2026-07-01T08:30:00Z' },
    ];

    const [item] = await readAll(incidentTmf(upload(JSON.stringify({ ...ticket, status: 'new', ticketCharacteristic: characteristic }))));

    expect(item).toMatchObject({
      ok: false,
      field: 'serviceCoordinatorNotified',
      reason: 'serviceCoordinatorNotified: says not notified, but serviceCoordinatorNotifiedAt gives 2026-07-01T08:30:00.000Z',
    });
  });
});
