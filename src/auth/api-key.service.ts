import { randomBytes } from 'node:crypto';
import { badInput, conflict } from '../common/errors';
import { requiredText } from '../common/text';
import { paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { ApiKey } from './api-key.entity';
import type { SupplierDirectory } from './directories';
import { hashApiKey } from './authenticator';
import { API_KEY_ROLES, Role } from './roles';
import { findVisible, withinScope } from './tenancy';
import { ErrorReason } from '../common/error-reasons';

export interface IssuedApiKey {
  apiKey: ApiKey;
  /** the whole key; it is not stored and cannot be shown again */
  secret: string;
}

/** API keys for the viewer's organisation's integrations (reporting tools, supplier feeds). */
export class ApiKeyService {
  constructor(private readonly suppliers: SupplierDirectory) {}

  list(ctx: RequestContext, page: PageArgs, includeRevoked: boolean): Promise<Connection<ApiKey>> {
    const query = withinScope(ctx, ctx.repository(ApiKey).createQueryBuilder('apiKey')).andWhere('apiKey.organisationId = :own', {
      own: ctx.requireViewer.organisationId,
    });
    if (!includeRevoked) query.andWhere('apiKey.revokedAt IS NULL');
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize });
  }

  async issue(ctx: RequestContext, name: string, roles: Role[], supplierId?: number): Promise<IssuedApiKey> {
    const wanted = [...new Set(roles)];
    if (wanted.length === 0) throw badInput('input.roles', 'input.roles: give the key at least one role', ErrorReason.ROLES_REQUIRED);
    const refused = wanted.filter((role) => !API_KEY_ROLES.includes(role));
    if (refused.length) {
      throw badInput(
        'input.roles',
        `input.roles: an API key cannot hold ${refused.join(', ')}; allowed: ${API_KEY_ROLES.join(', ')}`,
        ErrorReason.ROLE_NOT_ALLOWED,
      );
    }
    const feed = wanted.includes(Role.SUPPLIER_FEED);
    if (feed !== (supplierId !== undefined)) {
      throw badInput(
        'input.supplierId',
        'input.supplierId: required for, and only for, a SUPPLIER_FEED key',
        ErrorReason.SUPPLIER_REQUIRED,
      );
    }
    if (supplierId !== undefined) await this.suppliers.get(ctx, supplierId);

    const prefix = randomBytes(6).toString('hex');
    const secret = `hscn_${prefix}.${randomBytes(32).toString('base64url')}`;
    const apiKey = await ctx.repository(ApiKey).save(
      ctx.repository(ApiKey).create({
        organisationId: ctx.requireViewer.organisationId,
        supplierId: supplierId ?? null,
        name: requiredText(name, 'input.name'),
        prefix,
        secretHash: hashApiKey(secret),
        roles: wanted,
        createdBy: ctx.requireViewer.subject,
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    return { apiKey, secret };
  }

  async revoke(ctx: RequestContext, id: number): Promise<ApiKey> {
    const apiKey = await findVisible(ctx, ApiKey, id, ApiKey.typename);
    if (apiKey.organisationId !== ctx.requireViewer.organisationId) throw conflict('Only the owning organisation revokes its keys');
    if (apiKey.revokedAt) return apiKey;
    apiKey.revokedAt = new Date();
    return ctx.repository(ApiKey).save(apiKey);
  }
}
