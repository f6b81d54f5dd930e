/** Why a credential was refused: the `reason` label of hscn_auth_failures_total, so a fixed set. */
export enum AuthFailure {
  MALFORMED_HEADER = 'MALFORMED_HEADER',
  API_KEY_MALFORMED = 'API_KEY_MALFORMED',
  API_KEY_UNKNOWN = 'API_KEY_UNKNOWN',
  API_KEY_REVOKED = 'API_KEY_REVOKED',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  /** bad signature, algorithm, issuer, audience, shape, or a key the provider does not publish */
  TOKEN_INVALID = 'TOKEN_INVALID',
  /** verified, but missing what this server needs (the organisation claim, a SUPPLIER_FEED's supplier) */
  TOKEN_CLAIMS = 'TOKEN_CLAIMS',
  UNKNOWN_ORGANISATION = 'UNKNOWN_ORGANISATION',
  METRICS_TOKEN = 'METRICS_TOKEN',
}
