import { timingSafeEqual, webcrypto } from 'node:crypto';
import { sha256 } from '../common/hashing';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type CryptoKey, type JWTVerifyGetKey } from 'jose';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { unauthenticated } from '../common/errors';
import { ApiKey } from './api-key.entity';
import { AuthFailure, jwtFailureReason } from './auth-failure';
import type { OrganisationDirectory, SupplierDirectory } from './directories';
import { VerifiedTokens } from './verified-tokens';
import { API_KEY_ROLES, honouredRoles, parseRole, Role } from './roles';
import { tokenTimesProblem } from './token-times';
import type { Viewer } from '../request/viewer';

const API_KEY_PATTERN = /^hscn_([0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;
const LAST_USED_RESOLUTION_MS = 60_000;

export interface Credentials {
  readonly authorization?: string;
  readonly apiKey?: string;
}

/**
 * Turns a request's credentials into a Viewer, or refuses them. No credentials at all is
 * not an error here (the operation's guard decides); bad credentials always are.
 */
export class Authenticator {
  private readonly key: Promise<CryptoKey> | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly tokens: VerifiedTokens;

  /** `organisations` and `suppliers`: how auth reads them (directories.ts), handed over by services.ts */
  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationDirectory,
    private readonly suppliers: SupplierDirectory,
  ) {
    if (config.jwt.kind === 'jwks') {
      this.key = createRemoteJWKSet(new URL(config.jwt.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
      this.algorithms = ['RS256', 'ES256'];
    } else {
      // imported once: given the raw bytes, jose would import them again for every token
      this.key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(config.jwt.secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
        'verify',
      ]);
      this.algorithms = ['HS256'];
    }
    this.tokens = new VerifiedTokens(config.auth.cacheMs, config.jwt.clockSkewSeconds * 1000);
  }

  async authenticate(credentials: Credentials): Promise<Viewer | null> {
    if (credentials.apiKey !== undefined) return this.fromApiKey(credentials.apiKey);
    const header = credentials.authorization?.trim();
    if (!header) return null;
    const [scheme, value] = header.split(/\s+/, 2);
    if (/^bearer$/i.test(scheme) && value) return this.fromJwt(value);
    if (/^apikey$/i.test(scheme) && value) return this.fromApiKey(value);
    throw unauthenticated('Authorization header must be "Bearer <token>" or "ApiKey <key>"', AuthFailure.MALFORMED_HEADER);
  }

  private async fromJwt(token: string): Promise<Viewer> {
    let payload = this.tokens.claimsOf(token);
    if (!payload) {
      try {
        const key = typeof this.key === 'function' ? this.key : await this.key;
        ({ payload } = await jwtVerify(token, key, {
          algorithms: this.algorithms,
          issuer: this.config.jwt.issuer,
          audience: this.config.jwt.audience,
          clockTolerance: this.config.jwt.clockSkewSeconds,
          requiredClaims: ['sub', 'exp'],
        }));
      } catch (error) {
        throw unauthenticated(describeJwtFailure(error), jwtFailureReason(error));
      }
      const problem = tokenTimesProblem(payload, Date.now() / 1000, this.config.jwt);
      if (problem) throw unauthenticated(problem, AuthFailure.TOKEN_INVALID);
      this.tokens.remember(token, payload);
    }
    const claims = this.config.jwt;
    const odsCode = payload[claims.orgClaim];
    if (typeof odsCode !== 'string' || odsCode.length === 0) {
      throw unauthenticated(`Token has no "${claims.orgClaim}" claim naming the organisation`, AuthFailure.TOKEN_CLAIMS);
    }
    const roles = rolesFrom(payload[claims.rolesClaim]);
    const supplierClaim = payload[claims.supplierClaim];
    return this.viewerFor({
      subject: payload.sub as string,
      organisation: { odsCode },
      roles,
      cnspId: typeof supplierClaim === 'string' ? supplierClaim : undefined,
      issuedAt: payload.iat,
      via: 'JWT',
      apiKeyId: null,
      supplierId: null,
    });
  }

  private async fromApiKey(presented: string): Promise<Viewer> {
    const match = API_KEY_PATTERN.exec(presented.trim());
    if (!match) throw unauthenticated('API key is malformed', AuthFailure.API_KEY_MALFORMED);
    const key = await this.dataSource.getRepository(ApiKey).findOne({ where: { prefix: match[1] } });
    if (!key || !digestsEqual(key.secretHash, hashApiKey(presented.trim())))
      throw unauthenticated('API key is not valid', AuthFailure.API_KEY_UNKNOWN);
    if (key.revokedAt) throw unauthenticated('API key has been revoked', AuthFailure.API_KEY_REVOKED);
    const now = Date.now();
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.dataSource.getRepository(ApiKey).update(key.id, { lastUsedAt: new Date(now) });
    }
    return this.viewerFor({
      subject: `api-key:${key.prefix}`,
      organisation: { id: key.organisationId },
      // a key was issued with these roles only; a row edited in the database gains nothing
      roles: key.roles.filter((role) => API_KEY_ROLES.includes(role)),
      via: 'API_KEY',
      apiKeyId: key.id,
      supplierId: key.supplierId,
    });
  }

  private async viewerFor(identity: {
    subject: string;
    /** a token names its organisation by ODS code; an API key belongs to one by id */
    organisation: { readonly odsCode: string } | { readonly id: number };
    roles: readonly Role[];
    cnspId?: string;
    /** the token's iat, in seconds */
    issuedAt?: number;
    supplierId: number | null;
    via: Viewer['via'];
    apiKeyId: number | null;
  }): Promise<Viewer> {
    const { organisation } = identity;
    const scope =
      'odsCode' in organisation ? await this.organisations.get(organisation.odsCode) : await this.organisations.getById(organisation.id);
    if (!scope) {
      const named = 'odsCode' in organisation ? organisation.odsCode : `#${organisation.id}`;
      throw unauthenticated(`Organisation ${named} is not registered`, AuthFailure.UNKNOWN_ORGANISATION);
    }

    const roles = honouredRoles(identity.roles, scope.odsCode.toUpperCase() === this.config.auth.nationalOdsCode);
    let supplierId = identity.supplierId;
    if (roles.includes(Role.SUPPLIER_FEED) && supplierId === null)
      supplierId = await this.supplierOfToken(identity.cnspId, identity.issuedAt);
    return {
      subject: identity.subject,
      organisationId: scope.organisationId,
      odsCode: scope.odsCode,
      roles,
      organisationIds: scope.organisationIds,
      supplierId,
      via: identity.via,
      apiKeyId: identity.apiKeyId,
    };
  }

  /**
   * The supplier a SUPPLIER_FEED token speaks for: the one holding the CN-SP ID it names, and
   * only if that supplier already held the ID when the token was issued. A token issued while
   * the ID belonged to another supplier was meant for that one; after a correction of the
   * catalogue it must never be read as the new holder's.
   */
  private async supplierOfToken(cnspId: string | undefined, issuedAt: number | undefined): Promise<number> {
    const supplier = cnspId ? await this.suppliers.holderOfCnspId(this.dataSource.manager, cnspId) : null;
    if (!supplier)
      throw unauthenticated(
        `A SUPPLIER_FEED token needs a "${this.config.jwt.supplierClaim}" claim with a known CN-SP ID`,
        AuthFailure.TOKEN_CLAIMS,
      );
    const since = supplier.cnspIdAssignedAt;
    if (since && (issuedAt === undefined || issuedAt < Math.ceil(since.getTime() / 1000))) {
      throw unauthenticated(
        `CN-SP ID ${cnspId} was given to its supplier after this token was issued (or the token has no "iat"): ask for a new token`,
        AuthFailure.TOKEN_CLAIMS,
      );
    }
    return supplier.id;
  }
}

export const hashApiKey = (key: string) => sha256(key);

function digestsEqual(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Roles may arrive as an array (our tokens, Entra ID) or a space-separated string (OAuth scope style). */
function rolesFrom(claim: unknown): Role[] {
  const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : [];
  return [...new Set(values.map(parseRole).filter((role): role is Role => role !== undefined))];
}

function describeJwtFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'Token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `Token claim "${error.claim}" is not valid: ${error.reason}`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'Token is signed with an algorithm this server does not accept';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'Token signature is not valid';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'Token was signed with an unknown key';
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'Token is malformed';
  return 'Token could not be verified';
}
