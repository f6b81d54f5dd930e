import { fetchFailureOf, statusLineOf } from '../remote-answer';

describe("what a remote host's answer is reported as", () => {
  it('names a status with the standard phrase, or the number alone', () => {
    expect(statusLineOf(500)).toBe('HTTP 500 Internal Server Error');
    expect(statusLineOf(302)).toBe('HTTP 302 Found');
    expect(statusLineOf(599)).toBe('HTTP 599');
  });

  it("keeps a connection failure's code and drops its message, which may quote the host", () => {
    const tls = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error("Host: x. is not in the cert's altnames: DNS:\u202eevil\u0000"), {
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      }),
    });
    expect(fetchFailureOf(tls, 1000)).toBe('the connection failed (ERR_TLS_CERT_ALTNAME_INVALID)');
    expect(fetchFailureOf(Object.assign(new TypeError('fetch failed'), { cause: { code: 'not a code\u0000' } }), 1000)).toBe(
      'the connection failed',
    );
    expect(fetchFailureOf(new TypeError('fetch failed'), 1000)).toBe('the connection failed');
  });

  it("says a timeout in the server's own words", () => {
    expect(fetchFailureOf(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 5000)).toBe(
      'no answer within 5000 ms',
    );
  });
});
