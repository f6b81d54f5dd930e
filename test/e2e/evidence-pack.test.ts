import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { Role } from '../../src/auth/roles';
import { canonicalJson } from '../../src/common/canonical-json';
import { sha256 } from '../../src/common/hashing';
import { billingLoop, type BillingLoop } from '../support/billing-loop';
import { errorCode, type ErrorBody } from '../support/test-server';

/**
 * A dispute's evidence pack, as an auditor gets it (issue 17): raised on last month's missing
 * SLA credits, fetched over GraphQL and as files over HTTP, and checked by the plain-Node
 * script against nothing but itself.
 */
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'verify-evidence-pack.js');
const PACK = 'query($id: ID!) { dispute(id: $id) { evidencePack { json csv sha256 } } }';

/** Runs the verify script on a file; answers its exit code and output. */
async function verify(file: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, file]);
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe("a dispute's evidence pack", () => {
  let loop: BillingLoop;
  let disputeId: string;
  let dir: string;
  const download = (format: 'json' | 'csv', token: string | null, id = disputeId) =>
    fetch(`${loop.server.url}/disputes/${id}/evidence.${format}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    loop = await billingLoop();
    dir = await mkdtemp(join(tmpdir(), 'evidence-pack-'));
    await loop.send(loop.rental('PDN-R1', loop.thisMonth, loop.today));
    const r1 = await loop.invoiceId('PDN-R1');
    await loop.reconcile(r1);
    const missing = (await loop.findings(r1)).reconciliation.findings.find((f: { type: unknown }) => f.type === 'MISSING_SERVICE_CREDIT');
    disputeId = (await loop.raise([missing.id])).data.raiseDispute.id;
    expect((await loop.move(disputeId, 'SUBMITTED')).errors).toBeUndefined();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await loop.server.stop();
  });

  async function packOverGraphql() {
    const answer = await loop.server.gql(PACK, { id: disputeId }, loop.manager);
    expect(answer.errors).toBeUndefined();
    return answer.data.dispute.evidencePack as { json: string; csv: string; sha256: string };
  }

  it('holds the dispute, its missing-credit finding, the ledger entries claimed, the frozen month and the incidents behind them', async () => {
    const pack = await packOverGraphql();
    const document = JSON.parse(pack.json);
    expect(document.packSha256).toBe(pack.sha256);
    expect(document.dispute).toMatchObject({ id: disputeId, state: 'SUBMITTED', evidence: 'SLA report' });
    expect(
      document.dispute.history.map((h: { fromState: unknown; toState: unknown; changedBy: unknown; automatic: unknown }) => [
        h.fromState,
        h.toState,
        h.changedBy,
        h.automatic,
      ]),
    ).toEqual([
      [null, 'DRAFT', 'test.contract_manager@rx1', false],
      ['DRAFT', 'SUBMITTED', 'test.contract_manager@rx1', false],
    ]);
    expect(document.invoice).toMatchObject({ invoiceNumber: 'PDN-R1', feedRun: expect.any(String) });
    expect(document.findings).toEqual([
      expect.objectContaining({
        type: 'MISSING_SERVICE_CREDIT',
        period: loop.lastMonth,
        contractReference: 'RX1-HSCN-2023-01',
        difference: document.dispute.disputedAmount,
      }),
    ]);

    // the credits are the ledger's entries for the month, with their figures as the ledger has them
    const { entries } = await loop.ledger(loop.lastMonth, loop.lastMonth);
    expect(
      document.credits.map((c: { id: unknown; key: unknown; owed: unknown; outstanding: unknown; claimedDispute: unknown }) => [
        c.id,
        c.key,
        c.owed,
        c.outstanding,
        c.claimedDispute,
      ]),
    ).toEqual(
      entries.map((e: { id: unknown; entryKey: unknown; owed: unknown; outstanding: unknown }) => [
        e.id,
        e.entryKey,
        e.owed,
        e.outstanding,
        disputeId,
      ]),
    );

    // the frozen month is the one the API serves, whole, with the same hash
    const snapshot = (
      await loop.server.gql(
        'query($c: ID!, $p: String!) { slaMonthSnapshot(contractId: $c, period: $p) { id revision sha256 content } }',
        { c: loop.contractId, p: loop.lastMonth },
        loop.manager,
      )
    ).data.slaMonthSnapshot;
    expect(document.snapshots).toEqual([
      expect.objectContaining({ id: snapshot.id, revision: snapshot.revision, sha256: snapshot.sha256, content: snapshot.content }),
    ]);
    expect(
      document.credits.every(
        (c: { snapshot: { sha256: unknown; revision: unknown } }) =>
          c.snapshot.sha256 === snapshot.sha256 && c.snapshot.revision === snapshot.revision,
      ),
    ).toBe(true);

    // the late Severity 1 behind the resolution credit, as stored, with its status history
    const resolution = document.credits.filter((c: { termKind: unknown }) => c.termKind === 'INCIDENT_RESOLUTION');
    expect(resolution.length).toBeGreaterThan(0);
    expect(document.incidents.map((i: { id: unknown }) => i.id).sort()).toEqual(
      [...new Set(resolution.map((c: { incident: unknown }) => c.incident))].sort(),
    );
    expect(document.incidents[0]).toMatchObject({
      severity: 1,
      openedAt: expect.stringMatching(/Z$/),
      resolvedAt: expect.stringMatching(/Z$/),
    });
    expect(document.incidents[0].statusHistory.length).toBeGreaterThan(0);

    // every row's hash is of its canonical JSON without the hash, and the manifest lists them all
    for (const row of [
      document.dispute,
      document.invoice,
      ...document.findings,
      ...document.invoiceLines,
      ...document.credits,
      ...document.incidents,
    ]) {
      const { sha256: stated, ...rest } = row;
      expect(sha256(canonicalJson(rest))).toBe(stated);
    }
    expect(document.manifest.map((m: { part: unknown }) => m.part)).toEqual([
      'dispute',
      'invoice',
      'finding',
      ...document.credits.map(() => 'credit'),
      'snapshot',
      ...document.incidents.map(() => 'incident'),
    ]);
  });

  it('gives the same pack, byte for byte, when fetched again', async () => {
    const first = await packOverGraphql();
    const second = await packOverGraphql();
    expect(second.sha256).toBe(first.sha256);
    expect(second.json).toBe(first.json);
    expect(second.csv).toBe(first.csv);
  });

  it("downloads as JSON and CSV files under the API's authentication, the same pack and hashes as GraphQL", async () => {
    const pack = await packOverGraphql();
    const json = await download('json', loop.manager);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.headers.get('content-disposition')).toBe(`attachment; filename="dispute-${disputeId}-evidence.json"`);
    expect(json.headers.get('x-evidence-pack-sha256')).toBe(pack.sha256);
    expect(await json.text()).toBe(pack.json);

    const csv = await download('csv', loop.manager);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="dispute-${disputeId}-evidence.csv"`);
    const text = await csv.text();
    expect(text).toBe(pack.csv);
    const rows: Record<string, string>[] = parse(text, { columns: true });
    const manifest = JSON.parse(pack.json).manifest;
    expect(rows.slice(0, -1).map((r) => ({ part: r.part, id: r.id, sha256: r.sha256 }))).toEqual(manifest);
    for (const row of rows.slice(0, -1)) expect(sha256(row.row!)).toBe(row.sha256);
    expect(rows.at(-1)).toEqual({ part: 'manifest', id: disputeId, sha256: pack.sha256, row: canonicalJson(manifest) });
  });

  it('checks out with the verify script, from the file alone; one byte changed in a row names that row', async () => {
    const pack = await packOverGraphql();
    const file = join(dir, 'pack.json');
    await writeFile(file, pack.json);
    const good = await verify(file);
    expect(good).toEqual({ code: 0, out: expect.stringMatching(new RegExp(`^OK ${pack.sha256}`)) });

    // a credit's figure changed by one digit
    const document = JSON.parse(pack.json);
    const credit = document.credits[0];
    const at = pack.json.indexOf(canonicalJson(credit)) + canonicalJson(credit).indexOf('"owed":"') + '"owed":"'.length;
    const digit = pack.json[at]!;
    await writeFile(file, `${pack.json.slice(0, at)}${digit === '9' ? '8' : String(Number(digit) + 1)}${pack.json.slice(at + 1)}`);
    const tampered = await verify(file);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(new RegExp(`^MISMATCH credit ${credit.id}: `));

    // a byte of the frozen month's content
    const snapshot = document.snapshots[0];
    const needle = '\\"downSeconds\\":'; // inside the content string, its quotes escaped
    const inContent = pack.json.indexOf(needle) + needle.length;
    expect(inContent).toBeGreaterThan(pack.json.indexOf('"content":'));
    expect(pack.json[inContent]).toMatch(/\d/);
    const changed = pack.json[inContent] === '1' ? '2' : '1';
    await writeFile(file, `${pack.json.slice(0, inContent)}${changed}${pack.json.slice(inContent + 1)}`);
    const month = await verify(file);
    expect(month.code).toBe(1);
    expect(month.out).toMatch(new RegExp(`^MISMATCH snapshot ${snapshot.id}: `));

    // a row changed and re-hashed consistently is still caught: the manifest no longer agrees
    const rehashed = JSON.parse(pack.json);
    const { sha256: _old, ...rest } = rehashed.credits[0];
    rest.owed = '0.01';
    rehashed.credits[0] = { ...rest, sha256: sha256(canonicalJson(rest)) };
    await writeFile(file, canonicalJson(rehashed));
    const resealed = await verify(file);
    expect(resealed.code).toBe(1);
    expect(resealed.out).toMatch(/^MISMATCH (manifest|credit)/);
  });

  it('is NOT_FOUND for another organisation, over GraphQL and HTTP, and needs a credential', async () => {
    const outsider = await loop.server.token('Y0A01', Role.ADMIN, Role.CONTRACT_MANAGER);
    const answer = await loop.server.gql(PACK, { id: disputeId }, outsider);
    expect(errorCode(answer)).toBe('NOT_FOUND');
    expect(answer.data?.dispute ?? null).toBeNull();
    for (const format of ['json', 'csv'] as const) {
      const refused = await download(format, outsider);
      expect(refused.status).toBe(404);
      const body = (await refused.json()) as ErrorBody;
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(JSON.stringify(body)).not.toContain('PDN-R1');
    }
    const anonymous = await download('json', null);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as ErrorBody).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it("builds one dispute's pack at a time: asked for across a page of disputes, it is BAD_USER_INPUT", async () => {
    const page = await loop.server.gql('{ disputes(first: 50) { edges { node { id evidencePack { sha256 } } } } }', {}, loop.manager);
    expect(errorCode(page)).toBe('BAD_USER_INPUT');
    expect(page.errors![0].extensions!.reason).toBe('ONE_DISPUTE_AT_A_TIME');
    const node = await loop.server.gql(
      'query($id: ID!) { node(id: $id) { ... on Dispute { evidencePack { sha256 } } } }',
      { id: disputeId },
      loop.manager,
    );
    expect(node.errors).toBeUndefined();
    expect(node.data.node.evidencePack.sha256).toBe((await packOverGraphql()).sha256);
  });

  it("answers a malformed dispute id with BAD_USER_INPUT, and an invoice's id is not a dispute's", async () => {
    const bad = await download('json', loop.manager, 'not-an-id');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as ErrorBody;
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID' });
    const invoice = await download('csv', loop.manager, await loop.invoiceId('PDN-R1'));
    expect(invoice.status).toBe(400);
    expect(((await invoice.json()) as ErrorBody).errors[0].extensions.reason).toBe('INVALID_ID');
  });
});
