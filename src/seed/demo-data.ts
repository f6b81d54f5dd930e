import { In, type DataSource, type EntityManager, type ObjectLiteral, type Repository } from 'typeorm';
import { addDays, addMonths, type LocalDate } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import type { Pence } from '../common/money';
import { ContactAssignment, ContactObjectType, ContactPriority, ContactRole } from '../contacts/contact-assignment.entity';
import { Contact } from '../contacts/contact.entity';
import { ContractDocument, ContractDocumentKind } from '../contracts/contract-document.entity';
import { DEFAULT_BUSINESS_CALENDAR, noticeDateFor, termEnd } from '../contracts/contract-lifecycle';
import { ContractStatusChange } from '../contracts/contract-status-change.entity';
import { Contract, ContractStatus, ProcurementRoute, ServiceHours, ServiceWrap } from '../contracts/contract.entity';
import { ActsFor, ActsForBasis } from '../organisations/acts-for.entity';
import { Organisation, OrganisationType } from '../organisations/organisation.entity';
import { NetworkService, Resilience, ServiceStatus, ServiceType } from '../services/network-service.entity';
import { Site } from '../sites/site.entity';
import { ComplianceStatus, Supplier, SupplierKind } from '../suppliers/supplier.entity';
import { seedDemoCompliance } from './demo-compliance';

/**
 * Fictional but well-formed demo data: five organisations, four suppliers, their contracts,
 * sites, services and contacts. Everything is derived from `today` and fixed tables, so a
 * run is repeatable, and every row is upserted by its natural key, so a run is idempotent.
 */

export interface DemoSeedSummary {
  organisations: number;
  suppliers: number;
  contracts: number;
  sites: number;
  services: number;
  contacts: number;
  assignments: number;
}

export interface DemoSeedOptions {
  /** the date the demo is built around (England); defaults to today */
  today?: LocalDate;
}

/** Who made the seed's status changes and verifications. */
export const DEMO_SEED_ACTOR = 'seed:demo';

/** The contract that the demo shows as coming up for notice. */
export const DEMO_CONTRACT_DUE_FOR_NOTICE = 'RX1-HSCN-2023-01';

// ---------------------------------------------------------------------------------------
// The plan: plain values keyed by natural keys, built without touching the database.
// ---------------------------------------------------------------------------------------

export interface PlannedOrganisation {
  odsCode: string;
  name: string;
  type: OrganisationType;
}

export interface PlannedActsFor {
  manager: string;
  managed: string;
  basis: ActsForBasis;
  since: LocalDate;
}

export interface PlannedSupplier {
  name: string;
  kind: SupplierKind;
  cnspId: string | null;
  complianceStatus: ComplianceStatus;
  complianceDate: LocalDate | null;
  notes: string | null;
}

export interface PlannedDocument {
  title: string;
  kind: ContractDocumentKind;
  url: string;
}

export interface PlannedContract {
  organisation: string;
  supplier: string;
  reference: string;
  title: string;
  procurementRoute: ProcurementRoute;
  procurementVehicle: string | null;
  status: ContractStatus;
  startDate: LocalDate;
  endDate: LocalDate;
  initialTermMonths: number;
  renewalTermMonths: number | null;
  noticePeriodDays: number;
  noticeDate: LocalDate;
  serviceWrap: ServiceWrap;
  serviceHours: ServiceHours;
  serviceHoursCalendar: string | null;
  currency: 'GBP';
  totalContractValue: Pence;
  documents: PlannedDocument[];
}

export interface PlannedSite {
  organisation: string;
  odsCode: string;
  name: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
}

export interface PlannedService {
  organisation: string;
  /** the contract's reference within the organisation */
  contract: string;
  supplier: string;
  site: string;
  reference: string;
  type: ServiceType;
  bandwidthMbps: number;
  resilience: Resilience;
  qosProfile: string | null;
  status: ServiceStatus;
  installDate: LocalDate | null;
  ceaseDate: LocalDate | null;
  monthlyCharge: Pence;
  oneOffCharge: Pence;
}

export interface PlannedContact {
  organisation: string;
  name: string;
  jobTitle: string | null;
  email: string;
  phone: string | null;
  hours: string | null;
  notes: string | null;
  lastVerifiedAt: Date | null;
  lastVerifiedBy: string | null;
}

export interface PlannedAssignment {
  organisation: string;
  contactEmail: string;
  objectType: ContactObjectType;
  /** supplier name, or `org|reference` for a contract, or `org|odsCode` for a site */
  object: string;
  role: ContactRole;
  priority: ContactPriority;
}

export interface DemoPlan {
  today: LocalDate;
  organisations: PlannedOrganisation[];
  actsFor: PlannedActsFor[];
  suppliers: PlannedSupplier[];
  contracts: PlannedContract[];
  sites: PlannedSite[];
  services: PlannedService[];
  contacts: PlannedContact[];
  assignments: PlannedAssignment[];
}

const key = (...parts: Array<string | number>) => parts.join('|');

/** mulberry32: a tiny deterministic PRNG, so the demo is identical on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, to seed one PRNG per contract or organisation. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

// --- organisations and suppliers ---------------------------------------------------------

const ORGANISATIONS: readonly PlannedOrganisation[] = [
  { odsCode: 'RX1', name: 'Northshire Hospitals NHS Foundation Trust', type: OrganisationType.TRUST },
  { odsCode: 'RX2', name: 'Southvale Community Health NHS Trust', type: OrganisationType.TRUST },
  { odsCode: '0CX', name: 'Central Commissioning Support Unit', type: OrganisationType.CSU },
  { odsCode: 'Y0A01', name: 'Eastbrook Primary Care Network', type: OrganisationType.GP_PRACTICE },
  { odsCode: 'X26', name: 'NHS England', type: OrganisationType.OTHER },
];

interface OrganisationProfile {
  /** mailbox domain of the organisation's own staff (fictional, reserved `.example` TLD) */
  domain: string;
  /** Ofcom drama-number range for the organisation's phones */
  phonePrefix: string;
  siteJobTitles: readonly string[];
}

const ORGANISATION_PROFILES: Record<string, OrganisationProfile> = {
  RX1: {
    domain: 'northshirehospitals.example',
    phonePrefix: '0114 496 0',
    siteJobTitles: ['Site IT Lead', 'Estates Manager', 'Site Services Manager'],
  },
  RX2: {
    domain: 'southvalecommunity.example',
    phonePrefix: '0115 496 0',
    siteJobTitles: ['Clinic Manager', 'Locality IT Lead', 'Facilities Coordinator'],
  },
  '0CX': { domain: 'centralcsu.example', phonePrefix: '0116 496 0', siteJobTitles: ['Facilities Manager', 'Infrastructure Engineer'] },
  Y0A01: { domain: 'eastbrookpcn.example', phonePrefix: '0117 496 0', siteJobTitles: ['Practice Manager', 'Assistant Practice Manager'] },
  X26: { domain: 'nhsengland.example', phonePrefix: '0118 496 0', siteJobTitles: ['Service Co-ordinator'] },
};

const PDN = 'Pennine Digital Networks Ltd';
const ALBC = 'Albion Connect plc';
const MHN = 'Meridian Health Networks Ltd';
const BT = 'BT (Transition Network)';

interface SupplierProfile {
  /** prefix of the supplier's circuit references */
  referencePrefix: string;
  domain: string;
  phonePrefix: string;
  /** price level in percent of the demo's list prices */
  priceLevel: bigint;
  accountManager: string;
  serviceManager: string;
  deputyServiceManager: string;
  headOfService: string;
}

const SUPPLIER_PROFILES: Record<string, SupplierProfile> = {
  [PDN]: {
    referencePrefix: 'PDN',
    domain: 'penninedigital.example',
    phonePrefix: '0113 496 0',
    priceLevel: 100n,
    accountManager: 'Gareth Holloway',
    serviceManager: 'Priya Raman',
    deputyServiceManager: 'Tom Ashby',
    headOfService: 'Helen Marsh',
  },
  [ALBC]: {
    referencePrefix: 'ALBC',
    domain: 'albionconnect.example',
    phonePrefix: '020 7946 0',
    priceLevel: 95n,
    accountManager: 'Marcus Delaney',
    serviceManager: 'Joanne Pike',
    deputyServiceManager: 'Ravi Chandran',
    headOfService: 'Catherine Lowther',
  },
  [MHN]: {
    referencePrefix: 'MHN',
    domain: 'meridianhealthnet.example',
    phonePrefix: '0161 496 0',
    priceLevel: 105n,
    accountManager: 'Sinead Gallagher',
    serviceManager: 'David Oyelaran',
    deputyServiceManager: 'Emma Whitworth',
    headOfService: 'Martin Greaves',
  },
  [BT]: {
    referencePrefix: 'BTN3',
    domain: 'bt-transition.example',
    phonePrefix: '0191 498 0',
    priceLevel: 100n,
    accountManager: 'Continuing Orders Team',
    serviceManager: 'Paul Hendry',
    deputyServiceManager: 'Alison Carr',
    headOfService: 'Transition Network Escalations',
  },
};

function planSuppliers(today: LocalDate): PlannedSupplier[] {
  return [
    {
      name: PDN,
      kind: SupplierKind.CN_SP,
      cnspId: 'PDN00001',
      complianceStatus: ComplianceStatus.COMPLIANT,
      complianceDate: addMonths(today, -3),
      notes: 'Fictional CN-SP for demonstration: WAN, access circuits and internet breakout across the North.',
    },
    {
      name: ALBC,
      kind: SupplierKind.CN_SP,
      cnspId: 'ALBC0002',
      complianceStatus: ComplianceStatus.COMPLIANT,
      complianceDate: addMonths(today, -5),
      notes: 'Fictional CN-SP for demonstration: national coverage, strong in community and primary care.',
    },
    {
      name: MHN,
      kind: SupplierKind.CN_SP,
      cnspId: 'MHN00003',
      complianceStatus: ComplianceStatus.COMPLIANT,
      complianceDate: addMonths(today, -8),
      notes: 'Fictional CN-SP for demonstration: data-centre interconnects and managed internet breakout.',
    },
    {
      name: BT,
      kind: SupplierKind.TN_SP,
      cnspId: null,
      complianceStatus: ComplianceStatus.NOT_APPLICABLE,
      complianceDate: null,
      notes:
        'Transition Network Service Provider for legacy N3 continuing orders (voice, video, LAN overlays). Raise cease requests early: ' +
        'billing runs until the cease completes.',
    },
  ];
}

// --- sites ----------------------------------------------------------------------------

type SiteSize = 'major' | 'medium' | 'small';

interface SiteRow {
  name: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
  size: SiteSize;
  /** staffed around the clock (hospitals, data centres) */
  always: boolean;
}

const SITES: Record<string, readonly SiteRow[]> = {
  RX1: [
    {
      name: 'Northbridge General Hospital',
      addressLine1: 'Infirmary Road',
      addressLine2: null,
      town: 'Northbridge',
      postcode: 'NS1 4AB',
      size: 'major',
      always: true,
    },
    {
      name: 'Kelderby Royal Infirmary',
      addressLine1: 'Castle Hill',
      addressLine2: null,
      town: 'Kelderby',
      postcode: 'NS4 2DJ',
      size: 'major',
      always: true,
    },
    {
      name: 'Ashthorpe Community Hospital',
      addressLine1: 'Mill Lane',
      addressLine2: null,
      town: 'Ashthorpe',
      postcode: 'NS6 7HP',
      size: 'medium',
      always: true,
    },
    {
      name: "Northbridge Women's and Children's Centre",
      addressLine1: '12 Infirmary Road',
      addressLine2: null,
      town: 'Northbridge',
      postcode: 'NS1 4AD',
      size: 'medium',
      always: true,
    },
    {
      name: 'Harrowfield Treatment Centre',
      addressLine1: 'Station Approach',
      addressLine2: null,
      town: 'Harrowfield',
      postcode: 'NS8 1QT',
      size: 'medium',
      always: false,
    },
    {
      name: 'Northshire Data Centre (Primary)',
      addressLine1: 'Unit 4 Beacon Business Park',
      addressLine2: 'Beacon Way',
      town: 'Northbridge',
      postcode: 'NS2 9XW',
      size: 'major',
      always: true,
    },
    {
      name: 'Northshire Data Centre (Secondary)',
      addressLine1: 'Kelderby Technology Park',
      addressLine2: 'Quarry Road',
      town: 'Kelderby',
      postcode: 'NS4 6LR',
      size: 'major',
      always: true,
    },
    {
      name: 'Kelderby Outpatients Centre',
      addressLine1: '40 Market Street',
      addressLine2: null,
      town: 'Kelderby',
      postcode: 'NS4 1EW',
      size: 'medium',
      always: false,
    },
    {
      name: 'Northbridge Pathology Laboratory',
      addressLine1: 'Infirmary Road',
      addressLine2: 'Block C',
      town: 'Northbridge',
      postcode: 'NS1 4AG',
      size: 'medium',
      always: true,
    },
    {
      name: 'Ashthorpe Renal Unit',
      addressLine1: 'Mill Lane',
      addressLine2: 'Riverside Wing',
      town: 'Ashthorpe',
      postcode: 'NS6 7HR',
      size: 'small',
      always: false,
    },
    {
      name: 'Harrowfield Diagnostic Centre',
      addressLine1: '3 Abbey Walk',
      addressLine2: null,
      town: 'Harrowfield',
      postcode: 'NS8 3BN',
      size: 'small',
      always: false,
    },
    {
      name: 'Northshire Trust Headquarters',
      addressLine1: 'Beacon House',
      addressLine2: 'Beacon Business Park',
      town: 'Northbridge',
      postcode: 'NS2 9XY',
      size: 'medium',
      always: false,
    },
  ],
  RX2: [
    {
      name: 'Southvale Health Centre',
      addressLine1: '2 Church Street',
      addressLine2: null,
      town: 'Southvale',
      postcode: 'SV1 2AF',
      size: 'medium',
      always: false,
    },
    {
      name: 'Redmoor Community Hospital',
      addressLine1: 'Moor Lane',
      addressLine2: null,
      town: 'Redmoor',
      postcode: 'SV5 3JD',
      size: 'medium',
      always: true,
    },
    {
      name: 'Elmstead Clinic',
      addressLine1: '15 High Street',
      addressLine2: null,
      town: 'Elmstead',
      postcode: 'SV8 1NB',
      size: 'small',
      always: false,
    },
    {
      name: 'Brackenford Health Hub',
      addressLine1: 'Riverside Way',
      addressLine2: null,
      town: 'Brackenford',
      postcode: 'SV3 6PT',
      size: 'medium',
      always: false,
    },
    {
      name: 'Southvale Mental Health Unit',
      addressLine1: 'Orchard Road',
      addressLine2: null,
      town: 'Southvale',
      postcode: 'SV1 5RS',
      size: 'medium',
      always: true,
    },
    {
      name: "Redmoor Children's Centre",
      addressLine1: 'Park Avenue',
      addressLine2: null,
      town: 'Redmoor',
      postcode: 'SV5 7EU',
      size: 'small',
      always: false,
    },
    {
      name: 'Elmstead Podiatry and Therapies',
      addressLine1: 'Chapel Row',
      addressLine2: 'First Floor',
      town: 'Elmstead',
      postcode: 'SV8 2HF',
      size: 'small',
      always: false,
    },
    {
      name: 'Southvale Trust Headquarters',
      addressLine1: 'Vale House',
      addressLine2: 'Meadow Road',
      town: 'Southvale',
      postcode: 'SV2 4LG',
      size: 'medium',
      always: false,
    },
    {
      name: 'Brackenford Dental Access Centre',
      addressLine1: 'Bridge Street',
      addressLine2: null,
      town: 'Brackenford',
      postcode: 'SV3 1WZ',
      size: 'small',
      always: false,
    },
    {
      name: 'Southvale District Nursing Base',
      addressLine1: 'Unit 7 Kingsway Trading Estate',
      addressLine2: null,
      town: 'Southvale',
      postcode: 'SV2 8YB',
      size: 'small',
      always: false,
    },
  ],
  '0CX': [
    {
      name: 'Central CSU Headquarters',
      addressLine1: 'Quayside House',
      addressLine2: 'Canal Street',
      town: 'Midford',
      postcode: 'MF1 3TA',
      size: 'major',
      always: false,
    },
    {
      name: 'Midford Shared Service Centre',
      addressLine1: 'Enterprise Way',
      addressLine2: null,
      town: 'Midford',
      postcode: 'MF4 8GS',
      size: 'medium',
      always: false,
    },
    {
      name: 'Midford Hosting Centre',
      addressLine1: 'Unit 12 Harbour Park',
      addressLine2: null,
      town: 'Midford',
      postcode: 'MF6 2UP',
      size: 'major',
      always: true,
    },
    {
      name: 'Central CSU Training Centre',
      addressLine1: '9 Linden Road',
      addressLine2: null,
      town: 'Midford',
      postcode: 'MF2 5BX',
      size: 'small',
      always: false,
    },
  ],
  Y0A01: [
    {
      name: 'Eastbrook Medical Practice',
      addressLine1: '1 Brook Street',
      addressLine2: null,
      town: 'Eastbrook',
      postcode: 'EB1 1AA',
      size: 'small',
      always: false,
    },
    {
      name: 'Brookside Surgery',
      addressLine1: '27 Brookside',
      addressLine2: null,
      town: 'Eastbrook',
      postcode: 'EB2 4DL',
      size: 'small',
      always: false,
    },
    {
      name: 'Fenwick Lane Health Centre',
      addressLine1: 'Fenwick Lane',
      addressLine2: null,
      town: 'Fenwick',
      postcode: 'EB4 7QS',
      size: 'small',
      always: false,
    },
    {
      name: 'Longmeadow Surgery',
      addressLine1: '3 Longmeadow Road',
      addressLine2: null,
      town: 'Eastbrook',
      postcode: 'EB3 2NP',
      size: 'small',
      always: false,
    },
    {
      name: 'Stonebridge Family Practice',
      addressLine1: 'The Green',
      addressLine2: null,
      town: 'Stonebridge',
      postcode: 'EB6 5HT',
      size: 'small',
      always: false,
    },
    {
      name: 'Eastbrook PCN Hub',
      addressLine1: 'Eastbrook Primary Care Centre',
      addressLine2: 'Station Road',
      town: 'Eastbrook',
      postcode: 'EB1 3RW',
      size: 'medium',
      always: false,
    },
    {
      name: 'Millfield Surgery',
      addressLine1: '88 Millfield Road',
      addressLine2: null,
      town: 'Eastbrook',
      postcode: 'EB5 9EG',
      size: 'small',
      always: false,
    },
    {
      name: 'Oakhurst Village Surgery',
      addressLine1: 'Church Lane',
      addressLine2: null,
      town: 'Oakhurst',
      postcode: 'EB7 6JU',
      size: 'small',
      always: false,
    },
  ],
};

/** RX1 → RX101, Y0A01 → Y0A0101 */
const siteOdsCode = (organisation: string, index: number) => `${organisation}${String(index + 1).padStart(2, '0')}`;

function planSites(): PlannedSite[] {
  return Object.entries(SITES).flatMap(([organisation, rows]) =>
    rows.map((row, index) => ({
      organisation,
      odsCode: siteOdsCode(organisation, index),
      name: row.name,
      addressLine1: row.addressLine1,
      addressLine2: row.addressLine2,
      town: row.town,
      postcode: row.postcode,
    })),
  );
}

// --- contracts ------------------------------------------------------------------------

interface ServiceLine {
  type: ServiceType;
  /** indexes into the organisation's SITES */
  sites: readonly number[];
  /** circuits per site: 2 for a resilient pair */
  perSite?: number;
}

interface ContractRow {
  organisation: string;
  supplier: string;
  reference: string;
  title: string;
  procurementRoute: ProcurementRoute;
  procurementVehicle: string | null;
  status: ContractStatus;
  /** start = today + months, then + days */
  start: { months: number; days: number };
  initialTermMonths: number;
  renewalTermMonths: number | null;
  noticePeriodDays: number;
  serviceWrap: ServiceWrap;
  serviceHours: ServiceHours;
  totalContractValue: Pence;
  lines: readonly ServiceLine[];
}

const FRAMEWORK = 'Network Services Framework, Lot 2 (HSCN connectivity)';
const DPS = 'HSCN Connectivity Dynamic Purchasing System';
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const CONTRACTS: readonly ContractRow[] = [
  {
    organisation: 'RX1',
    supplier: PDN,
    reference: DEMO_CONTRACT_DUE_FOR_NOTICE,
    title: 'HSCN WAN and access circuits: acute sites and data centres',
    procurementRoute: ProcurementRoute.FRAMEWORK_CALL_OFF,
    procurementVehicle: FRAMEWORK,
    status: ContractStatus.ACTIVE,
    // ends about 135 days from today, so its notice date (90 days before) is about 45 days away
    start: { months: -36, days: 136 },
    initialTermMonths: 36,
    renewalTermMonths: 12,
    noticePeriodDays: 90,
    serviceWrap: ServiceWrap.ENHANCED,
    serviceHours: ServiceHours.TWENTY_FOUR_SEVEN,
    totalContractValue: 126_000_000n,
    lines: [
      { type: ServiceType.ACCESS_CIRCUIT, sites: range(0, 7), perSite: 2 },
      { type: ServiceType.INTERNET_BREAKOUT, sites: [0, 5, 6] },
    ],
  },
  {
    organisation: 'RX1',
    supplier: MHN,
    reference: 'RX1-HSCN-2024-02',
    title: 'Community and outpatient site access with internet breakout',
    procurementRoute: ProcurementRoute.DYNAMIC_PURCHASING_SYSTEM,
    procurementVehicle: DPS,
    status: ContractStatus.ACTIVE,
    start: { months: -20, days: 0 },
    initialTermMonths: 48,
    renewalTermMonths: null,
    noticePeriodDays: 180,
    serviceWrap: ServiceWrap.MINIMUM,
    serviceHours: ServiceHours.BUSINESS_HOURS,
    totalContractValue: 38_400_000n,
    lines: [
      { type: ServiceType.ACCESS_CIRCUIT, sites: [2, 3, 7, 8, 9, 10, 11] },
      { type: ServiceType.INTERNET_BREAKOUT, sites: [11] },
    ],
  },
  {
    organisation: 'RX1',
    supplier: BT,
    reference: 'RX1-N3-LEGACY-01',
    title: 'N3 continuing orders: voice, video and LAN overlays',
    procurementRoute: ProcurementRoute.DIRECT_AWARD,
    procurementVehicle: null,
    status: ContractStatus.ACTIVE,
    // renewed annually; the current term ends about nine months from today
    start: { months: -51, days: 0 },
    initialTermMonths: 36,
    renewalTermMonths: 12,
    noticePeriodDays: 90,
    serviceWrap: ServiceWrap.MINIMUM,
    serviceHours: ServiceHours.BUSINESS_HOURS,
    totalContractValue: 21_600_000n,
    lines: [
      { type: ServiceType.VOICE, sites: [0, 1, 2, 3, 4, 7, 9] },
      { type: ServiceType.VIDEO, sites: [0, 1, 4] },
      { type: ServiceType.LAN_OVERLAY, sites: [0, 1, 8] },
    ],
  },
  {
    organisation: 'RX2',
    supplier: ALBC,
    reference: 'RX2-HSCN-2022-01',
    title: 'Community health HSCN connectivity',
    procurementRoute: ProcurementRoute.OPEN_TENDER,
    procurementVehicle: null,
    status: ContractStatus.ACTIVE,
    start: { months: -40, days: 0 },
    initialTermMonths: 60,
    renewalTermMonths: 24,
    noticePeriodDays: 180,
    serviceWrap: ServiceWrap.ENHANCED,
    serviceHours: ServiceHours.TWENTY_FOUR_SEVEN,
    totalContractValue: 185_000_000n,
    lines: [
      { type: ServiceType.ACCESS_CIRCUIT, sites: range(0, 9) },
      { type: ServiceType.ACCESS_CIRCUIT, sites: [0, 1, 4, 7] },
      { type: ServiceType.INTERNET_BREAKOUT, sites: [0, 7] },
    ],
  },
  {
    organisation: 'RX2',
    supplier: PDN,
    reference: 'RX2-HSCN-2025-02',
    title: 'Clinic access circuits, second supplier (business hours)',
    procurementRoute: ProcurementRoute.FRAMEWORK_CALL_OFF,
    procurementVehicle: FRAMEWORK,
    status: ContractStatus.ACTIVE,
    start: { months: -10, days: 0 },
    initialTermMonths: 36,
    renewalTermMonths: 12,
    noticePeriodDays: 90,
    serviceWrap: ServiceWrap.MINIMUM,
    serviceHours: ServiceHours.BUSINESS_HOURS,
    totalContractValue: 29_700_000n,
    lines: [
      { type: ServiceType.ACCESS_CIRCUIT, sites: [2, 3, 5, 6, 8, 9] },
      { type: ServiceType.INTERNET_BREAKOUT, sites: [1] },
    ],
  },
  {
    organisation: 'RX2',
    supplier: BT,
    reference: 'RX2-N3-LEGACY-01',
    title: 'N3 continuing orders: voice, video and LAN overlays',
    procurementRoute: ProcurementRoute.DIRECT_AWARD,
    procurementVehicle: null,
    status: ContractStatus.ACTIVE,
    // renewed annually; the current term ends about eight months from today
    start: { months: -40, days: 0 },
    initialTermMonths: 36,
    renewalTermMonths: 12,
    noticePeriodDays: 90,
    serviceWrap: ServiceWrap.MINIMUM,
    serviceHours: ServiceHours.TWENTY_FOUR_SEVEN,
    totalContractValue: 18_000_000n,
    lines: [
      { type: ServiceType.VOICE, sites: range(0, 9) },
      { type: ServiceType.VIDEO, sites: [0, 1] },
      { type: ServiceType.LAN_OVERLAY, sites: [0, 4] },
    ],
  },
  {
    organisation: '0CX',
    supplier: MHN,
    reference: '0CX-HSCN-2023-01',
    title: 'CSU hosting centre interconnects and hosted services',
    procurementRoute: ProcurementRoute.FRAMEWORK_CALL_OFF,
    procurementVehicle: FRAMEWORK,
    status: ContractStatus.ACTIVE,
    start: { months: -30, days: 0 },
    initialTermMonths: 60,
    renewalTermMonths: 12,
    noticePeriodDays: 180,
    serviceWrap: ServiceWrap.ENHANCED,
    serviceHours: ServiceHours.TWENTY_FOUR_SEVEN,
    totalContractValue: 96_000_000n,
    lines: [
      { type: ServiceType.ACCESS_CIRCUIT, sites: [0, 1, 2, 3], perSite: 2 },
      { type: ServiceType.INTERNET_BREAKOUT, sites: [0, 2] },
    ],
  },
  {
    organisation: '0CX',
    supplier: PDN,
    reference: '0CX-HSCN-2019-01',
    title: 'Original HSCN connectivity call-off (replaced)',
    procurementRoute: ProcurementRoute.OTHER,
    procurementVehicle: 'N3 to HSCN migration agreement',
    status: ContractStatus.EXPIRED,
    start: { months: -80, days: 0 },
    initialTermMonths: 60,
    renewalTermMonths: null,
    noticePeriodDays: 90,
    serviceWrap: ServiceWrap.MINIMUM,
    serviceHours: ServiceHours.BUSINESS_HOURS,
    totalContractValue: 54_000_000n,
    lines: [{ type: ServiceType.ACCESS_CIRCUIT, sites: [0, 1, 2, 3] }],
  },
  {
    organisation: '0CX',
    supplier: ALBC,
    reference: '0CX-HSCN-2026-02',
    title: 'Regional internet breakout refresh (awaiting signature)',
    procurementRoute: ProcurementRoute.DYNAMIC_PURCHASING_SYSTEM,
    procurementVehicle: DPS,
    status: ContractStatus.DRAFT,
    start: { months: 0, days: 75 },
    initialTermMonths: 36,
    renewalTermMonths: 12,
    noticePeriodDays: 90,
    serviceWrap: ServiceWrap.ENHANCED,
    serviceHours: ServiceHours.TWENTY_FOUR_SEVEN,
    totalContractValue: 12_600_000n,
    lines: [{ type: ServiceType.INTERNET_BREAKOUT, sites: [0, 2] }],
  },
  {
    organisation: 'Y0A01',
    supplier: ALBC,
    reference: 'Y0A01-HSCN-2024-01',
    title: 'PCN practice connectivity',
    procurementRoute: ProcurementRoute.DYNAMIC_PURCHASING_SYSTEM,
    procurementVehicle: DPS,
    status: ContractStatus.ACTIVE,
    start: { months: -14, days: 0 },
    initialTermMonths: 36,
    renewalTermMonths: 12,
    noticePeriodDays: 90,
    serviceWrap: ServiceWrap.MINIMUM,
    serviceHours: ServiceHours.BUSINESS_HOURS,
    totalContractValue: 8_640_000n,
    lines: [
      { type: ServiceType.ACCESS_CIRCUIT, sites: range(0, 7) },
      { type: ServiceType.ACCESS_CIRCUIT, sites: [0, 5] },
      { type: ServiceType.INTERNET_BREAKOUT, sites: [5] },
    ],
  },
];

/** The current term's end: the initial term, then renewals while an ACTIVE contract runs past them. */
function currentEndDate(row: ContractRow, startDate: LocalDate, today: LocalDate): LocalDate {
  let endDate = termEnd(startDate, row.initialTermMonths);
  if (row.status === ContractStatus.ACTIVE && row.renewalTermMonths) {
    while (endDate < today) endDate = termEnd(addDays(endDate, 1), row.renewalTermMonths);
  }
  return endDate;
}

function documentsFor(row: ContractRow): PlannedDocument[] {
  const base = `https://documents.example.nhs.uk/${row.organisation.toLowerCase()}/contracts/${row.reference.toLowerCase()}`;
  const documents: PlannedDocument[] = [
    {
      title: row.procurementRoute === ProcurementRoute.FRAMEWORK_CALL_OFF ? 'Call-off contract (signed)' : 'Contract (signed)',
      kind: ContractDocumentKind.CONTRACT,
      url: `${base}/contract.pdf`,
    },
  ];
  if (SUPPLIER_PROFILES[row.supplier] === SUPPLIER_PROFILES[BT]) {
    documents.push({
      title: 'Continuing orders schedule',
      kind: ContractDocumentKind.SCHEDULE,
      url: `${base}/continuing-orders-schedule.pdf`,
    });
  } else if (row.serviceWrap === ServiceWrap.ENHANCED) {
    documents.push({
      title: 'Enhanced service wrap: service level schedule',
      kind: ContractDocumentKind.SLA,
      url: `${base}/sla-schedule.pdf`,
    });
  } else if (row.status !== ContractStatus.DRAFT) {
    documents.push({ title: 'Order form', kind: ContractDocumentKind.ORDER_FORM, url: `${base}/order-form.pdf` });
  }
  return documents;
}

function planContracts(today: LocalDate): PlannedContract[] {
  return CONTRACTS.map((row) => {
    const startDate = addDays(addMonths(today, row.start.months), row.start.days);
    const endDate = currentEndDate(row, startDate, today);
    return {
      organisation: row.organisation,
      supplier: row.supplier,
      reference: row.reference,
      title: row.title,
      procurementRoute: row.procurementRoute,
      procurementVehicle: row.procurementVehicle,
      status: row.status,
      startDate,
      endDate,
      initialTermMonths: row.initialTermMonths,
      renewalTermMonths: row.renewalTermMonths,
      noticePeriodDays: row.noticePeriodDays,
      noticeDate: noticeDateFor(endDate, row.noticePeriodDays),
      serviceWrap: row.serviceWrap,
      serviceHours: row.serviceHours,
      serviceHoursCalendar: row.serviceHours === ServiceHours.BUSINESS_HOURS ? DEFAULT_BUSINESS_CALENDAR : null,
      currency: 'GBP',
      totalContractValue: row.totalContractValue,
      documents: documentsFor(row),
    };
  });
}

// --- services -------------------------------------------------------------------------

const TYPE_CODES: Record<ServiceType, string> = {
  [ServiceType.ACCESS_CIRCUIT]: 'ETH',
  [ServiceType.INTERNET_BREAKOUT]: 'INT',
  [ServiceType.VOICE]: 'VOI',
  [ServiceType.VIDEO]: 'VID',
  [ServiceType.LAN_OVERLAY]: 'LAN',
  [ServiceType.OTHER]: 'OTH',
};

/** List prices in pence a month, excluding VAT, by bandwidth tier (Mbps). */
const ACCESS_PRICES: Record<number, Pence> = {
  10: 19_500n,
  20: 26_500n,
  50: 38_500n,
  100: 54_500n,
  200: 79_500n,
  500: 128_000n,
  1000: 189_500n,
};
const BREAKOUT_PRICES: Record<number, Pence> = { 100: 29_500n, 200: 42_000n, 500: 76_500n, 1000: 118_000n };
const VOICE_PRICE: Pence = 6_850n;
const VIDEO_PRICES: Record<number, Pence> = { 20: 14_500n, 50: 22_500n };
const LAN_OVERLAY_PRICE: Pence = 31_500n;
const CONNECTION_CHARGES: Record<SiteSize, Pence> = { small: 50_000n, medium: 120_000n, major: 250_000n };

/** Rounds pence to the nearest 50p. */
const toHalfPound = (pence: Pence): Pence => ((pence + 25n) / 50n) * 50n;

function bandwidthFor(type: ServiceType, size: SiteSize, random: () => number): number {
  switch (type) {
    case ServiceType.ACCESS_CIRCUIT:
      if (size === 'major') return pick(random, [500, 1000]);
      if (size === 'medium') return pick(random, [100, 200]);
      return pick(random, [10, 20, 50]);
    case ServiceType.INTERNET_BREAKOUT:
      return size === 'major' ? pick(random, [500, 1000]) : pick(random, [100, 200]);
    case ServiceType.VIDEO:
      return pick(random, [20, 50]);
    case ServiceType.LAN_OVERLAY:
      return 100;
    default:
      return 10;
  }
}

function monthlyChargeFor(type: ServiceType, bandwidthMbps: number, resilience: Resilience, supplier: string): Pence {
  let list: Pence;
  switch (type) {
    case ServiceType.ACCESS_CIRCUIT:
      list = ACCESS_PRICES[bandwidthMbps]!;
      break;
    case ServiceType.INTERNET_BREAKOUT:
      list = BREAKOUT_PRICES[bandwidthMbps]!;
      break;
    case ServiceType.VIDEO:
      list = VIDEO_PRICES[bandwidthMbps]!;
      break;
    case ServiceType.LAN_OVERLAY:
      list = LAN_OVERLAY_PRICE;
      break;
    default:
      list = VOICE_PRICE;
  }
  const resilienceLevel = resilience === Resilience.RESILIENT ? 140n : 100n;
  return toHalfPound((list * SUPPLIER_PROFILES[supplier]!.priceLevel * resilienceLevel) / 10_000n);
}

function planServices(contracts: readonly PlannedContract[], today: LocalDate): PlannedService[] {
  const services: PlannedService[] = [];
  const sequence = new Map<string, number>();
  let cnspOrdinal = 0;
  let legacyOrdinal = 0;
  // the latest an in-service date may be, so that everything ACTIVE has been live a while
  const latestInstall = addDays(today, -14);

  CONTRACTS.forEach((row, contractIndex) => {
    const contract = contracts[contractIndex]!;
    const random = mulberry32(hashOf(row.reference));
    const profile = SUPPLIER_PROFILES[row.supplier]!;
    const legacy = row.supplier === BT;
    const sites = SITES[row.organisation]!;

    for (const line of row.lines) {
      for (const siteIndex of line.sites) {
        const site = sites[siteIndex]!;
        const perSite = line.perSite ?? 1;
        for (let circuit = 0; circuit < perSite; circuit += 1) {
          const next = (sequence.get(row.supplier) ?? 0) + 1;
          sequence.set(row.supplier, next);
          const reference = `${profile.referencePrefix}-${TYPE_CODES[line.type]}-${String(100_000 + next * 37).padStart(6, '0')}`;

          const bandwidthMbps = bandwidthFor(line.type, site.size, random);
          let resilience = Resilience.NON_RESILIENT;
          if (line.type === ServiceType.ACCESS_CIRCUIT || line.type === ServiceType.INTERNET_BREAKOUT) {
            if (perSite > 1 || site.size === 'major') resilience = Resilience.RESILIENT;
            else if (site.size === 'medium') resilience = random() < 0.5 ? Resilience.RESILIENT : Resilience.NON_RESILIENT;
            else resilience = random() < 0.15 ? Resilience.RESILIENT : Resilience.NON_RESILIENT;
          }
          let qosProfile: string | null = null;
          if (line.type === ServiceType.VOICE || line.type === ServiceType.VIDEO) qosProfile = '6-class';
          if (line.type === ServiceType.ACCESS_CIRCUIT) qosProfile = site.size === 'small' && random() < 0.3 ? null : '6-class';

          let status = ServiceStatus.ACTIVE;
          if (row.status === ContractStatus.DRAFT) status = ServiceStatus.ORDERED;
          else if (row.status === ContractStatus.EXPIRED) status = ServiceStatus.CEASED;
          else if (legacy) {
            const ordinal = legacyOrdinal++;
            if (ordinal % 5 === 1) status = ServiceStatus.CEASED;
            else if (ordinal % 5 === 3) status = ServiceStatus.CEASE_REQUESTED;
          } else {
            const ordinal = cnspOrdinal++;
            if (ordinal % 17 === 5) status = ServiceStatus.ORDERED;
            else if (ordinal % 19 === 11) status = ServiceStatus.CEASE_REQUESTED;
            else if (ordinal % 23 === 13) status = ServiceStatus.CEASED;
          }

          let installDate: LocalDate | null = null;
          let ceaseDate: LocalDate | null = null;
          const installDraw = Math.floor(random() * 120);
          const ceaseDraw = Math.floor(random() * 150);
          if (status !== ServiceStatus.ORDERED) {
            installDate = addDays(contract.startDate, 21 + installDraw);
            if (installDate > latestInstall) installDate = latestInstall;
          }
          if (status === ServiceStatus.CEASED && installDate) {
            if (row.status === ContractStatus.EXPIRED) {
              ceaseDate = addDays(contract.endDate, -Math.floor(ceaseDraw / 5));
            } else {
              ceaseDate = addDays(today, -(10 + ceaseDraw));
            }
            const earliest = addDays(installDate, 30);
            if (ceaseDate < earliest) ceaseDate = earliest;
            if (ceaseDate >= today) ceaseDate = addDays(today, -1);
          }

          const oneOffCharge =
            legacy || status === ServiceStatus.CEASED || services.length % 3 === 0
              ? 0n
              : CONNECTION_CHARGES[site.size] + (resilience === Resilience.RESILIENT ? 35_000n : 0n);

          services.push({
            organisation: row.organisation,
            contract: row.reference,
            supplier: row.supplier,
            site: siteOdsCode(row.organisation, siteIndex),
            reference,
            type: line.type,
            bandwidthMbps,
            resilience,
            qosProfile,
            status,
            installDate,
            ceaseDate,
            monthlyCharge: monthlyChargeFor(line.type, bandwidthMbps, resilience, row.supplier),
            oneOffCharge,
          });
        }
      }
    }
  });
  return services;
}

// --- contacts -------------------------------------------------------------------------

const FIRST_NAMES = [
  'Amelia',
  'Oliver',
  'Isla',
  'Harry',
  'Sophie',
  'Jack',
  'Grace',
  'George',
  'Freya',
  'Noah',
  'Ruby',
  'Arthur',
  'Evie',
  'Leo',
  'Hannah',
  'Samuel',
  'Chloe',
  'Daniel',
  'Megan',
  'Aisha',
  'Rahul',
  'Zainab',
  'Tariq',
  'Siobhan',
  'Callum',
  'Niamh',
  'Owen',
  'Bethan',
  'Rhys',
  'Mei',
  'Kwame',
  'Fatima',
  'Imran',
  'Lucy',
  'Adam',
  'Nadia',
] as const;
const SURNAMES = [
  'Whitfield',
  'Ainsworth',
  'Barraclough',
  'Pemberton',
  'Okafor',
  'Sandhu',
  'Hargreaves',
  'Thornton',
  'Clegg',
  'Mahmood',
  'Fairbairn',
  'Kowalski',
  'Ellison',
  'Brannigan',
  'Chaudhry',
  'Dunmore',
  'Greenhalgh',
  'Iqbal',
  'Jowett',
  'Kershaw',
  'Lister',
  'Nwosu',
  'Ormerod',
  'Pickersgill',
  'Rashid',
  'Sutcliffe',
  'Tattersall',
  'Underwood',
  'Varley',
  'Wainwright',
  'Yeadon',
] as const;

const BUSINESS_HOURS_TEXT = 'Mon–Fri 08:00–18:00';
const ALWAYS_TEXT = '24x7';

const emailName = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.');

/** A verification time of day, so that timestamps look like people did them. */
const verifiedAt = (today: LocalDate, daysAgo: number, minuteOfDay: number) =>
  new Date(
    `${addDays(today, -daysAgo)}T${String(8 + Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}:00.000Z`,
  );

type Freshness = 'fresh' | 'stale' | 'never';

interface ContactBuilder {
  add(contact: Omit<PlannedContact, 'organisation' | 'lastVerifiedAt' | 'lastVerifiedBy'>, freshness: Freshness): string;
  assign(email: string, objectType: ContactObjectType, object: string, role: ContactRole, priority: ContactPriority): void;
}

function planContacts(
  today: LocalDate,
  contracts: readonly PlannedContract[],
): { contacts: PlannedContact[]; assignments: PlannedAssignment[] } {
  const contacts: PlannedContact[] = [];
  const assignments: PlannedAssignment[] = [];

  const builderFor = (organisation: string): ContactBuilder => {
    const random = mulberry32(hashOf(`contacts:${organisation}`));
    const emails = new Set<string>();
    const assigned = new Set<string>();
    return {
      add(contact, freshness) {
        const email = contact.email.toLowerCase();
        const daysAgo = freshness === 'stale' ? 400 + Math.floor(random() * 500) : 1 + Math.floor(random() * 58);
        const minute = Math.floor(random() * 540);
        if (emails.has(email)) return email;
        emails.add(email);
        contacts.push({
          organisation,
          ...contact,
          email,
          lastVerifiedAt: freshness === 'never' ? null : verifiedAt(today, daysAgo, minute),
          lastVerifiedBy: freshness === 'never' ? null : DEMO_SEED_ACTOR,
        });
        return email;
      },
      assign(email, objectType, object, role, priority) {
        const id = key(email, objectType, object, role);
        if (assigned.has(id)) return;
        assigned.add(id);
        assignments.push({ organisation, contactEmail: email, objectType, object, role, priority });
      },
    };
  };

  const phone = (prefix: string, n: number) => `${prefix}${String(n % 1000).padStart(3, '0')}`;

  // Supplier contacts, kept by each organisation that buys from the supplier.
  const addSupplierContacts = (
    builder: ContactBuilder,
    organisation: string,
    supplier: string,
    orgContracts: readonly PlannedContract[],
  ) => {
    const p = SUPPLIER_PROFILES[supplier]!;
    const base = hashOf(supplier) % 700;
    const legacy = supplier === BT;
    // a few deliberate gaps, so that the contact-verification views have something to show
    const staleFor = (role: string): Freshness => {
      if (organisation === 'RX1' && legacy && role === 'billing') return 'never';
      if (organisation === 'RX2' && legacy && role === 'account') return 'stale';
      if (organisation === 'RX2' && supplier === ALBC && role === 'escalation-2') return 'stale';
      if (organisation === '0CX' && supplier === PDN && role === 'service') return 'stale';
      return 'fresh';
    };

    const account = builder.add(
      {
        name: p.accountManager,
        jobTitle: legacy ? 'Continuing orders account management' : 'Account Manager',
        email: legacy ? `continuing.orders@${p.domain}` : `${emailName(p.accountManager)}@${p.domain}`,
        phone: legacy ? phone(p.phonePrefix, base + 1) : `07700 900${String((base + 11) % 1000).padStart(3, '0')}`,
        hours: BUSINESS_HOURS_TEXT,
        notes: null,
      },
      staleFor('account'),
    );
    const desk = builder.add(
      {
        name: `${legacy ? 'BT Transition Network' : supplier.replace(/ (Ltd|plc)$/, '')} Service Desk`,
        jobTitle: 'Service desk',
        email: `servicedesk@${p.domain}`,
        phone: phone(p.phonePrefix, base + 2),
        hours: ALWAYS_TEXT,
        notes: legacy
          ? 'Raise cease requests here; complex or in-term cease quotes can take 20 working days.'
          : 'Log all incidents here first; quote the circuit reference.',
      },
      'fresh',
    );
    const service = builder.add(
      {
        name: p.serviceManager,
        jobTitle: 'Service Delivery Manager',
        email: `${emailName(p.serviceManager)}@${p.domain}`,
        phone: phone(p.phonePrefix, base + 3),
        hours: BUSINESS_HOURS_TEXT,
        notes: null,
      },
      staleFor('service'),
    );
    const deputy = builder.add(
      {
        name: p.deputyServiceManager,
        jobTitle: 'Deputy Service Delivery Manager',
        email: `${emailName(p.deputyServiceManager)}@${p.domain}`,
        phone: phone(p.phonePrefix, base + 4),
        hours: BUSINESS_HOURS_TEXT,
        notes: null,
      },
      staleFor('escalation-2'),
    );
    const head = builder.add(
      {
        name: p.headOfService,
        jobTitle: legacy ? 'Escalations mailbox' : 'Head of Service Delivery',
        email: legacy ? `escalations@${p.domain}` : `${emailName(p.headOfService)}@${p.domain}`,
        phone: phone(p.phonePrefix, base + 5),
        hours: legacy ? ALWAYS_TEXT : BUSINESS_HOURS_TEXT,
        notes: null,
      },
      'fresh',
    );
    const billing = builder.add(
      {
        name: `${legacy ? 'BT Transition Network' : supplier.replace(/ (Ltd|plc)$/, '')} Billing`,
        jobTitle: 'Billing enquiries',
        email: `billing@${p.domain}`,
        phone: phone(p.phonePrefix, base + 6),
        hours: BUSINESS_HOURS_TEXT,
        notes: 'Invoice queries and disputes.',
      },
      staleFor('billing'),
    );

    builder.assign(account, ContactObjectType.SUPPLIER, supplier, ContactRole.ACCOUNT_MANAGER, ContactPriority.PRIMARY);
    builder.assign(desk, ContactObjectType.SUPPLIER, supplier, ContactRole.SERVICE_DESK, ContactPriority.PRIMARY);
    builder.assign(desk, ContactObjectType.SUPPLIER, supplier, ContactRole.OUT_OF_HOURS, ContactPriority.PRIMARY);
    builder.assign(head, ContactObjectType.SUPPLIER, supplier, ContactRole.ESCALATION, ContactPriority.PRIMARY);
    builder.assign(deputy, ContactObjectType.SUPPLIER, supplier, ContactRole.ESCALATION, ContactPriority.SECONDARY);
    builder.assign(billing, ContactObjectType.SUPPLIER, supplier, ContactRole.BILLING, ContactPriority.PRIMARY);
    for (const contract of orgContracts) {
      const object = key(contract.organisation, contract.reference);
      builder.assign(service, ContactObjectType.CONTRACT, object, ContactRole.SERVICE_MANAGER, ContactPriority.PRIMARY);
      if (contract.serviceWrap === ServiceWrap.ENHANCED) {
        builder.assign(deputy, ContactObjectType.CONTRACT, object, ContactRole.SERVICE_MANAGER, ContactPriority.SECONDARY);
      }
      builder.assign(billing, ContactObjectType.CONTRACT, object, ContactRole.BILLING, ContactPriority.PRIMARY);
      builder.assign(account, ContactObjectType.CONTRACT, object, ContactRole.ACCOUNT_MANAGER, ContactPriority.PRIMARY);
    }
  };

  ORGANISATIONS.forEach((organisation, orgIndex) => {
    const code = organisation.odsCode;
    const builder = builderFor(code);
    const profile = ORGANISATION_PROFILES[code]!;

    if (code === 'X26') {
      // the Service Co-ordinator keeps each CN-SP's major-incident contact for cross-supplier escalations
      for (const supplier of [PDN, ALBC, MHN]) {
        const p = SUPPLIER_PROFILES[supplier]!;
        const email = builder.add(
          {
            name: `${supplier.replace(/ (Ltd|plc)$/, '')} Major Incident Manager`,
            jobTitle: 'Major Incident Manager',
            email: `major.incidents@${p.domain}`,
            phone: phone(p.phonePrefix, (hashOf(supplier) % 700) + 9),
            hours: ALWAYS_TEXT,
            notes: 'Severity 1 notifications and cross-supplier escalations.',
          },
          'fresh',
        );
        builder.assign(email, ContactObjectType.SUPPLIER, supplier, ContactRole.ESCALATION, ContactPriority.PRIMARY);
      }
      return;
    }

    const orgContracts = contracts.filter((c) => c.organisation === code);
    const suppliers = [...new Set(orgContracts.map((c) => c.supplier))];
    for (const supplier of suppliers) {
      addSupplierContacts(
        builder,
        code,
        supplier,
        orgContracts.filter((c) => c.supplier === supplier),
      );
    }

    // Site contacts: every site has a primary; the bigger ones a secondary too.
    const used = new Set<string>();
    const person = (seed: number): string => {
      for (let attempt = 0; ; attempt += 1) {
        const name = `${FIRST_NAMES[(seed + attempt * 5) % FIRST_NAMES.length]} ${SURNAMES[(seed * 7 + attempt * 3 + orgIndex) % SURNAMES.length]}`;
        if (!used.has(name)) {
          used.add(name);
          return name;
        }
      }
    };
    SITES[code]!.forEach((site, siteIndex) => {
      const object = key(code, siteOdsCode(code, siteIndex));
      const freshness: Freshness = siteIndex % 9 === 8 ? 'never' : siteIndex % 5 === 2 ? 'stale' : 'fresh';
      const name = person(orgIndex * 13 + siteIndex * 3);
      const primary = builder.add(
        {
          name,
          jobTitle: profile.siteJobTitles[siteIndex % profile.siteJobTitles.length]!,
          email: `${emailName(name)}@${profile.domain}`,
          phone: phone(profile.phonePrefix, 100 + orgIndex * 40 + siteIndex * 2),
          hours: site.always ? ALWAYS_TEXT : BUSINESS_HOURS_TEXT,
          notes: null,
        },
        freshness,
      );
      builder.assign(primary, ContactObjectType.SITE, object, ContactRole.SITE_CONTACT, ContactPriority.PRIMARY);
      if (site.size !== 'small') {
        const deputyName = person(orgIndex * 13 + siteIndex * 3 + 17);
        const secondary = builder.add(
          {
            name: deputyName,
            jobTitle: site.always ? 'Duty Site Manager' : 'Deputy Site Manager',
            email: `${emailName(deputyName)}@${profile.domain}`,
            phone: phone(profile.phonePrefix, 101 + orgIndex * 40 + siteIndex * 2),
            hours: site.always ? ALWAYS_TEXT : BUSINESS_HOURS_TEXT,
            notes: null,
          },
          siteIndex % 7 === 3 ? 'stale' : 'fresh',
        );
        builder.assign(secondary, ContactObjectType.SITE, object, ContactRole.SITE_CONTACT, ContactPriority.SECONDARY);
      }
    });
  });

  return { contacts, assignments };
}

/** The whole demo as plain values for `today`; no database involved. */
export function planDemoData(today: LocalDate): DemoPlan {
  const contracts = planContracts(today);
  const { contacts, assignments } = planContacts(today, contracts);
  return {
    today,
    organisations: ORGANISATIONS.map((o) => ({ ...o })),
    actsFor: [
      { manager: '0CX', managed: 'RX1', basis: ActsForBasis.COMMISSIONING_SUPPORT, since: '2021-04-01' },
      { manager: '0CX', managed: 'RX2', basis: ActsForBasis.COMMISSIONING_SUPPORT, since: '2021-04-01' },
    ],
    suppliers: planSuppliers(today),
    contracts,
    sites: planSites(),
    services: planServices(contracts, today),
    contacts,
    assignments,
  };
}

// ---------------------------------------------------------------------------------------
// Writing the plan: one transaction, one read and one batched save per table.
// ---------------------------------------------------------------------------------------

const SAVE_CHUNK = 200;

/**
 * Brings `rows` into existence: each row updates the entity found under its key in
 * `existing`, or a new entity from `repository.create()`. Saved with `save` on entity
 * instances so that the BaseRecord hooks stamp the timestamps. Returns entities by key.
 */
async function upsert<E extends ObjectLiteral, R>(
  repository: Repository<E>,
  existing: readonly E[],
  keyOfEntity: (entity: E) => string,
  rows: readonly R[],
  keyOfRow: (row: R) => string,
  valuesOf: (row: R) => Partial<E>,
): Promise<Map<string, E>> {
  const byKey = new Map(existing.map((entity) => [keyOfEntity(entity), entity] as const));
  const entities = rows.map((row) => {
    const entity = byKey.get(keyOfRow(row)) ?? repository.create();
    Object.assign(entity, valuesOf(row));
    byKey.set(keyOfRow(row), entity);
    return entity;
  });
  if (entities.length) await repository.save(entities, { chunk: SAVE_CHUNK });
  return byKey;
}

function must<T>(map: Map<string, T>, id: string, what: string): T {
  const value = map.get(id);
  if (value === undefined) throw new Error(`demo seed: no ${what} "${id}"`);
  return value;
}

async function writePlan(manager: EntityManager, plan: DemoPlan): Promise<void> {
  const organisationRepo = manager.getRepository(Organisation);
  const organisations = await upsert(
    organisationRepo,
    await organisationRepo.find({ where: { odsCode: In(plan.organisations.map((o) => o.odsCode)) } }),
    (o) => o.odsCode,
    plan.organisations,
    (o) => o.odsCode,
    (o) => ({ odsCode: o.odsCode, name: o.name, type: o.type }),
  );
  const orgId = (code: string) => must(organisations, code, 'organisation').id;
  const orgIds = plan.organisations.map((o) => orgId(o.odsCode));

  const actsForRepo = manager.getRepository(ActsFor);
  await upsert(
    actsForRepo,
    await actsForRepo.find({ where: { managerId: In(orgIds) } }),
    (a) => key(a.managerId, a.managedId),
    plan.actsFor,
    (a) => key(orgId(a.manager), orgId(a.managed)),
    (a) => ({ managerId: orgId(a.manager), managedId: orgId(a.managed), basis: a.basis, since: a.since }),
  );

  const supplierRepo = manager.getRepository(Supplier);
  const suppliers = await upsert(
    supplierRepo,
    await supplierRepo.find({ where: { name: In(plan.suppliers.map((s) => s.name)) } }),
    (s) => s.name,
    plan.suppliers,
    (s) => s.name,
    (s) => ({ ...s }),
  );
  const supplierId = (name: string) => must(suppliers, name, 'supplier').id;

  const contractRepo = manager.getRepository(Contract);
  const contracts = await upsert(
    contractRepo,
    await contractRepo.find({ where: { organisationId: In(orgIds) } }),
    (c) => key(c.organisationId, c.reference),
    plan.contracts,
    (c) => key(orgId(c.organisation), c.reference),
    ({ documents: _documents, organisation, supplier, ...values }) => ({
      ...values,
      organisationId: orgId(organisation),
      supplierId: supplierId(supplier),
    }),
  );
  const contractOf = (organisation: string, reference: string) => must(contracts, key(orgId(organisation), reference), 'contract');
  const seededContracts = plan.contracts.map((c) => contractOf(c.organisation, c.reference));
  const contractIds = seededContracts.map((c) => c.id);

  const documentRepo = manager.getRepository(ContractDocument);
  const documentRows = plan.contracts.flatMap((c) => c.documents.map((d) => ({ contract: contractOf(c.organisation, c.reference), ...d })));
  await upsert(
    documentRepo,
    await documentRepo.find({ where: { contractId: In(contractIds) } }),
    (d) => key(d.contractId, d.url),
    documentRows,
    (d) => key(d.contract.id, d.url),
    (d) => ({ contractId: d.contract.id, organisationId: d.contract.organisationId, title: d.title, kind: d.kind, url: d.url }),
  );

  const statusRepo = manager.getRepository(ContractStatusChange);
  const withHistory = new Set(
    (await statusRepo.find({ select: { id: true, contractId: true }, where: { contractId: In(contractIds) } })).map((s) => s.contractId),
  );
  const created = seededContracts
    .filter((c) => !withHistory.has(c.id))
    .map((c) =>
      statusRepo.create({
        contractId: c.id,
        organisationId: c.organisationId,
        fromStatus: null,
        toStatus: c.status,
        reason: 'Contract created',
        changedBy: DEMO_SEED_ACTOR,
      }),
    );
  if (created.length) await statusRepo.save(created, { chunk: SAVE_CHUNK });

  const siteRepo = manager.getRepository(Site);
  const sites = await upsert(
    siteRepo,
    await siteRepo.find({ where: { organisationId: In(orgIds) } }),
    (s) => key(s.organisationId, s.odsCode),
    plan.sites,
    (s) => key(orgId(s.organisation), s.odsCode),
    ({ organisation, ...values }) => ({ ...values, organisationId: orgId(organisation) }),
  );
  const siteOf = (organisation: string, odsCode: string) => must(sites, key(orgId(organisation), odsCode), 'site');

  const serviceRepo = manager.getRepository(NetworkService);
  const supplierIds = plan.suppliers.map((s) => supplierId(s.name));
  await upsert(
    serviceRepo,
    await serviceRepo.find({ where: { supplierId: In(supplierIds) } }),
    (s) => key(s.supplierId, s.reference),
    plan.services,
    (s) => key(supplierId(s.supplier), s.reference),
    ({ organisation, contract: reference, supplier: _supplier, site, ...values }) => {
      const contract = contractOf(organisation, reference);
      return {
        ...values,
        organisationId: contract.organisationId,
        contractId: contract.id,
        supplierId: contract.supplierId,
        siteId: siteOf(organisation, site).id,
      };
    },
  );

  const contactRepo = manager.getRepository(Contact);
  const contacts = await upsert(
    contactRepo,
    await contactRepo.find({ where: { organisationId: In(orgIds) } }),
    (c) => key(c.organisationId, (c.email ?? '').toLowerCase()),
    plan.contacts,
    (c) => key(orgId(c.organisation), c.email),
    ({ organisation, ...values }) => ({ ...values, organisationId: orgId(organisation) }),
  );

  const objectId = (a: PlannedAssignment): number => {
    switch (a.objectType) {
      case ContactObjectType.SUPPLIER:
        return supplierId(a.object);
      case ContactObjectType.CONTRACT: {
        const [organisation, reference] = a.object.split('|') as [string, string];
        return contractOf(organisation, reference).id;
      }
      case ContactObjectType.SITE: {
        const [organisation, odsCode] = a.object.split('|') as [string, string];
        return siteOf(organisation, odsCode).id;
      }
    }
  };
  const contactOf = (a: PlannedAssignment) => must(contacts, key(orgId(a.organisation), a.contactEmail), 'contact');
  const contactIds = [...new Set(plan.assignments.map((a) => contactOf(a).id))];
  const assignmentRepo = manager.getRepository(ContactAssignment);
  await upsert(
    assignmentRepo,
    contactIds.length ? await assignmentRepo.find({ where: { contactId: In(contactIds) } }) : [],
    (a) => key(a.contactId, a.objectType, a.objectId, a.role),
    plan.assignments,
    (a) => key(contactOf(a).id, a.objectType, objectId(a), a.role),
    (a) => {
      const contact = contactOf(a);
      return {
        contactId: contact.id,
        organisationId: contact.organisationId,
        objectType: a.objectType,
        objectId: objectId(a),
        role: a.role,
        priority: a.priority,
      };
    },
  );
}

/**
 * Seeds the demo data in one transaction. Idempotent: rows are matched by natural key and
 * brought to the seed's values, so running it again adds nothing.
 */
export async function seedDemoData(dataSource: DataSource, options: DemoSeedOptions = {}): Promise<DemoSeedSummary> {
  const plan = planDemoData(options.today ?? todayInLondon());
  await dataSource.transaction(async (manager) => {
    await writePlan(manager, plan);
    await seedDemoCompliance(
      manager,
      plan.today,
      plan.sites.map((site) => site.odsCode),
    );
  });
  return {
    organisations: plan.organisations.length,
    suppliers: plan.suppliers.length,
    contracts: plan.contracts.length,
    sites: plan.sites.length,
    services: plan.services.length,
    contacts: plan.contacts.length,
    assignments: plan.assignments.length,
  };
}
