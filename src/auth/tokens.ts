import { decodeJwt, SignJWT } from 'jose';
import type { AppConfig } from '../config/config';
import { Role } from './roles';

export interface TokenRequest {
  readonly subject: string;
  readonly odsCode: string;
  readonly roles: readonly Role[];
  readonly cnspId?: string;
  /** e.g. "1h"; at most, and by default, the server's maximum token lifetime */
  readonly expiresIn?: string;
}

/**
 * Signs an HS256 development token with the configured secret. Production tokens come
 * from the organisation's identity provider (JWKS), never from here.
 */
export async function signDevelopmentToken(config: AppConfig, request: TokenRequest): Promise<string> {
  if (config.jwt.kind !== 'secret') throw new Error('Tokens can only be signed here when JWT_SECRET is used; JWT_JWKS_URL is set');
  const claims: Record<string, unknown> = {
    [config.jwt.orgClaim]: request.odsCode,
    [config.jwt.rolesClaim]: request.roles,
  };
  if (request.cnspId) claims[config.jwt.supplierClaim] = request.cnspId;
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? `${config.jwt.maxLifetimeSeconds}s`);
  if (config.jwt.issuer) jwt = jwt.setIssuer(config.jwt.issuer);
  if (config.jwt.audience) jwt = jwt.setAudience(config.jwt.audience);
  const token = await jwt.sign(new TextEncoder().encode(config.jwt.secret));
  const { exp = 0, iat = 0 } = decodeJwt(token);
  if (exp - iat > config.jwt.maxLifetimeSeconds) {
    throw new Error(
      `A token may live at most ${config.jwt.maxLifetimeSeconds} s (JWT_MAX_LIFETIME_SECONDS); "${request.expiresIn}" is longer, and the ` +
        `server would refuse it`,
    );
  }
  return token;
}
