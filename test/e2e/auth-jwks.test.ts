import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { TEST_JWT_SECRET } from '../support/database';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

/**
 * Production verification: RS256/ES256 tokens from an OIDC provider, checked against its
 * JWKS over HTTP, with issuer and audience enforced. The provider is simulated on loopback.
 */
describe('JWKS verification (production mode)', () => {
  let provider: Server;
  let server: TestServer;
  let signingKey: CryptoKey;
  let ecKey: CryptoKey;
  const ISSUER = 'https://login.example.nhs.uk/tenant';
  const AUDIENCE = 'api://hscn-supplier-api';

  beforeAll(async () => {
    const rsa = await generateKeyPair('RS256');
    const ec = await generateKeyPair('ES256');
    signingKey = rsa.privateKey;
    ecKey = ec.privateKey;
    const keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    provider = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const port = (provider.address() as { port: number }).port;
    server = await startTestServer({
      env: { JWT_JWKS_URL: `http://127.0.0.1:${port}/keys`, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE },
    });
  });

  afterAll(async () => {
    await server.stop();
    await new Promise((resolve) => provider.close(resolve));
  });

  const token = (
    claims: Record<string, unknown> = {},
    options: { key?: CryptoKey; alg?: string; kid?: string; iss?: string; aud?: string } = {},
  ) =>
    new SignJWT({ org: 'RX1', roles: ['VIEWER'], ...claims })
      .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'rsa-1' })
      .setSubject('alice@nhs.example')
      .setIssuer(options.iss ?? ISSUER)
      .setAudience(options.aud ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(options.key ?? signingKey);

  it('accepts RS256 and ES256 tokens from the provider', async () => {
    for (const signed of [await token(), await token({}, { key: ecKey, alg: 'ES256', kid: 'ec-1' })]) {
      const response = await server.gql('{ me { subject organisation { odsCode } } }', {}, signed);
      expect(response.data.me).toEqual({ subject: 'alice@nhs.example', organisation: { odsCode: 'RX1' } });
    }
  });

  it.each([
    ['another issuer', () => token({}, { iss: 'https://evil.example/' })],
    ['another audience', () => token({}, { aud: 'api://something-else' })],
    ['a key the provider does not publish', async () => token({}, { key: (await generateKeyPair('RS256')).privateKey })],
    [
      'an HS256 token signed with the development secret',
      () =>
        new SignJWT({ org: 'RX1', roles: ['ADMIN'] })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(TEST_JWT_SECRET)),
    ],
  ])('refuses a token from %s', async (_name, make) => {
    const response = await server.gql('{ me { subject } }', {}, await make());
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
  });
});
