import { errors as joseErrors } from 'jose';
import { ErrorReason } from '../common/error-reasons';

/**
 * Why a credential was refused: the UNAUTHENTICATED error's `extensions.reason` and the
 * `reason` label of hscn_auth_failures_total, so a fixed set.
 */
export const AuthFailure = {
  MALFORMED_HEADER: ErrorReason.MALFORMED_HEADER,
  API_KEY_MALFORMED: ErrorReason.API_KEY_MALFORMED,
  API_KEY_UNKNOWN: ErrorReason.API_KEY_UNKNOWN,
  API_KEY_REVOKED: ErrorReason.API_KEY_REVOKED,
  TOKEN_EXPIRED: ErrorReason.TOKEN_EXPIRED,
  /** bad signature, algorithm, issuer, audience, shape, or a key the provider does not publish */
  TOKEN_INVALID: ErrorReason.TOKEN_INVALID,
  /** verified, but missing what this server needs (the organisation claim, a SUPPLIER_FEED's supplier) */
  TOKEN_CLAIMS: ErrorReason.TOKEN_CLAIMS,
  UNKNOWN_ORGANISATION: ErrorReason.UNKNOWN_ORGANISATION,
  METRICS_TOKEN: ErrorReason.METRICS_TOKEN,
  /** the identity provider's keys could not be fetched: counted, but never held against the client */
  VERIFIER_UNAVAILABLE: ErrorReason.VERIFIER_UNAVAILABLE,
} as const;
export type AuthFailure = (typeof AuthFailure)[keyof typeof AuthFailure];

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
