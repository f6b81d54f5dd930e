import type { InventoryRecord } from '../../feed-records/records';
import type { FeedAdapter } from '../feed-adapter';
import {
  inventoryRecordFrom,
  reasonAbout,
  SUPPLIER_STATUS_WORDS,
  type InventoryValues,
  type Sourced,
  type SupplierServiceStatus,
} from './inventory-csv';
import { jsonItems } from './json-stream';
import { pick, rawJson, readItem } from './readers';
import { FieldError, isBlank, squash } from './values';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * TMF638 service states that are not suppliers' everyday words (`active` and `terminated`
 * already are). `inactive` comes between `reserved` and `active` in the TMF638 lifecycle
 * (built, not yet in service), so it reads as ORDERED, not as a cease.
 */
const TMF638_STATES: Record<string, SupplierServiceStatus> = {
  feasibilitychecked: 'ORDERED',
  designed: 'ORDERED',
  reserved: 'ORDERED',
  inactive: 'ORDERED',
};

/** Characteristic names are compared as parseEnum compares values: "circuit_id" is "circuitId". */
function characteristic(characteristics: unknown[], ...names: string[]): Sourced | undefined {
  for (const name of names) {
    const found = characteristics.find((entry) => isObject(entry) && squash(String(entry.name ?? '')) === squash(name));
    if (isObject(found) && !isBlank(found.value)) return { value: found.value, field: `serviceCharacteristic.${name}` };
  }
  return undefined;
}

/**
 * The place the service is installed at: the one whose role says so, else the only one.
 * TMF638 v5 wraps the place in `{ role, place }`; v4 lists it directly.
 */
function sitePlaceOf(places: unknown): JsonObject | undefined {
  if (!Array.isArray(places)) return undefined;
  const site = places.find((entry) => isObject(entry) && ['installationaddress', 'site'].includes(squash(String(entry.role ?? ''))));
  const chosen = site ?? (places.length === 1 ? places[0] : undefined);
  if (!isObject(chosen)) return undefined;
  return isObject(chosen.place) ? chosen.place : chosen;
}

function inventoryValuesOf(service: JsonObject): InventoryValues {
  const characteristics = pick(service, 'serviceCharacteristic', 'characteristic') ?? [];
  if (!Array.isArray(characteristics)) throw new FieldError('serviceCharacteristic', 'expected an array of {name, value}');
  const place = sitePlaceOf(service.place) ?? {};
  const given = (value: unknown, field: string): Sourced => ({ value, field });
  const fromService = (...names: string[]): Sourced => {
    const name = names.find((candidate) => !isBlank(service[candidate])) ?? names[0];
    return given(service[name], name);
  };
  return {
    serviceReference: characteristic(characteristics, 'serviceReference', 'circuitId') ?? fromService('id', 'name'),
    siteOdsCode: characteristic(characteristics, 'siteOdsCode', 'odsCode') ?? given(place.id, 'place.id'),
    siteName: characteristic(characteristics, 'siteName') ?? given(place.name, 'place.name'),
    postcode: characteristic(characteristics, 'postcode') ?? given(pick(place, 'postcode', 'postCode'), 'place.postCode'),
    bandwidthMbps: characteristic(characteristics, 'bandwidth', 'bandwidthMbps') ?? given(undefined, 'serviceCharacteristic.bandwidth'),
    status: fromService('state', 'status'),
    installDate: given(service.startDate, 'startDate'),
    ceaseDate: given(service.endDate, 'endDate'),
    monthlyCharge: characteristic(characteristics, 'monthlyCharge') ?? given(undefined, 'serviceCharacteristic.monthlyCharge'),
  };
}

/**
 * Reads TMF638 Service Inventory JSON: an array of Service resources, one, or a wrapper
 * holding them under `service`, `services`, `items` or `data`. Each service is one item,
 * read one at a time as the document streams. The reference is a `serviceReference` or
 * `circuitId` characteristic when the supplier sends one (its `id` is often an internal
 * key), else `id`, else `name`.
 */
export const inventoryTmf: FeedAdapter<InventoryRecord> = async function* (input, limits) {
  for await (const { item, path } of jsonItems(input, ['service', 'services', 'items', 'data'], limits)) {
    const raw = rawJson(item);
    if (!isObject(item)) {
      yield { ok: false, location: path, raw, reason: `${path} is not a Service object` };
      continue;
    }
    yield readItem(
      path,
      raw,
      () => inventoryRecordFrom(inventoryValuesOf(item), { ...SUPPLIER_STATUS_WORDS, ...TMF638_STATES }),
      (message) => reasonAbout(pick(item, 'id', 'name'), message),
    );
  }
};
