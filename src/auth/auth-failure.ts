import { errors as joseErrors } from 'jose';

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
  /** the identity provider's keys could not be fetched: counted, but never held against the client */
  VERIFIER_UNAVAILABLE = 'VERIFIER_UNAVAILABLE',
}

/** Failures of the token itself; anything else (the JWKS unreachable, slow or broken) is the server's side. */
const TOKEN_FAULTS = [
  joseErrors.JWTClaimValidationFailed,
  joseErrors.JWTInvalid,
  joseErrors.JWSInvalid,
  joseErrors.JWSSignatureVerificationFailed,
  joseErrors.JOSEAlgNotAllowed,
  joseErrors.JOSENotSupported,
  joseErrors.JWKSNoMatchingKey,
];

/** Why jose refused a bearer token. */
export function jwtFailureReason(error: unknown): AuthFailure {
  if (error instanceof joseErrors.JWTExpired) return AuthFailure.TOKEN_EXPIRED;
  return TOKEN_FAULTS.some((fault) => error instanceof fault) ? AuthFailure.TOKEN_INVALID : AuthFailure.VERIFIER_UNAVAILABLE;
}
