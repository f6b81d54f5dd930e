import { ERROR_REASONS, ErrorReason } from '../common/error-reasons';
import { ErrorCode, httpStatusOf } from '../common/errors';

/** Codes graphql-js, Apollo and the transport give, which no domain error carries. */
const OTHER_CODES: readonly (readonly [code: string, status: string, meaning: string])[] = [
  ['GRAPHQL_PARSE_FAILED', '400', 'The query is not GraphQL.'],
  ['GRAPHQL_VALIDATION_FAILED', '400', 'The query does not fit the schema (an unknown field, a missing argument).'],
  ['QUERY_TOO_DEEP', '400', 'The query nests deeper than GRAPHQL_MAX_DEPTH (`extensions.maxDepth`).'],
  ['QUERY_TOO_COMPLEX', '400', "The query's estimated cost is over GRAPHQL_MAX_COMPLEXITY (`extensions.complexity`, `maxComplexity`)."],
  [
    'PAYLOAD_TOO_LARGE',
    '413',
    'A request body, or a feed document on POST /feeds, is past a limit (for a feed: `reason`, `limit`, `setting`).',
  ],
  ['BAD_REQUEST', '400', 'The body is not JSON, or the request not HTTP the server can read.'],
  ['REQUEST_TIMEOUT', '408', 'The request was still arriving after REQUEST_TIMEOUT_SECONDS.'],
  [
    'INTERNAL_SERVER_ERROR',
    '500',
    'A fault of the server: no detail outside development. Retry, or report it with the `x-request-id` header.',
  ],
];

const CODE_MEANINGS: Record<ErrorCode, string> = {
  [ErrorCode.BAD_USER_INPUT]: 'The input is wrong: `extensions.field` names it (a path from the argument, e.g. `input.amount`).',
  [ErrorCode.UNAUTHENTICATED]: 'No usable credential: the reason says which check refused it.',
  [ErrorCode.FORBIDDEN]: "The caller's roles do not allow it, or someone else must act (the message says who).",
  [ErrorCode.NOT_FOUND]: "No such record that the caller can see (another organisation's records are NOT_FOUND too).",
  [ErrorCode.CONFLICT]: "The request is well-formed but the records' state refuses it: the reason says why.",
  [ErrorCode.SERVICE_UNAVAILABLE]: 'The server cannot do it now (the database is down) or is not set up for it (the reason says which).',
  [ErrorCode.TOO_MANY_REQUESTS]: 'The client is limited for a while (`Retry-After` header).',
};

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** docs/ERRORS.md: written by `npm run schema:emit` from ERROR_REASONS; a test fails when the committed file differs. */
export function renderErrorsDoc(): string {
  const codes = Object.values(ErrorCode);
  const reasons = Object.values(ErrorReason);
  const lines = [
    '# Errors',
    '',
    '<!-- Generated from src/common/error-reasons.ts by `npm run schema:emit`; do not edit by hand. -->',
    '',
    'Every error a client can act on has a stable `extensions.code`, and most a finer',
    '`extensions.reason` to switch on. Both are enums in the schema (`ErrorCode`, `ErrorReason`), and',
    'the `errorReasons` query lists every reason with its code and meaning, as below. A reason is',
    'renamed or removed only as a breaking change; new ones may be added, so keep a default branch.',
    '',
    '```json',
    '{ "errors": [{ "message": "12.5 must be sent as a decimal string such as \\"12.50\\"",',
    '    "locations": [{ "line": 1, "column": 85 }],',
    '    "extensions": { "code": "BAD_USER_INPUT", "field": "input.amount", "reason": "MONEY_NOT_EXACT" } }] }',
    '```',
    '',
    '- `message` is for people and may change; branch on `code` and `reason`.',
    '- `field` (BAD_USER_INPUT, and some CONFLICTs) is the input at fault as a path from the argument:',
    '  `input.amount`, `input.entryIds.2`, `first`. A value graphql-js refuses before any',
    '  resolver runs (a fractional Money, a date that is not one, a string for an Int) gets it too,',
    '  whether sent as a variable (`$a` used as `input: { amount: $a }` is `input.amount`) or inline.',
    '- `invalid` (BAD_USER_INPUT from input validation) lists every field at fault with its messages.',
    '- `stacktrace` appears only with GRAPHQL_STACK_TRACES=true, which production refuses.',
    '- Authentication refusals carry their reason on /graphql, POST /feeds and the evidence downloads;',
    '  POST /feeds and the downloads answer with the same JSON body and the HTTP status below.',
    '',
    '## Codes',
    '',
    "The HTTP status is the answer's where the error fails the whole request: authentication, a",
    'request GraphQL cannot run, POST /feeds and the evidence downloads. An error from a field of',
    'a query that ran comes in a 200 answer beside the rest of the data.',
    '',
    '| code | HTTP status | meaning |',
    '|---|---|---|',
    ...codes.map((code) => `| \`${code}\` | ${httpStatusOf(code)} | ${cell(CODE_MEANINGS[code])} |`),
    ...OTHER_CODES.map(([code, status, meaning]) => `| \`${code}\` | ${status} | ${cell(meaning)} |`),
    '',
    '## Reasons',
    '',
    `${reasons.length} reasons, by code.`,
  ];
  for (const code of codes) {
    const own = reasons.filter((reason) => ERROR_REASONS[reason].code === code);
    if (own.length === 0) continue;
    lines.push('', `### ${code}`, '', '| reason | when, and what to do |', '|---|---|');
    for (const reason of own) lines.push(`| \`${reason}\` | ${cell(ERROR_REASONS[reason].description)} |`);
  }
  return `${lines.join('\n')}\n`;
}
