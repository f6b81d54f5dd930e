import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Role } from '../../src/auth/roles';
import { WebhookDelivery, WebhookSubscription } from '../../src/notifications/webhook.entity';
import { parseGlobalId } from '../../src/common/global-id';
import { errorCode, startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP receiver on loopback: records every request; a path answers as told —
 * `/ok` 200, `/flaky` 500 to a delivery's first two attempts then 200, `/gone` 410,
 * `/slow` never within the test server's 1 s timeout.
 */
async function startReceiver() {
  const received: Received[] = [];
  const tries = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body });
      const delivery = String(req.headers['x-hscn-delivery']);
      const attempt = (tries.get(delivery) ?? 0) + 1;
      tries.set(delivery, attempt);
      if (path.startsWith('/slow')) return void setTimeout(() => res.end('late'), 3_000).unref();
      res.statusCode = path.startsWith('/gone') ? 410 : path.startsWith('/flaky') && attempt <= 2 ? 500 : 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

const CREATE = `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) {
  secret subscription { id url kinds enabled signingKeyHint consecutiveFailures organisation { odsCode } } } }`;
const DELIVERIES =
  `query($id: ID!) { webhookDeliveries(subscriptionId: $id, first: 100) { totalCount edges { node { id kind status attemptCount nextAttemptAt ` +
  `lastStatusCode lastError deliveredAt payload
  attempts { attempt succeeded statusCode error } } } } }`;
const reason = (response: GraphqlResponse) => [
  errorCode(response),
  response.errors?.[0]?.extensions?.reason ?? response.errors?.[0]?.extensions?.field,
];
const SECOND = 1000;

/**
 * Webhooks for reporting integrations, delivered to a real receiver: signed, retried with
 * backoff, recorded once. The dispatcher is driven sweep by sweep with an explicit clock,
 * never by waiting on its timer.
 */
describe('webhooks', () => {
  let server: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let admin: string;
  const log = pino({ level: 'silent' });
  const t0 = new Date();
  const sweep = (after: number) =>
    server.app.services.webhookDispatcher.runOnce(server.db.dataSource.manager, server.db.config, log, new Date(t0.getTime() + after));

  beforeAll(async () => {
    server = await startTestServer({
      env: { WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_RETRY_BASE_SECONDS: '30', WEBHOOK_DISABLE_AFTER_FAILURES: '2' },
    });
    receiver = await startReceiver();
    admin = await server.token('RX1', Role.ADMIN);
  });

  afterAll(async () => {
    await receiver.stop();
    await server.stop();
  });

  const create = async (input: Record<string, unknown>, token = admin) => {
    const response = await server.gql(CREATE, { input }, token);
    expect(response.errors).toBeUndefined();
    return response.data.createWebhookSubscription as {
      secret: string;
      subscription: { id: string; kinds: string[]; enabled: boolean; signingKeyHint: string };
    };
  };
  const deliveries = async (id: string) =>
    (await server.gql(DELIVERIES, { id }, admin)).data.webhookDeliveries.edges.map((e: { node: unknown }) => e.node);
  const disable = (id: string) =>
    server.gql('mutation($id: ID!) { updateWebhookSubscription(input: { id: $id, enabled: false }) { enabled } }', { id }, admin);

  it('delivers each notification once, signed with the secret shown at creation', async () => {
    const created = await create({ url: `${receiver.url}/ok`, kinds: ['DSPT_EXPIRING', 'CONTRACT_NOTICE_DUE'], description: 'Power BI' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.subscription).toMatchObject({
      kinds: ['CONTRACT_NOTICE_DUE', 'DSPT_EXPIRING'],
      enabled: true,
      signingKeyHint: `${created.secret.slice(0, 10)}…`,
    });

    const result = await sweep(0);
    expect(result.recorded).toBeGreaterThanOrEqual(2);
    const got = receiver.at('/ok');
    expect(got).toHaveLength(result.recorded);
    for (const request of got) {
      const {
        'x-hscn-timestamp': timestamp,
        'x-hscn-signature': signature,
        'x-hscn-event': event,
        'x-hscn-delivery': delivery,
      } = request.headers;
      const expected = `sha256=${createHmac('sha256', created.secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
      expect(signature).toBe(expected);
      expect(Math.abs(Number(timestamp) - Date.now() / SECOND)).toBeLessThan(60);
      const body = JSON.parse(request.body);
      expect(event).toBe(`notification.${body.notification.kind}`);
      expect(parseGlobalId(String(delivery))?.typename).toBe('WebhookDelivery');
      expect(body).toMatchObject({ event, subscriptionId: created.subscription.id, organisation: { odsCode: 'RX1' } });
      expect(body.notification.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    }
    const kinds = got.map((request) => JSON.parse(request.body).notification.kind);
    expect(kinds).toContain('DSPT_EXPIRING');
    expect(kinds).toContain('CONTRACT_NOTICE_DUE');
    const notice = got.map((request) => JSON.parse(request.body).notification).find((n) => n.message.includes('RX1-HSCN-2023-01'));
    expect(notice.message).toMatch(/the last day to give notice is/);

    const log = await deliveries(created.subscription.id);
    expect(
      log.every(
        (d: { status: unknown; attemptCount: unknown; lastStatusCode: unknown }) =>
          d.status === 'DELIVERED' && d.attemptCount === 1 && d.lastStatusCode === 200,
      ),
    ).toBe(true);
    expect(log.map((d: { id: unknown }) => d.id).sort()).toEqual(got.map((request) => request.headers['x-hscn-delivery']).sort());

    // the next sweeps find nothing new
    expect(await sweep(60 * SECOND)).toMatchObject({ recorded: 0, attempted: 0 });
    expect(await sweep(3_600 * SECOND)).toMatchObject({ recorded: 0, attempted: 0 });
    expect(receiver.at('/ok')).toHaveLength(got.length);
    await disable(created.subscription.id);
  });

  it('keeps the secret out of the audit trail and out of every answer after creation', async () => {
    const created = await create({ url: `${receiver.url}/quiet`, kinds: ['FEED_LATE'] });
    await disable(created.subscription.id);
    const trail = await server.gql(
      'query($id: ID!) { auditTrail(filter: { recordId: $id }) { edges { node { action after } } } }',
      { id: created.subscription.id },
      admin,
    );
    expect(trail.errors).toBeUndefined();
    expect(trail.data.auditTrail.edges.length).toBeGreaterThan(0);
    const text = JSON.stringify(trail.data);
    expect(text).not.toContain(created.secret.slice(10));
    expect(text).not.toMatch(/secretCiphertext|secretKeyId/);
    const row = await server.db.dataSource
      .getRepository(WebhookSubscription)
      .findOneByOrFail({ id: parseGlobalId(created.subscription.id)!.id });
    expect(row.secretCiphertext).not.toContain(created.secret.slice(6));
    const listed = await server.gql('{ webhookSubscriptions { edges { node { id signingKeyHint } } } }', {}, admin);
    expect(JSON.stringify(listed.data)).not.toContain(created.secret.slice(10));
  });

  it('retries a failing receiver with exponential backoff and delivers on the third attempt, once', async () => {
    const created = await create({ url: `${receiver.url}/flaky`, kinds: ['DSPT_EXPIRING'] });
    const base = 10_000 * SECOND;
    expect(await sweep(base)).toMatchObject({ recorded: 1, attempted: 1, delivered: 0 });
    let [delivery] = await deliveries(created.subscription.id);
    expect(delivery).toMatchObject({
      status: 'PENDING',
      attemptCount: 1,
      lastStatusCode: 500,
      lastError: 'the receiver answered HTTP 500',
    });
    expect(new Date(delivery.nextAttemptAt).getTime()).toBe(t0.getTime() + base + 30 * SECOND);

    expect(await sweep(base + 29 * SECOND)).toMatchObject({ attempted: 0 });
    expect(await sweep(base + 30 * SECOND)).toMatchObject({ attempted: 1, delivered: 0 });
    [delivery] = await deliveries(created.subscription.id);
    expect(new Date(delivery.nextAttemptAt).getTime()).toBe(t0.getTime() + base + 90 * SECOND);
    expect(await sweep(base + 90 * SECOND)).toMatchObject({ attempted: 1, delivered: 1 });

    [delivery] = await deliveries(created.subscription.id);
    expect(delivery).toMatchObject({ status: 'DELIVERED', attemptCount: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(delivery.attempts).toEqual([
      { attempt: 1, succeeded: false, statusCode: 500, error: 'the receiver answered HTTP 500' },
      { attempt: 2, succeeded: false, statusCode: 500, error: 'the receiver answered HTTP 500' },
      { attempt: 3, succeeded: true, statusCode: 200, error: null },
    ]);
    const sent = receiver.at('/flaky');
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.headers['x-hscn-delivery']))).toEqual(new Set([delivery.id]));
    expect(new Set(sent.map((r) => r.body)).size).toBe(1);

    expect(await sweep(base + 10_000 * SECOND)).toMatchObject({ recorded: 0, attempted: 0 });
    expect(receiver.at('/flaky')).toHaveLength(3);
    await disable(created.subscription.id);
  });

  it('records a delivery once even when two dispatchers sweep at the same moment', async () => {
    const created = await create({ url: `${receiver.url}/twice`, kinds: ['CONTRACT_NOTICE_DUE'] });
    const [a, b] = await Promise.all([sweep(20_000 * SECOND), sweep(20_000 * SECOND)]);
    const log = await deliveries(created.subscription.id);
    expect(log.length).toBeGreaterThan(0);
    expect(receiver.at('/twice')).toHaveLength(log.length);
    expect(a.delivered + b.delivered).toBe(log.length);
    await disable(created.subscription.id);
  });

  it('gives up after the last attempt, disables a subscription that keeps failing, and redelivers on request', async () => {
    const created = await create({ url: `${receiver.url}/slow`, kinds: ['FEED_LATE'] });
    const base = 30_000 * SECOND;
    for (const after of [0, 30, 90]) await sweep(base + after * SECOND);
    const log = await deliveries(created.subscription.id);
    expect(log.length).toBeGreaterThanOrEqual(2);
    for (const delivery of log) {
      expect(delivery).toMatchObject({
        status: 'FAILED',
        attemptCount: 3,
        lastStatusCode: null,
        lastError: 'no answer within 1000 ms',
        nextAttemptAt: null,
      });
    }
    const subscription = await server.gql(
      '{ webhookSubscriptions(filter: { enabled: false }) { edges { node { id enabled disabledReason consecutiveFailures } } } }',
      {},
      admin,
    );
    const disabled = subscription.data.webhookSubscriptions.edges
      .map((e: { node: unknown }) => e.node)
      .find((s: { id: unknown }) => s.id === created.subscription.id);
    expect(disabled).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/^Disabled automatically: \d+ deliveries in a row failed every attempt$/),
    });

    // nothing more is sent while disabled, and a redelivery is refused until it is enabled again
    const sentBefore = receiver.received.length;
    expect(await sweep(base + 100_000 * SECOND)).toMatchObject({ recorded: 0, attempted: 0 });
    expect(
      reason(await server.gql('mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { status } }', { id: log[0].id }, admin)),
    ).toEqual(['CONFLICT', 'SUBSCRIPTION_DISABLED']);
    const fixed = await server.gql(
      'mutation($id: ID!, $url: String!) { updateWebhookSubscription(input: { id: $id, url: $url, enabled: true }) { enabled ' +
        'consecutiveFailures disabledReason } }',
      { id: created.subscription.id, url: `${receiver.url}/ok-again` },
      admin,
    );
    expect(fixed.data.updateWebhookSubscription).toEqual({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    const redelivered = await server.gql(
      'mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { status attemptCount lastStatusCode attempts { attempt succeeded } } }',
      { id: log[0].id },
      admin,
    );
    expect(redelivered.errors).toBeUndefined();
    expect(redelivered.data.redeliverWebhook).toMatchObject({ status: 'DELIVERED', attemptCount: 4, lastStatusCode: 200 });
    expect(receiver.received.length).toBe(sentBefore + 1);
    expect(receiver.at('/ok-again')[0].headers['x-hscn-delivery']).toBe(log[0].id);
    await disable(created.subscription.id);
  });

  it('signs with the new secret after a rotation, and the old one no longer verifies', async () => {
    const created = await create({ url: `${receiver.url}/rotated`, kinds: ['DSPT_EXPIRING'] });
    await sweep(40_000 * SECOND);
    const [delivery] = await deliveries(created.subscription.id);
    const rotated = await server.gql(
      'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret subscription { signingKeyHint } } }',
      { id: created.subscription.id },
      admin,
    );
    const secret = rotated.data.rotateWebhookSecret.secret as string;
    expect(secret).not.toBe(created.secret);
    expect(rotated.data.rotateWebhookSecret.subscription.signingKeyHint).toBe(`${secret.slice(0, 10)}…`);
    await server.gql('mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { status } }', { id: delivery.id }, admin);
    const [first, again] = receiver.at('/rotated');
    expect(again.body).toBe(first.body);
    const sign = (key: string, r: Received) =>
      `sha256=${createHmac('sha256', key).update(`${r.headers['x-hscn-timestamp']}.${r.body}`).digest('hex')}`;
    expect(again.headers['x-hscn-signature']).toBe(sign(secret, again));
    expect(again.headers['x-hscn-signature']).not.toBe(sign(created.secret, again));
    await disable(created.subscription.id);
  });

  it('sends only what arises later when asked not to deliver what already stands', async () => {
    const created = await create({ url: `${receiver.url}/fresh`, kinds: ['CONTRACT_NOTICE_DUE', 'DSPT_EXPIRING'], deliverExisting: false });
    const log = await deliveries(created.subscription.id);
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((d: { status: unknown; attemptCount: unknown }) => d.status === 'SKIPPED' && d.attemptCount === 0)).toBe(true);
    await sweep(50_000 * SECOND);
    expect(receiver.at('/fresh')).toEqual([]);
    await disable(created.subscription.id);
  });

  it("delivers a CSU's subscription its trusts' notifications", async () => {
    const csu = await server.token('0CX', Role.ADMIN);
    const created = await create({ url: `${receiver.url}/csu`, kinds: ['DSPT_EXPIRING', 'CONTACT_STALE'] }, csu);
    await sweep(60_000 * SECOND);
    const owners = new Set(receiver.at('/csu').map((r) => JSON.parse(r.body).organisation.odsCode));
    expect(owners.has('RX1') || owners.has('RX2')).toBe(true);
    expect([...owners].every((ods) => ['0CX', 'RX1', 'RX2'].includes(ods))).toBe(true);
    await disable(created.subscription.id);
  });

  it('refuses bad input with clear errors and changes nothing', async () => {
    const count = async () => (await server.gql('{ webhookSubscriptions { totalCount } }', {}, admin)).data.webhookSubscriptions.totalCount;
    const before = await count();
    const attempt = (input: Record<string, unknown>, token = admin) =>
      server.gql(CREATE, { input: { url: `${receiver.url}/x`, kinds: ['FEED_LATE'], ...input } }, token);
    const ftp = await attempt({ url: 'ftp://reports.example.org/hook' });
    expect(ftp.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url', reason: 'INVALID_URL' });
    expect(ftp.errors?.[0]?.message).toBe('input.url: must be an http or https URL, not ftp');
    expect(reason(await attempt({ url: 'https://user:pw@reports.example.org/hook' }))).toEqual(['BAD_USER_INPUT', 'INVALID_URL']);
    expect(reason(await attempt({ kinds: [] }))).toEqual(['BAD_USER_INPUT', 'KINDS_REQUIRED']);
    expect(errorCode(await attempt({ kinds: ['NO_SUCH_KIND'] }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await attempt({}, await server.token('RX1', Role.CONTRACT_MANAGER)))).toBe('FORBIDDEN');
    const outsider = await server.token('Y0A01', Role.ADMIN);
    const rx1 = (await server.gql('{ me { organisation { id } } }', {}, admin)).data.me.organisation.id;
    expect(errorCode(await attempt({ organisationId: rx1 }, outsider))).toBe('NOT_FOUND');
    expect(await count()).toBe(before);

    // another tenant's subscription and deliveries are NOT_FOUND, as if they did not exist
    const theirs = (await server.gql('{ webhookSubscriptions(first: 1) { edges { node { id } } } }', {}, admin)).data.webhookSubscriptions
      .edges[0].node.id;
    const delivery = await server.db.dataSource
      .getRepository(WebhookDelivery)
      .findOneByOrFail({ subscriptionId: parseGlobalId(theirs)!.id });
    for (const [query, variables] of [
      ['mutation($id: ID!) { updateWebhookSubscription(input: { id: $id, url: "http://127.0.0.1:9/x" }) { id } }', { id: theirs }],
      ['mutation($id: ID!) { deleteWebhookSubscription(id: $id) }', { id: theirs }],
      ['mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }', { id: theirs }],
      ['query($id: ID!) { webhookDeliveries(subscriptionId: $id) { totalCount } }', { id: theirs }],
      ['mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }', { id: delivery.globalId }],
      ['query($id: ID!) { node(id: $id) { id } }', { id: theirs }],
    ] as const) {
      expect([query, errorCode(await server.gql(query, variables, outsider))]).toEqual([query, 'NOT_FOUND']);
    }
    const still = await server.gql('query($id: ID!) { node(id: $id) { ... on WebhookSubscription { url } } }', { id: theirs }, admin);
    expect(still.data.node.url).toBe(`${receiver.url}/ok`);
  });

  it('deletes a subscription with its delivery log', async () => {
    const created = await create({ url: `${receiver.url}/deleted`, kinds: ['DSPT_EXPIRING'] });
    await sweep(70_000 * SECOND);
    const id = parseGlobalId(created.subscription.id)!.id;
    expect(await server.db.dataSource.getRepository(WebhookDelivery).countBy({ subscriptionId: id })).toBeGreaterThan(0);
    const deleted = await server.gql('mutation($id: ID!) { deleteWebhookSubscription(id: $id) }', { id: created.subscription.id }, admin);
    expect(deleted.data.deleteWebhookSubscription).toBe(created.subscription.id);
    expect(await server.db.dataSource.getRepository(WebhookDelivery).countBy({ subscriptionId: id })).toBe(0);
    expect(
      errorCode(
        await server.gql(
          'query($id: ID!) { webhookDeliveries(subscriptionId: $id) { totalCount } }',
          { id: created.subscription.id },
          admin,
        ),
      ),
    ).toBe('NOT_FOUND');
  });
});
