import { ErrorCode } from './errors';

/**
 * Every `extensions.reason` the server sends, through GraphQL and over HTTP (POST /feeds,
 * the evidence downloads, authentication): clients switch on it, so a member is renamed or
 * removed only as a breaking change. It is the schema's enum ErrorReason, listed with its
 * code and meaning by the errorReasons query and in docs/ERRORS.md.
 */
export enum ErrorReason {
  AFTER_MEETING = 'AFTER_MEETING',
  ALL_ZERO = 'ALL_ZERO',
  ALREADY_CLAIMED = 'ALREADY_CLAIMED',
  ALREADY_DELEGATE = 'ALREADY_DELEGATE',
  ALREADY_DISPUTED = 'ALREADY_DISPUTED',
  ALREADY_RELEASED = 'ALREADY_RELEASED',
  ALREADY_REVOKED = 'ALREADY_REVOKED',
  AMOUNT_MISMATCH = 'AMOUNT_MISMATCH',
  API_KEY_MALFORMED = 'API_KEY_MALFORMED',
  API_KEY_REVOKED = 'API_KEY_REVOKED',
  API_KEY_UNKNOWN = 'API_KEY_UNKNOWN',
  AUTHENTICATION_RATE_LIMITED = 'AUTHENTICATION_RATE_LIMITED',
  BANDS_OUT_OF_ORDER = 'BANDS_OUT_OF_ORDER',
  BEFORE_ALLOCATION = 'BEFORE_ALLOCATION',
  BEFORE_APPROVAL = 'BEFORE_APPROVAL',
  BEFORE_CURRENT = 'BEFORE_CURRENT',
  BEFORE_GRANT = 'BEFORE_GRANT',
  BEFORE_RAISED = 'BEFORE_RAISED',
  BLANK = 'BLANK',
  CALENDAR_NOT_APPLICABLE = 'CALENDAR_NOT_APPLICABLE',
  CEASE_ALREADY_OPEN = 'CEASE_ALREADY_OPEN',
  CEASE_BEFORE_INSTALL = 'CEASE_BEFORE_INSTALL',
  CHANGE_BEFORE_INSTALL = 'CHANGE_BEFORE_INSTALL',
  CHANGE_WITHOUT_CHANGE = 'CHANGE_WITHOUT_CHANGE',
  CNSP_ID_REQUIRED = 'CNSP_ID_REQUIRED',
  COMMITTED_BEFORE_REQUESTED = 'COMMITTED_BEFORE_REQUESTED',
  COMMITTED_BEFORE_SUBMISSION = 'COMMITTED_BEFORE_SUBMISSION',
  COMPLETED_BEFORE_SUBMISSION = 'COMPLETED_BEFORE_SUBMISSION',
  CONTRACT_CLOSED = 'CONTRACT_CLOSED',
  CONTRACT_MISMATCH = 'CONTRACT_MISMATCH',
  CONTROL_CHARACTER = 'CONTROL_CHARACTER',
  CREDENTIALS_NOT_CONFIGURED = 'CREDENTIALS_NOT_CONFIGURED',
  CREDENTIAL_REQUIRED = 'CREDENTIAL_REQUIRED',
  CREDIT_NOTE_NOT_PAYABLE = 'CREDIT_NOTE_NOT_PAYABLE',
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
  DATE_BEFORE_PREVIOUS = 'DATE_BEFORE_PREVIOUS',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  DATE_NOT_APPLICABLE = 'DATE_NOT_APPLICABLE',
  DATE_REQUIRED = 'DATE_REQUIRED',
  DELIVERY_IN_PROGRESS = 'DELIVERY_IN_PROGRESS',
  DUPLICATE_ASSIGNMENT = 'DUPLICATE_ASSIGNMENT',
  DUPLICATE_CNSP_ID = 'DUPLICATE_CNSP_ID',
  DUPLICATE_DSPT_PUBLICATION = 'DUPLICATE_DSPT_PUBLICATION',
  DUPLICATE_ODS_CODE = 'DUPLICATE_ODS_CODE',
  DUPLICATE_ORDER_REFERENCE = 'DUPLICATE_ORDER_REFERENCE',
  DUPLICATE_REFERENCE = 'DUPLICATE_REFERENCE',
  DUPLICATE_SUPPLIER_NAME = 'DUPLICATE_SUPPLIER_NAME',
  END_BEFORE_START = 'END_BEFORE_START',
  ENTRIES_REQUIRED = 'ENTRIES_REQUIRED',
  ESCALATE_TO_COORDINATOR = 'ESCALATE_TO_COORDINATOR',
  ESCALATION_CLOSED = 'ESCALATION_CLOSED',
  FEED_DOCUMENT_TOO_LARGE = 'FEED_DOCUMENT_TOO_LARGE',
  FEED_ITEM_TOO_LARGE = 'FEED_ITEM_TOO_LARGE',
  FEED_NESTING_TOO_DEEP = 'FEED_NESTING_TOO_DEEP',
  FEED_RECORD_TOO_LARGE = 'FEED_RECORD_TOO_LARGE',
  FEED_TOO_MANY_ROWS = 'FEED_TOO_MANY_ROWS',
  FINDINGS_REQUIRED = 'FINDINGS_REQUIRED',
  FUTURE_DATE = 'FUTURE_DATE',
  HOST_BITS_SET = 'HOST_BITS_SET',
  HOST_NOT_ALLOWED = 'HOST_NOT_ALLOWED',
  INVALID_CIDR = 'INVALID_CIDR',
  INVALID_CNSP_ID = 'INVALID_CNSP_ID',
  INVALID_CREDENTIAL = 'INVALID_CREDENTIAL',
  INVALID_CURSOR = 'INVALID_CURSOR',
  INVALID_DATE = 'INVALID_DATE',
  INVALID_DATE_TIME = 'INVALID_DATE_TIME',
  INVALID_ESCALATION_LEVEL = 'INVALID_ESCALATION_LEVEL',
  INVALID_FORMAT = 'INVALID_FORMAT',
  INVALID_ID = 'INVALID_ID',
  INVALID_MONEY = 'INVALID_MONEY',
  INVALID_PAGINATION = 'INVALID_PAGINATION',
  INVALID_PERCENT = 'INVALID_PERCENT',
  INVALID_PERIOD = 'INVALID_PERIOD',
  INVALID_POSTCODE = 'INVALID_POSTCODE',
  INVALID_STATUS = 'INVALID_STATUS',
  INVALID_STATUS_TRANSITION = 'INVALID_STATUS_TRANSITION',
  INVALID_TIME = 'INVALID_TIME',
  INVALID_URL = 'INVALID_URL',
  INVALID_VALUE = 'INVALID_VALUE',
  INVALID_VERSION = 'INVALID_VERSION',
  INVALID_WEEKDAY = 'INVALID_WEEKDAY',
  INVOICE_CLOSED = 'INVOICE_CLOSED',
  IN_FUTURE = 'IN_FUTURE',
  IP_OVERLAP = 'IP_OVERLAP',
  KINDS_REQUIRED = 'KINDS_REQUIRED',
  MALFORMED_HEADER = 'MALFORMED_HEADER',
  MALFORMED_VALUE = 'MALFORMED_VALUE',
  METRICS_TOKEN = 'METRICS_TOKEN',
  MIXED_INVOICES = 'MIXED_INVOICES',
  MONEY_NOT_EXACT = 'MONEY_NOT_EXACT',
  MONTH_OPEN = 'MONTH_OPEN',
  NEGATIVE_AMOUNT = 'NEGATIVE_AMOUNT',
  NOTHING_OUTSTANDING = 'NOTHING_OUTSTANDING',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
  NOT_A_CNSP = 'NOT_A_CNSP',
  NOT_CONSUMER_LOGGED = 'NOT_CONSUMER_LOGGED',
  NOT_DISPUTABLE = 'NOT_DISPUTABLE',
  NOT_HSCN = 'NOT_HSCN',
  NOT_LEGACY = 'NOT_LEGACY',
  NOT_NEWER_VERSION = 'NOT_NEWER_VERSION',
  NOT_PRIVATE_RANGE = 'NOT_PRIVATE_RANGE',
  NOT_RAISER = 'NOT_RAISER',
  NOT_SEVERITY_ONE = 'NOT_SEVERITY_ONE',
  NO_RENEWAL_TERM = 'NO_RENEWAL_TERM',
  NO_SUCH_REVISION = 'NO_SUCH_REVISION',
  NO_WINDOWS = 'NO_WINDOWS',
  NULL_NOT_ALLOWED = 'NULL_NOT_ALLOWED',
  OBLIGATION_REQUIRED = 'OBLIGATION_REQUIRED',
  ONE_DISPUTE_AT_A_TIME = 'ONE_DISPUTE_AT_A_TIME',
  ORDER_ALREADY_COMPLETED = 'ORDER_ALREADY_COMPLETED',
  ORDER_ALREADY_OPEN = 'ORDER_ALREADY_OPEN',
  ORDER_CHANGED = 'ORDER_CHANGED',
  ORDER_CLOSED = 'ORDER_CLOSED',
  ORDER_NOT_OPEN = 'ORDER_NOT_OPEN',
  ORGANISATION_MISMATCH = 'ORGANISATION_MISMATCH',
  OTHER_CONTRACT = 'OTHER_CONTRACT',
  OTHER_ORGANISATION = 'OTHER_ORGANISATION',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  OWNER_REQUIRED = 'OWNER_REQUIRED',
  PAGE_SIZE_EXCEEDED = 'PAGE_SIZE_EXCEEDED',
  PAST_DEADLINE = 'PAST_DEADLINE',
  PERIOD_TOO_LONG = 'PERIOD_TOO_LONG',
  PRIVATE_RANGE = 'PRIVATE_RANGE',
  PRIVATE_TARGET = 'PRIVATE_TARGET',
  RAISER_AGREEMENT_REQUIRED = 'RAISER_AGREEMENT_REQUIRED',
  REQUIRED = 'REQUIRED',
  RESERVED_NAME = 'RESERVED_NAME',
  RETENTION_PERIOD = 'RETENTION_PERIOD',
  ROLES_REQUIRED = 'ROLES_REQUIRED',
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
  SAME_SITE = 'SAME_SITE',
  SECOND_APPROVER_REQUIRED = 'SECOND_APPROVER_REQUIRED',
  SEGREGATION_OF_DUTIES = 'SEGREGATION_OF_DUTIES',
  SERVICE_ALREADY_CEASED = 'SERVICE_ALREADY_CEASED',
  SERVICE_CEASED = 'SERVICE_CEASED',
  SERVICE_NOT_ACTIVE = 'SERVICE_NOT_ACTIVE',
  SERVICE_NOT_ORDERED = 'SERVICE_NOT_ORDERED',
  SEVERITY_REQUIRED = 'SEVERITY_REQUIRED',
  SITE_ORGANISATION_MISMATCH = 'SITE_ORGANISATION_MISMATCH',
  SPECIAL_PURPOSE_RANGE = 'SPECIAL_PURPOSE_RANGE',
  STALE_RECONCILIATION = 'STALE_RECONCILIATION',
  SUBSCRIPTION_DISABLED = 'SUBSCRIPTION_DISABLED',
  SUPPLIER_MISMATCH = 'SUPPLIER_MISMATCH',
  SUPPLIER_REQUIRED = 'SUPPLIER_REQUIRED',
  SUPPLIER_TICKET_ALREADY_LINKED = 'SUPPLIER_TICKET_ALREADY_LINKED',
  SUPPLIER_TICKET_HELD = 'SUPPLIER_TICKET_HELD',
  SUPPLIER_TICKET_OTHER_SERVICE = 'SUPPLIER_TICKET_OTHER_SERVICE',
  TARGET_REQUIRED = 'TARGET_REQUIRED',
  TOKEN_CLAIMS = 'TOKEN_CLAIMS',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  TOKEN_INVALID = 'TOKEN_INVALID',
  TOO_LONG = 'TOO_LONG',
  TOO_MANY_POINTS = 'TOO_MANY_POINTS',
  TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS',
  UNDISPUTED_FINDINGS = 'UNDISPUTED_FINDINGS',
  UNKNOWN_CALENDAR = 'UNKNOWN_CALENDAR',
  UNKNOWN_FEED_FORMAT = 'UNKNOWN_FEED_FORMAT',
  UNKNOWN_FEED_KIND = 'UNKNOWN_FEED_KIND',
  UNKNOWN_KIND = 'UNKNOWN_KIND',
  UNKNOWN_ORGANISATION = 'UNKNOWN_ORGANISATION',
  UNREACHABLE_CONTACT = 'UNREACHABLE_CONTACT',
  USE_COMPLETE_ORDER = 'USE_COMPLETE_ORDER',
  VERIFIER_UNAVAILABLE = 'VERIFIER_UNAVAILABLE',
  WEBHOOKS_NOT_CONFIGURED = 'WEBHOOKS_NOT_CONFIGURED',
  WINDOW_TOO_LONG = 'WINDOW_TOO_LONG',
}

export interface ErrorReasonInfo {
  /** the `extensions.code` the reason comes with */
  readonly code: ErrorCode;
  /** when it is given, and what the client can do */
  readonly description: string;
}

/** Each reason's code and meaning; a reason without one does not compile. */
export const ERROR_REASONS = {
  [ErrorReason.AFTER_MEETING]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: "A review's period runs past the month of its meeting: end the period at or before the meeting.",
  },
  [ErrorReason.ALL_ZERO]: { code: ErrorCode.BAD_USER_INPUT, description: 'Every scorecard weight is 0: give at least one weight above 0.' },
  [ErrorReason.ALREADY_CLAIMED]: {
    code: ErrorCode.CONFLICT,
    description: 'The credit is already claimed by another dispute (named in the message): follow that dispute instead.',
  },
  [ErrorReason.ALREADY_DELEGATE]: {
    code: ErrorCode.CONFLICT,
    description: 'The contact already holds IPAM delegate access: nothing to grant.',
  },
  [ErrorReason.ALREADY_DISPUTED]: {
    code: ErrorCode.CONFLICT,
    description: 'A finding is already in a dispute (named in the message): move that dispute instead.',
  },
  [ErrorReason.ALREADY_RELEASED]: {
    code: ErrorCode.CONFLICT,
    description: 'The IP range was already released and is kept as history: allocate a new range instead.',
  },
  [ErrorReason.ALREADY_REVOKED]: { code: ErrorCode.CONFLICT, description: 'The IPAM delegate access was already revoked: nothing to do.' },
  [ErrorReason.AMOUNT_MISMATCH]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: "The amount paid is not the invoice's approved amount: send the approved amount.",
  },
  [ErrorReason.API_KEY_MALFORMED]: {
    code: ErrorCode.UNAUTHENTICATED,
    description: 'The API key is not in the shape this server issues: check it was copied whole.',
  },
  [ErrorReason.API_KEY_REVOKED]: {
    code: ErrorCode.UNAUTHENTICATED,
    description: 'The API key has been revoked: ask an ADMIN for a new one.',
  },
  [ErrorReason.API_KEY_UNKNOWN]: {
    code: ErrorCode.UNAUTHENTICATED,
    description: 'No such API key: check it, or ask an ADMIN for a new one.',
  },
  [ErrorReason.AUTHENTICATION_RATE_LIMITED]: {
    code: ErrorCode.TOO_MANY_REQUESTS,
    description: 'Too many refused credentials from this address (HTTP 429): wait Retry-After seconds, then fix the credential.',
  },
  [ErrorReason.BANDS_OUT_OF_ORDER]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'Availability bands do not rise, or one before the last is open-ended: order them.',
  },
  [ErrorReason.BEFORE_ALLOCATION]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A release date is before the range was allocated: give a later date.',
  },
  [ErrorReason.BEFORE_APPROVAL]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: "A payment date is before the invoice's approval: give a later date.",
  },
  [ErrorReason.BEFORE_CURRENT]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A new agreement version is dated before the current one was signed: check the date.',
  },
  [ErrorReason.BEFORE_GRANT]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A revocation date is before the access was granted: give a later date.',
  },
  [ErrorReason.BEFORE_RAISED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'An escalation update is dated before the escalation was raised: check the time.',
  },
  [ErrorReason.BLANK]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A text field is empty or only spaces: give a value (or leave the field out).',
  },
  [ErrorReason.CALENDAR_NOT_APPLICABLE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A service-hours calendar was given for a contract whose hours are not BUSINESS_HOURS: leave it out.',
  },
  [ErrorReason.CEASE_ALREADY_OPEN]: {
    code: ErrorCode.CONFLICT,
    description: 'The service already has a cease order or a requested cease: follow that one.',
  },
  [ErrorReason.CEASE_BEFORE_INSTALL]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A cease date is before the service was installed: check the dates.',
  },
  [ErrorReason.CHANGE_BEFORE_INSTALL]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: "A change is completed on or before the service's install date: give a later date.",
  },
  [ErrorReason.CHANGE_WITHOUT_CHANGE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A CHANGE order names no new bandwidth or charge: give what changes.',
  },
  [ErrorReason.CNSP_ID_REQUIRED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A CN-SP is created without its CN-SP ID: give the 8-character ID.',
  },
  [ErrorReason.COMMITTED_BEFORE_REQUESTED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: "An order's committed date is before its requested date: check the date.",
  },
  [ErrorReason.COMMITTED_BEFORE_SUBMISSION]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: "An order's committed date is before it was submitted: check the date.",
  },
  [ErrorReason.COMPLETED_BEFORE_SUBMISSION]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: "An order's completion date is before it was submitted: check the date.",
  },
  [ErrorReason.CONTRACT_CLOSED]: {
    code: ErrorCode.CONFLICT,
    description: 'The contract is expired or terminated: nothing more is added or changed under it.',
  },
  [ErrorReason.CONTRACT_MISMATCH]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'The service named is under another contract than the one given: name the right contract, or leave it out.',
  },
  [ErrorReason.CONTROL_CHARACTER]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'An identifier holds a control, invisible or line-break character: send plain text.',
  },
  [ErrorReason.CREDENTIALS_NOT_CONFIGURED]: {
    code: ErrorCode.SERVICE_UNAVAILABLE,
    description: 'This server cannot store feed pull credentials (WEBHOOK_SECRET_KEY is unset): ask its operator.',
  },
  [ErrorReason.CREDENTIAL_REQUIRED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: "A feed endpoint's URL now names another host, so its credential is not carried over: give it again, or null for none.",
  },
  [ErrorReason.CREDIT_NOTE_NOT_PAYABLE]: {
    code: ErrorCode.CONFLICT,
    description: 'A credit note is not paid: its credits are matched through the credit ledger.',
  },
  [ErrorReason.DATABASE_UNAVAILABLE]: {
    code: ErrorCode.SERVICE_UNAVAILABLE,
    description: 'The database cannot be reached (HTTP 503): retry shortly; nothing was written.',
  },
  [ErrorReason.DATE_BEFORE_PREVIOUS]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'An order step is dated before its previous step: give a later date.',
  },
  [ErrorReason.DATE_IN_FUTURE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A date that records what has happened is in the future: give today or earlier.',
  },
  [ErrorReason.DATE_NOT_APPLICABLE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: "A date was given that does not apply to the record's status (an ORDERED service's cease date): leave it out.",
  },
  [ErrorReason.DATE_REQUIRED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'The status asked for needs a date (effective or install date): give it.',
  },
  [ErrorReason.DELIVERY_IN_PROGRESS]: {
    code: ErrorCode.CONFLICT,
    description: 'The webhook delivery is being attempted now: look again shortly.',
  },
  [ErrorReason.DUPLICATE_ASSIGNMENT]: {
    code: ErrorCode.CONFLICT,
    description: 'The contact already holds that role there: nothing to add.',
  },
  [ErrorReason.DUPLICATE_CNSP_ID]: { code: ErrorCode.CONFLICT, description: 'Another supplier already has the CN-SP ID: check the ID.' },
  [ErrorReason.DUPLICATE_DSPT_PUBLICATION]: {
    code: ErrorCode.CONFLICT,
    description: 'The same DSPT publication is already recorded: nothing to add.',
  },
  [ErrorReason.DUPLICATE_ODS_CODE]: {
    code: ErrorCode.CONFLICT,
    description: 'Another site already has the ODS code: check the code, or use that site.',
  },
  [ErrorReason.DUPLICATE_ORDER_REFERENCE]: {
    code: ErrorCode.CONFLICT,
    description: 'The supplier already has an order with that reference: check the reference.',
  },
  [ErrorReason.DUPLICATE_REFERENCE]: {
    code: ErrorCode.CONFLICT,
    description: 'A contract or service with that reference already exists for the supplier: choose another reference.',
  },
  [ErrorReason.DUPLICATE_SUPPLIER_NAME]: {
    code: ErrorCode.CONFLICT,
    description: 'Another supplier already has the name: choose another, or use that supplier.',
  },
  [ErrorReason.END_BEFORE_START]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'An end (date, time or period) is before its start: swap or correct them.',
  },
  [ErrorReason.ENTRIES_REQUIRED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'No credit ledger entries were named: name at least one.',
  },
  [ErrorReason.ESCALATE_TO_COORDINATOR]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'An escalation was raised straight at the Service Co-ordinator: raise it with the supplier first.',
  },
  [ErrorReason.ESCALATION_CLOSED]: { code: ErrorCode.CONFLICT, description: 'The escalation is closed: nothing more is recorded on it.' },
  [ErrorReason.FEED_DOCUMENT_TOO_LARGE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A feed document is larger than FEED_MAX_BYTES (POST /feeds: PAYLOAD_TOO_LARGE, 413): send it in parts.',
  },
  [ErrorReason.FEED_ITEM_TOO_LARGE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A JSON feed item is larger than FEED_MAX_ITEM_BYTES (POST /feeds: PAYLOAD_TOO_LARGE, 413): split or trim the item.',
  },
  [ErrorReason.FEED_NESTING_TOO_DEEP]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A JSON feed document nests deeper than FEED_MAX_DEPTH (POST /feeds: 422): flatten it.',
  },
  [ErrorReason.FEED_RECORD_TOO_LARGE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A CSV feed record is larger than FEED_MAX_RECORD_BYTES (POST /feeds: PAYLOAD_TOO_LARGE, 413): check the quoting.',
  },
  [ErrorReason.FEED_TOO_MANY_ROWS]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A feed document holds more than FEED_MAX_ROWS rows (POST /feeds: PAYLOAD_TOO_LARGE, 413): send it in parts.',
  },
  [ErrorReason.FINDINGS_REQUIRED]: { code: ErrorCode.BAD_USER_INPUT, description: 'A dispute names no findings: name at least one.' },
  [ErrorReason.FUTURE_DATE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A compliance date (publication, signature, grant) is in the future: give today or earlier.',
  },
  [ErrorReason.HOST_BITS_SET]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A CIDR range has bits set past its prefix: give the network address (e.g. 10.1.2.0/24).',
  },
  [ErrorReason.HOST_NOT_ALLOWED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: "A feed endpoint's host is not in FEED_PULL_ALLOWED_HOSTS: ask the operator to allow it.",
  },
  [ErrorReason.INVALID_CIDR]: { code: ErrorCode.BAD_USER_INPUT, description: 'Not a CIDR range: send one such as 10.1.2.0/24.' },
  [ErrorReason.INVALID_CNSP_ID]: { code: ErrorCode.BAD_USER_INPUT, description: 'A CN-SP ID is not 8 letters or digits: check it.' },
  [ErrorReason.INVALID_CREDENTIAL]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A feed pull credential is not printable ASCII with no surrounding spaces: send an Authorization header value.',
  },
  [ErrorReason.INVALID_CURSOR]: {
    code: ErrorCode.BAD_USER_INPUT,
    description:
      'after or before is not a cursor this list returned: use a cursor from the same list, or leave it out (null) for the first page.',
  },
  [ErrorReason.INVALID_DATE]: { code: ErrorCode.BAD_USER_INPUT, description: 'Not a calendar date: send YYYY-MM-DD.' },
  [ErrorReason.INVALID_DATE_TIME]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'Not an instant: send ISO 8601 with a time zone, e.g. 2025-01-31T09:30:00Z.',
  },
  [ErrorReason.INVALID_ESCALATION_LEVEL]: {
    code: ErrorCode.CONFLICT,
    description: 'An escalation can only move up a level: name a higher level.',
  },
  [ErrorReason.INVALID_FORMAT]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A value is not in the format the field describes (a cost centre): see the message.',
  },
  [ErrorReason.INVALID_ID]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'Not a global id of the expected type: use an id this API returned.',
  },
  [ErrorReason.INVALID_MONEY]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'Not an amount of money in pounds with at most two decimal places: send a decimal string such as "1234.50".',
  },
  [ErrorReason.INVALID_PAGINATION]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'first/after and last/before were mixed: page one way.',
  },
  [ErrorReason.INVALID_PERCENT]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'Not a percentage from 0 to 100 with up to four decimals: send e.g. "99.95".',
  },
  [ErrorReason.INVALID_PERIOD]: { code: ErrorCode.BAD_USER_INPUT, description: 'Not a month: send YYYY-MM.' },
  [ErrorReason.INVALID_POSTCODE]: { code: ErrorCode.BAD_USER_INPUT, description: 'Not a UK postcode: check it.' },
  [ErrorReason.INVALID_STATUS]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A new record cannot start in that status: see the message for the ones allowed.',
  },
  [ErrorReason.INVALID_STATUS_TRANSITION]: {
    code: ErrorCode.CONFLICT,
    description: "The record's lifecycle does not allow that move from its current status: the message lists the moves allowed.",
  },
  [ErrorReason.INVALID_TIME]: { code: ErrorCode.BAD_USER_INPUT, description: 'Not a UK clock time: send HH:MM (24:00 only as an end).' },
  [ErrorReason.INVALID_URL]: { code: ErrorCode.BAD_USER_INPUT, description: 'Not an http(s) URL of acceptable length: check it.' },
  [ErrorReason.INVALID_VALUE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description:
      'A value does not fit its GraphQL type (a number, a boolean, an enum value, a required field left out): see the message and the schema.',
  },
  [ErrorReason.INVALID_VERSION]: { code: ErrorCode.BAD_USER_INPUT, description: 'Not an agreement version such as "3" or "3.1".' },
  [ErrorReason.INVALID_WEEKDAY]: { code: ErrorCode.BAD_USER_INPUT, description: 'A weekday is not 1 (Monday) to 7 (Sunday).' },
  [ErrorReason.INVOICE_CLOSED]: {
    code: ErrorCode.CONFLICT,
    description: 'The invoice is past reconciliation (approved, paid, on hold): it is not reconciled again.',
  },
  [ErrorReason.IN_FUTURE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A date or time that records what has happened is in the future: give now or earlier.',
  },
  [ErrorReason.IP_OVERLAP]: {
    code: ErrorCode.CONFLICT,
    description: 'The range overlaps one already allocated (named in the message): release that one first, or check the range.',
  },
  [ErrorReason.KINDS_REQUIRED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A webhook subscription names no kinds: choose at least one.',
  },
  [ErrorReason.MALFORMED_HEADER]: {
    code: ErrorCode.UNAUTHENTICATED,
    description: 'The Authorization header is not "Bearer <token>" or "ApiKey <key>": fix the header.',
  },
  [ErrorReason.MALFORMED_VALUE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A value could not be validated at all (e.g. text that is not well-formed Unicode): send well-formed text.',
  },
  [ErrorReason.METRICS_TOKEN]: {
    code: ErrorCode.UNAUTHENTICATED,
    description: "GET /metrics was given the wrong METRICS_TOKEN: use the operator's token.",
  },
  [ErrorReason.MIXED_INVOICES]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A dispute names findings of more than one invoice: raise one dispute per invoice.',
  },
  [ErrorReason.MONEY_NOT_EXACT]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'Money was sent as a fractional JSON number, which may have lost pennies: send a decimal string such as "1234.50".',
  },
  [ErrorReason.MONTH_OPEN]: {
    code: ErrorCode.CONFLICT,
    description: 'The month is not closed, so its figures are provisional: wait until it closes (see the message), or read slaReport.',
  },
  [ErrorReason.NEGATIVE_AMOUNT]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'An amount is below zero where only zero or more makes sense: send a positive amount.',
  },
  [ErrorReason.NOTHING_OUTSTANDING]: { code: ErrorCode.CONFLICT, description: 'A credit has nothing outstanding to waive: leave it out.' },
  [ErrorReason.NOT_APPLICABLE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A field was given that does not apply here (see the message): leave it out.',
  },
  [ErrorReason.NOT_A_CNSP]: { code: ErrorCode.BAD_USER_INPUT, description: 'The supplier named is not a CN-SP: name a CN-SP.' },
  [ErrorReason.NOT_CONSUMER_LOGGED]: {
    code: ErrorCode.CONFLICT,
    description: "The incident came from the supplier's feed and already carries its ticket: nothing to link.",
  },
  [ErrorReason.NOT_DISPUTABLE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A finding named is not an overcharge to dispute: leave it out.',
  },
  [ErrorReason.NOT_HSCN]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: "A legacy service's replacement is itself a legacy (TN-SP) service: name the HSCN service.",
  },
  [ErrorReason.NOT_LEGACY]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'The service named is not a legacy (TN-SP) service: name the legacy one.',
  },
  [ErrorReason.NOT_NEWER_VERSION]: {
    code: ErrorCode.CONFLICT,
    description: 'An agreement version is not newer than the one held: check the version.',
  },
  [ErrorReason.NOT_PRIVATE_RANGE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A range recorded as private lies outside private address space: record it as RIPE-registered.',
  },
  [ErrorReason.NOT_RAISER]: { code: ErrorCode.CONFLICT, description: "Only the escalation's raiser can agree to closing it: ask them." },
  [ErrorReason.NOT_SEVERITY_ONE]: {
    code: ErrorCode.CONFLICT,
    description: 'Only Severity 1 incidents are notified to the Service Co-ordinator.',
  },
  [ErrorReason.NO_RENEWAL_TERM]: { code: ErrorCode.CONFLICT, description: 'The contract has no renewal term to renew by: set one first.' },
  [ErrorReason.NO_SUCH_REVISION]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'The closed month has no revision with that number: leave revision out for the latest.',
  },
  [ErrorReason.NO_WINDOWS]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A service calendar has no windows: give at least one (TWENTY_FOUR_SEVEN means always).',
  },
  [ErrorReason.NULL_NOT_ALLOWED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'null was sent for an input field that cannot be cleared: leave the field out to keep its value.',
  },
  [ErrorReason.OBLIGATION_REQUIRED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'An escalation to the Service Co-ordinator names no obligation: name the obligation not met.',
  },
  [ErrorReason.ONE_DISPUTE_AT_A_TIME]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: "evidencePack was asked for on a list of disputes: ask for one dispute's pack at a time.",
  },
  [ErrorReason.ORDER_ALREADY_COMPLETED]: { code: ErrorCode.CONFLICT, description: 'The order is already completed: nothing to do.' },
  [ErrorReason.ORDER_ALREADY_OPEN]: {
    code: ErrorCode.CONFLICT,
    description: 'The service already has an open order of that type: follow that one.',
  },
  [ErrorReason.ORDER_CHANGED]: {
    code: ErrorCode.CONFLICT,
    description: 'Someone else changed the order meanwhile: read it again, then retry.',
  },
  [ErrorReason.ORDER_CLOSED]: { code: ErrorCode.CONFLICT, description: 'The order was rejected or cancelled: place a new one.' },
  [ErrorReason.ORDER_NOT_OPEN]: {
    code: ErrorCode.CONFLICT,
    description: 'The order is not submitted yet, or no longer open: its committed date cannot be set.',
  },
  [ErrorReason.ORGANISATION_MISMATCH]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'Records of different organisations were named together: name records of one organisation.',
  },
  [ErrorReason.OTHER_CONTRACT]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'The incident is on a service of another contract: name the right contract or incident.',
  },
  [ErrorReason.OTHER_ORGANISATION]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A record named belongs to another organisation than the one acted on: name one of its own.',
  },
  [ErrorReason.OUT_OF_RANGE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A number or amount is outside the range the message gives: send one inside it.',
  },
  [ErrorReason.OWNER_REQUIRED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A review action needs exactly one owner, a contact or a user: give one of them.',
  },
  [ErrorReason.PAGE_SIZE_EXCEEDED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'first or last asks for more than the page size limit (100): ask for fewer and page on.',
  },
  [ErrorReason.PAST_DEADLINE]: { code: ErrorCode.CONFLICT, description: 'The dispute window has closed: the dispute cannot be moved on.' },
  [ErrorReason.PERIOD_TOO_LONG]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A review covers more months than allowed: shorten the period.',
  },
  [ErrorReason.PRIVATE_RANGE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A range recorded as RIPE-registered lies in private space: record it as private.',
  },
  [ErrorReason.PRIVATE_TARGET]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A webhook URL points at a loopback, private or link-local address: use a public address.',
  },
  [ErrorReason.RAISER_AGREEMENT_REQUIRED]: {
    code: ErrorCode.CONFLICT,
    description: "Closing an escalation needs its raiser's agreement: the raiser closes it or agrees first.",
  },
  [ErrorReason.REQUIRED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A field needed in this case was left out (see the message): give it.',
  },
  [ErrorReason.RESERVED_NAME]: { code: ErrorCode.BAD_USER_INPUT, description: "The name is a built-in calendar's: choose another." },
  [ErrorReason.RETENTION_PERIOD]: {
    code: ErrorCode.CONFLICT,
    description: 'The escalation is within its retention period and cannot be removed yet: the message says until when.',
  },
  [ErrorReason.ROLES_REQUIRED]: { code: ErrorCode.BAD_USER_INPUT, description: 'An API key names no roles: give at least one.' },
  [ErrorReason.ROLE_NOT_ALLOWED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A role cannot be held by an API key: choose from the roles the message lists.',
  },
  [ErrorReason.SAME_SITE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A MOVE order names the site the service is already at: name the new site.',
  },
  [ErrorReason.SECOND_APPROVER_REQUIRED]: {
    code: ErrorCode.FORBIDDEN,
    description: "Above the organisation's threshold, a second, different finance approver must approve: ask a colleague.",
  },
  [ErrorReason.SEGREGATION_OF_DUTIES]: {
    code: ErrorCode.FORBIDDEN,
    description: 'You reconciled the invoice or moved a dispute on it, so a different finance approver must approve it: ask a colleague.',
  },
  [ErrorReason.SERVICE_ALREADY_CEASED]: {
    code: ErrorCode.CONFLICT,
    description: 'The service has already ceased: nothing more is ordered on it.',
  },
  [ErrorReason.SERVICE_CEASED]: {
    code: ErrorCode.CONFLICT,
    description: 'The service is CEASED: its charges and bandwidth are history and are not changed.',
  },
  [ErrorReason.SERVICE_NOT_ACTIVE]: {
    code: ErrorCode.CONFLICT,
    description: 'Only an ACTIVE service is moved or changed: wait until it is installed.',
  },
  [ErrorReason.SERVICE_NOT_ORDERED]: {
    code: ErrorCode.CONFLICT,
    description: 'A new-service order completes only an ORDERED service: name another service, or none to create one.',
  },
  [ErrorReason.SEVERITY_REQUIRED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'An incident term needs a severity from 1 to 5: give it.',
  },
  [ErrorReason.SITE_ORGANISATION_MISMATCH]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'The site belongs to another organisation than the contract or service: name one of its own sites.',
  },
  [ErrorReason.SPECIAL_PURPOSE_RANGE]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A range lies in special-purpose space that no registry allocates: check the range.',
  },
  [ErrorReason.STALE_RECONCILIATION]: {
    code: ErrorCode.CONFLICT,
    description: "A later document changed the invoice's reconciliation: reconcile it again, then approve.",
  },
  [ErrorReason.SUBSCRIPTION_DISABLED]: { code: ErrorCode.CONFLICT, description: 'The webhook subscription is disabled: enable it first.' },
  [ErrorReason.SUPPLIER_MISMATCH]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'The contract or incident is with another supplier than the one named: name the right one.',
  },
  [ErrorReason.SUPPLIER_REQUIRED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A supplier is needed and was not named (a SUPPLIER_FEED key, ?supplier= on POST /feeds): name it.',
  },
  [ErrorReason.SUPPLIER_TICKET_ALREADY_LINKED]: {
    code: ErrorCode.CONFLICT,
    description: "The incident or the supplier's ticket is already linked to another: nothing to link.",
  },
  [ErrorReason.SUPPLIER_TICKET_HELD]: {
    code: ErrorCode.CONFLICT,
    description: "The supplier's ticket is already held as an incident: open that one instead.",
  },
  [ErrorReason.SUPPLIER_TICKET_OTHER_SERVICE]: {
    code: ErrorCode.CONFLICT,
    description: "The supplier's ticket is about another service: check the ticket number.",
  },
  [ErrorReason.TARGET_REQUIRED]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'An SLA term needs its target (minutes or a percentage): give it.',
  },
  [ErrorReason.TOKEN_CLAIMS]: {
    code: ErrorCode.UNAUTHENTICATED,
    description:
      "The token is valid but lacks a claim this server needs (the organisation, a SUPPLIER_FEED's supplier): ask for a token that has it.",
  },
  [ErrorReason.TOKEN_EXPIRED]: { code: ErrorCode.UNAUTHENTICATED, description: 'The bearer token has expired: get a new one and retry.' },
  [ErrorReason.TOKEN_INVALID]: {
    code: ErrorCode.UNAUTHENTICATED,
    description:
      "The bearer token's signature, issuer, audience, algorithm or times are not accepted: get a token from the configured provider.",
  },
  [ErrorReason.TOO_LONG]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A text is longer than allowed (the message gives the limit): shorten it.',
  },
  [ErrorReason.TOO_MANY_POINTS]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A series would have too many points: choose a coarser granularity or a shorter range.',
  },
  [ErrorReason.TOO_MANY_SUBSCRIPTIONS]: {
    code: ErrorCode.CONFLICT,
    description: 'The organisation has as many webhook subscriptions as allowed: delete one first.',
  },
  [ErrorReason.UNDISPUTED_FINDINGS]: {
    code: ErrorCode.CONFLICT,
    description: 'The invoice has overcharge findings no dispute covers: dispute them, or approve with acceptUndisputedFindings: true.',
  },
  [ErrorReason.UNKNOWN_CALENDAR]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'The organisation has no service calendar of that name: define it first.',
  },
  [ErrorReason.UNKNOWN_FEED_FORMAT]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'POST /feeds could not tell the format: send Content-Type text/csv or application/json, or ?format=csv|tmf.',
  },
  [ErrorReason.UNKNOWN_FEED_KIND]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'POST /feeds/{kind} names no feed kind: use performance, incidents, invoices or inventory.',
  },
  [ErrorReason.UNKNOWN_KIND]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'A notification kind is not one this server sends: choose from the kinds the message lists.',
  },
  [ErrorReason.UNKNOWN_ORGANISATION]: {
    code: ErrorCode.UNAUTHENTICATED,
    description: 'The token names an organisation this server does not hold: check the organisation claim.',
  },
  [ErrorReason.UNREACHABLE_CONTACT]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'The contact has no email or phone to send updates to: add one, or name another contact.',
  },
  [ErrorReason.USE_COMPLETE_ORDER]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'An order is completed with completeOrder, not moveOrder: call completeOrder.',
  },
  [ErrorReason.VERIFIER_UNAVAILABLE]: {
    code: ErrorCode.UNAUTHENTICATED,
    description:
      "The identity provider's keys could not be fetched, so the token could not be checked: retry shortly (not counted against the client).",
  },
  [ErrorReason.WEBHOOKS_NOT_CONFIGURED]: {
    code: ErrorCode.SERVICE_UNAVAILABLE,
    description: 'This server cannot send webhooks (WEBHOOK_SECRET_KEY is unset): ask its operator.',
  },
  [ErrorReason.WINDOW_TOO_LONG]: {
    code: ErrorCode.BAD_USER_INPUT,
    description: 'An exclusion window is longer than 31 days: record it in parts.',
  },
} as const satisfies Record<ErrorReason, ErrorReasonInfo>;

/**
 * The reasons that come with `code`. The error helpers take only these, so a reason is never
 * sent with another code than the one ERROR_REASONS (and the docs) give it.
 */
export type ReasonOf<C extends ErrorCode> = ReasonsByCode[C];

type ReasonsByCode = { [C in ErrorCode]: { [R in ErrorReason]: (typeof ERROR_REASONS)[R]['code'] extends C ? R : never }[ErrorReason] };
