import { createHmac, randomBytes } from 'node:crypto';
import { loadConfig } from '../../config/config';
import {
  decryptSecret,
  encryptSecret,
  keyIdOf,
  newSigningSecret,
  retryDelayMs,
  signatureOf,
  verifySignature,
  WebhookKeyError,
} from '../webhook-signing';
import { checkWebhookUrl, isPrivateAddress } from '../webhook-target';

const KEY = 'a-server-key-that-is-long-enough-for-the-test';

describe('webhook signing secrets', () => {
  it('are encrypted so that they can be read back with the server key, and only with it', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const stored = encryptSecret(secret, KEY);
    expect(stored).not.toContain(secret.slice(6));
    expect(encryptSecret(secret, KEY)).not.toBe(stored);
    expect(decryptSecret(stored, KEY, keyIdOf(KEY))).toBe(secret);
    expect(() => decryptSecret(stored, `${KEY}-changed`, keyIdOf(KEY))).toThrow(WebhookKeyError);
    expect(() => decryptSecret(stored, `${KEY}-changed`, keyIdOf(`${KEY}-changed`))).toThrow(/could not be decrypted/);
  });

  it('sign "<timestamp>.<body>" with HMAC-SHA-256, as a receiver recomputes it', () => {
    const body = '{"event":"notification.FEED_LATE"}';
    const expected = `sha256=${createHmac('sha256', 'whsec_test').update(`1767225600.${body}`).digest('hex')}`;
    expect(signatureOf('whsec_test', 1767225600, body)).toBe(expected);
    const now = 1767225600 * 1000;
    expect(verifySignature('whsec_test', expected, '1767225600', body, now)).toBe(true);
    expect(verifySignature('whsec_other', expected, '1767225600', body, now)).toBe(false);
    expect(verifySignature('whsec_test', expected, '1767225600', `${body} `, now)).toBe(false);
    expect(verifySignature('whsec_test', expected, '1767225600', body, now + 301_000)).toBe(false);
  });

  it('back off exponentially between attempts', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, 30_000) / 1000)).toEqual([30, 60, 120, 240, 480]);
  });
});

describe('webhook targets', () => {
  const production = loadConfig({
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    JWT_ISSUER: 'https://login.example.nhs.uk/',
    JWT_AUDIENCE: 'api://hscn-supplier-api',
    WEBHOOK_SECRET_KEY: KEY,
    DATA_DIR: '/tmp',
  });
  const development = loadConfig({ NODE_ENV: 'test', JWT_SECRET: KEY, WEBHOOK_SECRET_KEY: KEY, DATA_DIR: '/tmp' });

  it('knows the private, loopback and link-local ranges', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ])
      expect([address, isPrivateAddress(address)]).toEqual([address, true]);
    for (const address of ['8.8.8.8', '51.140.1.1', '2a00:1450::1']) expect([address, isPrivateAddress(address)]).toEqual([address, false]);
  });

  it('accepts http(s) only, refuses credentials, and in production private addresses and plain http', () => {
    expect(checkWebhookUrl(' http://127.0.0.1:8080/hook ', development, 'input.url')).toBe('http://127.0.0.1:8080/hook');
    const refused = (url: string, config = development) => {
      try {
        checkWebhookUrl(url, config, 'input.url');
        return null;
      } catch (error) {
        return (error as { details: { reason?: string } }).details.reason;
      }
    };
    expect(refused('ftp://example.org/hook')).toBe('INVALID_URL');
    expect(refused('not a url')).toBe('INVALID_URL');
    expect(refused('https://user:pw@example.org/hook')).toBe('INVALID_URL');
    expect(refused('https://reports.example.org/hook', production)).toBeNull();
    expect(refused('http://reports.example.org/hook', production)).toBe('INVALID_URL');
    expect(refused('https://169.254.169.254/latest', production)).toBe('PRIVATE_TARGET');
    expect(refused('https://localhost/hook', production)).toBe('PRIVATE_TARGET');
    expect(refused('https://[::1]/hook', production)).toBe('PRIVATE_TARGET');
  });
});
