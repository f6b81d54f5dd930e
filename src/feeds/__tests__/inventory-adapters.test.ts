import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { inventoryCsv } from '../adapters/inventory-csv';
import { inventoryTmf } from '../adapters/inventory-tmf';
import { type InventoryRecord } from '../../feed-records/records';
import { FeedFormatError, type FeedAdapter, type ParsedItem } from '../feed-adapter';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/feeds/inventory');

async function read(adapter: FeedAdapter<InventoryRecord>, input: AsyncIterable<Buffer | string>): Promise<ParsedItem<InventoryRecord>[]> {
  const items: ParsedItem<InventoryRecord>[] = [];
  for await (const item of adapter(input)) items.push(item);
  return items;
}

const readFixture = (adapter: FeedAdapter<InventoryRecord>, name: string) => read(adapter, fs.createReadStream(path.join(FIXTURES, name)));
const readText = (adapter: FeedAdapter<InventoryRecord>, text: string) => read(adapter, Readable.from([text]));

function accepted(item: ParsedItem<InventoryRecord> | undefined): InventoryRecord {
  if (!item?.ok) throw new Error(`expected an accepted service, got ${JSON.stringify(item)}`);
  return item.record;
}

const byReference = (items: ParsedItem<InventoryRecord>[]) =>
  new Map(items.map(accepted).map((record) => [record.serviceReference, record]));

describe('inventory CSV adapter', () => {
  it('reads every row of the valid file as one service, mapping suppliers’ status words', async () => {
    const items = await readFixture(inventoryCsv, 'inventory.csv');

    expect(items.map((item) => item.location)).toEqual([
      'line 2',
      'line 3',
      'line 4',
      'line 5',
      'line 6',
      'line 7',
      'line 8',
      'line 9',
      'line 10',
    ]);
    const services = byReference(items);
    expect(services.get('PDN-ETH-100037')).toEqual({
      serviceReference: 'PDN-ETH-100037',
      siteOdsCode: 'RX101',
      siteName: 'Northbridge General Hospital',
      postcode: 'NS1 4AB',
      bandwidthMbps: 1000,
      status: 'ACTIVE',
      installDate: null,
      ceaseDate: null,
      monthlyCharge: 265300n,
    });
    expect([...services.values()].map((service) => [service.serviceReference, service.status])).toEqual([
      ['PDN-ETH-100037', 'ACTIVE'], // "In Service"
      ['PDN-ETH-100074', 'ACTIVE'], // "Live"
      ['PDN-ETH-100111', 'ACTIVE'],
      ['PDN-ETH-100222', 'ORDERED'], // "Provisioning"
      ['PDN-ETH-100259', 'ACTIVE'],
      ['PDN-ETH-100444', 'CEASE_REQUESTED'], // "Cease Pending"
      ['PDN-ETH-100518', 'CEASED'],
      ['PDN-INT-100629', 'ACTIVE'], // "active"
      ['PDN-ETH-190001', 'ACTIVE'],
    ]);
    expect(services.get('PDN-ETH-100111')).toMatchObject({ bandwidthMbps: 500, monthlyCharge: 179200n }); // "500Mbps", "£1,792.00"
    expect(services.get('PDN-ETH-100259')).toMatchObject({ bandwidthMbps: 200, monthlyCharge: 76300n });
    expect(services.get('PDN-ETH-190001')).toMatchObject({ installDate: '2026-09-14', siteOdsCode: 'RX109' });
  });

  it('rejects each bad row on its own, naming the service and the field', async () => {
    const items = await readFixture(inventoryCsv, 'inventory-bad-rows.csv');

    expect(accepted(items[0]).serviceReference).toBe('PDN-ETH-100296');
    expect(items.slice(1).map((item) => (item.ok ? 'accepted' : [item.location, item.field, item.reason]))).toEqual([
      [
        'line 3',
        'bandwidth_mbps',
        'Service PDN-ETH-100333: bandwidth_mbps: "fast" is not a bandwidth (expected Mbps, e.g. 100, "100Mbps" or "1Gbps")',
      ],
      ['line 4', 'monthly_charge', 'Service PDN-ETH-100370: monthly_charge: -1113.00 is negative; a monthly charge cannot be'],
      ['line 5', 'status', 'Service PDN-ETH-100407: status: "On hold" is not one of ORDERED, ACTIVE, CEASE_REQUESTED, CEASED'],
      ['line 6', 'cease_date', 'Service PDN-ETH-100481: cease_date: "2024-02-30" is not a date (expected YYYY-MM-DD or DD/MM/YYYY)'],
      ['line 7', 'cease_date', 'Service PDN-ETH-100555: cease_date: 2024-01-31 is before install_date 2024-05-17'],
      ['line 8', 'service_reference', 'service_reference: is required'],
      ['line 9', undefined, 'Service PDN-ETH-100592: line 9 has 6 cells where the header has 9'],
    ]);
    expect(items[7].raw).toBe('PDN-ETH-100592,RX108,Kelderby Outpatients Centre,NS4 1EW,100,Live');
  });

  it('fails the whole file when the columns are not the template’s', async () => {
    const reading = readFixture(inventoryCsv, 'inventory-wrong-columns.csv');

    await expect(reading).rejects.toThrow(FeedFormatError);
    await expect(reading).rejects.toThrow(/missing column\(s\) service_reference; unknown column\(s\) circuit_id, bandwidth/);
  });

  it('reads bandwidths with units, UK dates and lower-case codes, and refuses bandwidths it cannot be sure of', async () => {
    const csv = [
      'Service Reference,Site ODS Code,Postcode,Bandwidth Mbps,Status,Install Date,Cease Date',
      'A,rx101,ns1  4ab,2.5Gbps,terminated,01/05/2024,25/11/2026',
      'B,,,10 Gb/s,disconnected,,',
      'C,,,100 Mb/s,ceasing,,',
      'D,,,"1,000",pending install,,',
      'E,,,0,,,',
      'F,,,100kbps,,,',
      'G,,,1.5Mbps,,,',
    ].join('\n');

    const items = await readText(inventoryCsv, csv);

    expect(accepted(items[0])).toMatchObject({
      siteOdsCode: 'RX101',
      postcode: 'NS1 4AB',
      bandwidthMbps: 2500,
      status: 'CEASED',
      installDate: '2024-05-01',
      ceaseDate: '2026-11-25',
    });
    expect(
      items
        .slice(1, 4)
        .map(accepted)
        .map((service) => [service.bandwidthMbps, service.status]),
    ).toEqual([
      [10000, 'CEASED'],
      [100, 'CEASE_REQUESTED'],
      [1000, 'ORDERED'],
    ]);
    expect(items.slice(4).map((item) => (item.ok ? 'accepted' : item.reason))).toEqual([
      'Service E: bandwidth_mbps: "0" is not a positive whole number of Mbps',
      'Service F: bandwidth_mbps: "100kbps" is not a bandwidth (expected Mbps, e.g. 100, "100Mbps" or "1Gbps")',
      'Service G: bandwidth_mbps: "1.5Mbps" is not a positive whole number of Mbps',
    ]);
  });
});

describe('TMF638 service inventory adapter', () => {
  it('reads Service resources: circuitId over id, status for state, installation place, TMF states', async () => {
    const items = await readFixture(inventoryTmf, 'inventory-tmf638.json');

    expect(items.map((item) => item.location)).toEqual([
      '$.service[0]',
      '$.service[1]',
      '$.service[2]',
      '$.service[3]',
      '$.service[4]',
      '$.service[5]',
    ]);
    const services = byReference(items);
    expect(services.get('PDN-ETH-100037')).toEqual({
      serviceReference: 'PDN-ETH-100037',
      siteOdsCode: 'RX101',
      siteName: 'Northbridge General Hospital',
      postcode: null,
      bandwidthMbps: 1000,
      status: 'ACTIVE',
      installDate: null,
      ceaseDate: null,
      monthlyCharge: 265300n,
    });
    expect(services.get('PDN-ETH-100074')).toMatchObject({
      status: 'ACTIVE',
      bandwidthMbps: 500,
      monthlyCharge: 179200n,
      siteOdsCode: 'RX101',
    });
    expect(services.get('PDN-ETH-100222')).toMatchObject({ status: 'ORDERED', siteOdsCode: 'RX103', bandwidthMbps: 200 });
    expect(services.get('PDN-ETH-100259')).toMatchObject({ bandwidthMbps: 200 });
    expect(services.get('PDN-ETH-100518')).toMatchObject({ status: 'CEASED' });
    expect(services.get('PDN-ETH-190001')).toMatchObject({ installDate: '2026-09-14', monthlyCharge: 76300n });
  });

  it('rejects a service priced in euros or in a state it cannot map, and keeps the rest', async () => {
    const [euros, suspended, good] = await readFixture(inventoryTmf, 'inventory-tmf638-bad.json');

    expect(euros).toMatchObject({
      ok: false,
      location: '$[0]',
      field: 'serviceCharacteristic.monthlyCharge',
      reason: 'Service PDN-ETH-100481: serviceCharacteristic.monthlyCharge: currency EUR is not GBP',
    });
    expect(suspended).toMatchObject({ ok: false, field: 'state' });
    expect(accepted(good)).toMatchObject({ serviceReference: 'PDN-ETH-100592', status: 'ACTIVE', monthlyCharge: null });
  });

  it('fails a truncated document whole', async () => {
    await expect(readFixture(inventoryTmf, 'inventory-tmf638-truncated.json')).rejects.toThrow(FeedFormatError);
  });

  it('reads the wrappers suppliers use, the TMF638 lifecycle states and a v5 place', async () => {
    const service = (id: string, state: string) => ({ id, state });
    const states = ['feasibilityChecked', 'designed', 'reserved', 'inactive', 'Active', 'terminated'];

    const fromItems = await readText(inventoryTmf, JSON.stringify({ items: states.map((state, index) => service(`S${index}`, state)) }));
    const [fromData] = await readText(
      inventoryTmf,
      JSON.stringify({
        data: [
          {
            name: 'PDN-ETH-100592',
            startDate: '2024-07-25T00:00:00Z',
            serviceCharacteristic: [
              { name: 'bandwidthMbps', value: 100 },
              { name: 'Site ODS Code', value: 'rx108' },
            ],
            place: [{ role: 'installationAddress', place: { id: 'RX108', name: 'Kelderby Outpatients Centre', postCode: 'NS4 1EW' } }],
          },
        ],
      }),
    );

    expect(fromItems.map((item) => item.location)).toEqual(states.map((_, index) => `$.items[${index}]`));
    expect(fromItems.map(accepted).map((record) => record.status)).toEqual([
      'ORDERED',
      'ORDERED',
      'ORDERED',
      'ORDERED',
      'ACTIVE',
      'CEASED',
    ]);
    expect(accepted(fromData)).toEqual({
      serviceReference: 'PDN-ETH-100592',
      siteOdsCode: 'RX108',
      siteName: 'Kelderby Outpatients Centre',
      postcode: 'NS4 1EW',
      bandwidthMbps: 100,
      status: null,
      installDate: '2024-07-25',
      ceaseDate: null,
      monthlyCharge: null,
    });
  });

  it('rejects a service it cannot name and an item that is not a Service', async () => {
    const [nameless, notAnObject] = await readText(inventoryTmf, JSON.stringify([{ state: 'active' }, 'PDN-ETH-100037']));

    expect(nameless).toMatchObject({ ok: false, field: 'id', reason: 'id: is required' });
    expect(notAnObject).toMatchObject({ ok: false, location: '$[1]', reason: '$[1] is not a Service object' });
  });

  it('fails a document that is neither an object nor an array', async () => {
    await expect(readText(inventoryTmf, '42')).rejects.toThrow(FeedFormatError);
  });
});
