import { IsNull } from 'typeorm';
import { badInput, conflict } from '../common/errors';
import { type LocalDate } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import { optionalText, requiredText } from '../common/text';
import { assertInScope, findVisible, withinScope } from '../auth/tenancy';
import { Contact } from '../contacts/contact.entity';
import { paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { Site } from '../sites/site.entity';
import { SupplierKind } from '../suppliers/supplier.entity';
import type { SupplierService } from '../suppliers/supplier.service';
import {
  CidrError,
  compareCidrs,
  findOverlappingPairs,
  formatCidr,
  overlaps,
  parseCidr,
  privateOverlap,
  isPrivate,
  specialPurposeOverlap,
  type Cidr,
} from '../common/cidr';
import { IpOverlap, OverlapKind } from './compliance.types';
import { IpAllocation, IpRegistration, IpVersion } from './ip-allocation.entity';
import { IpamDelegate } from './ipam-delegate.entity';
import { latestCommitted, lockOrganisation } from './organisation-lock';
import { notInFuture } from './past-date';
import { ErrorReason } from '../common/error-reasons';

export interface AllocationInput {
  siteId: number;
  cidr: string;
  registration: IpRegistration;
  supplierId?: number;
  description?: string | null;
  allocatedOn?: LocalDate;
  overlapException?: string | null;
}

export interface AllocationFilter {
  organisationId?: number;
  siteId?: number;
  supplierId?: number;
  includeReleased?: boolean;
}

/** A CIDR from the client, or BAD_USER_INPUT naming the field with what is wrong and, for host bits, the network meant. */
function cidrInput(text: string, field: string): Cidr {
  try {
    return parseCidr(text);
  } catch (error) {
    if (error instanceof CidrError)
      throw badInput(
        field,
        `${field}: ${error.message}`,
        error.problem === 'HOST_BITS_SET' ? ErrorReason.HOST_BITS_SET : ErrorReason.INVALID_CIDR,
      );
    throw error;
  }
}

const versionOf = (cidr: Cidr) => (cidr.family === 4 ? IpVersion.IPV4 : IpVersion.IPV6);

/**
 * IP address management (handbook item 10): ranges per site with overlap detection across
 * the organisation, the RIPE ranges to hand back when leaving a CN-SP, and the people who
 * hold IPAM delegate access.
 */
export class IpamService {
  constructor(private readonly suppliers: SupplierService) {}

  list(ctx: RequestContext, filter: AllocationFilter, page: PageArgs): Promise<Connection<IpAllocation>> {
    const query = withinScope(ctx, ctx.repository(IpAllocation).createQueryBuilder('allocation'));
    if (filter.organisationId !== undefined)
      query.andWhere('allocation.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.siteId !== undefined) query.andWhere('allocation.siteId = :siteId', { siteId: filter.siteId });
    if (filter.supplierId !== undefined) query.andWhere('allocation.supplierId = :supplierId', { supplierId: filter.supplierId });
    if (!filter.includeReleased) query.andWhere('allocation.releasedOn IS NULL');
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize });
  }

  get(ctx: RequestContext, id: number): Promise<IpAllocation> {
    return findVisible(ctx, IpAllocation, id, IpAllocation.typename);
  }

  /**
   * Allocates a range to a site. The range must suit its registration (private space for
   * PRIVATE; allocatable public space, through a CN-SP, for RIPE) and must not overlap a
   * range in use anywhere in the organisation unless an overlap exception is recorded.
   */
  async allocate(ctx: RequestContext, input: AllocationInput): Promise<IpAllocation> {
    const cidr = cidrInput(input.cidr, 'input.cidr');
    const text = formatCidr(cidr);
    if (input.registration === IpRegistration.PRIVATE && !isPrivate(cidr)) {
      throw badInput(
        'input.cidr',
        `input.cidr: ${text} is not private address space (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16; IPv6 unique local: ` +
          `fc00::/7); a public range is registered with RIPE`,
        ErrorReason.NOT_PRIVATE_RANGE,
      );
    }
    if (input.registration === IpRegistration.RIPE) {
      const privateRange = privateOverlap(cidr);
      if (privateRange)
        throw badInput(
          'input.cidr',
          `input.cidr: ${text} lies in private space (${formatCidr(privateRange)}), which is not RIPE-registered: record it as PRIVATE`,
          ErrorReason.PRIVATE_RANGE,
        );
      const special = specialPurposeOverlap(cidr);
      if (special)
        throw badInput(
          'input.cidr',
          `input.cidr: ${text} lies in ${special.name} space (${formatCidr(special.cidr)}), which no registry allocates`,
          ErrorReason.SPECIAL_PURPOSE_RANGE,
        );
      if (input.supplierId === undefined)
        throw badInput(
          'input.supplierId',
          'input.supplierId: a RIPE range is registered through a CN-SP; name the CN-SP that allocated it',
          ErrorReason.REQUIRED,
        );
    }
    const allocatedOn = notInFuture(input.allocatedOn ?? todayInLondon(), 'input.allocatedOn', 'the allocation date');
    const exception = optionalText(input.overlapException) ?? null;

    return ctx.transaction(async (tx) => {
      const site = await findVisible(tx, Site, input.siteId, Site.typename);
      if (input.supplierId !== undefined) {
        const supplier = await this.suppliers.get(tx, input.supplierId);
        if (supplier.kind !== SupplierKind.CN_SP)
          throw badInput('input.supplierId', `input.supplierId: ${supplier.name} is not a CN-SP`, ErrorReason.NOT_A_CNSP);
      }
      await lockOrganisation(tx, site.organisationId);
      const inUse = await tx.repository(IpAllocation).find({
        where: { organisationId: site.organisationId, releasedOn: IsNull(), ipVersion: versionOf(cidr) },
        order: { id: 'ASC' },
        ...latestCommitted(tx),
      });
      const clashes = inUse.filter((allocation) => overlaps(parseCidr(allocation.cidr), cidr));
      if (clashes.length && !exception) {
        const sites = await tx.repository(Site).findBy(clashes.map((clash) => ({ id: clash.siteId })));
        const named = clashes.slice(0, 3).map((clash) => {
          const where = sites.find((s) => s.id === clash.siteId);
          return `${clash.cidr === text ? 'the same range' : clash.cidr} at ${where ? `${where.name} (${where.odsCode})` : 'another site'}`;
        });
        const more = clashes.length > 3 ? ` and ${clashes.length - 3} more` : '';
        throw conflict(`${text} overlaps ${named.join(', ')}${more}, already allocated; give an overlapException to record it anyway`, {
          field: 'input.cidr',
          reason: ErrorReason.IP_OVERLAP,
        });
      }
      return tx.repository(IpAllocation).save(
        tx.repository(IpAllocation).create({
          organisationId: site.organisationId,
          siteId: site.id,
          supplierId: input.supplierId ?? null,
          cidr: text,
          ipVersion: versionOf(cidr),
          registration: input.registration,
          description: optionalText(input.description) ?? null,
          allocatedOn,
          releasedOn: null,
          releaseReason: null,
          overlapException: clashes.length ? exception : null,
          recordedBy: ctx.requireViewer.subject,
        }),
      );
    });
  }

  /**
   * Corrects an allocation: the site (within the same organisation, so overlaps are
   * unchanged), the allocating CN-SP, the description. The range itself is not edited:
   * release it and allocate the right one, so that the history shows both.
   */
  async update(
    ctx: RequestContext,
    id: number,
    changes: { siteId?: number; supplierId?: number | null; description?: string | null },
  ): Promise<IpAllocation> {
    return ctx.transaction(async (tx) => {
      const allocation = await this.get(tx, id);
      if (allocation.releasedOn)
        throw conflict(`${allocation.cidr} was released on ${allocation.releasedOn} and is kept as history`, {
          reason: ErrorReason.ALREADY_RELEASED,
        });
      if (changes.siteId !== undefined) {
        const site = await findVisible(tx, Site, changes.siteId, Site.typename);
        if (site.organisationId !== allocation.organisationId) {
          throw badInput(
            'input.siteId',
            `input.siteId: ${site.name} belongs to another organisation; release the range and allocate it there`,
            ErrorReason.OTHER_ORGANISATION,
          );
        }
        allocation.siteId = site.id;
      }
      if (changes.supplierId === null) {
        if (allocation.registration === IpRegistration.RIPE)
          throw badInput(
            'input.supplierId',
            'input.supplierId: a RIPE range is registered through a CN-SP and needs one',
            ErrorReason.REQUIRED,
          );
        allocation.supplierId = null;
      } else if (changes.supplierId !== undefined) {
        const supplier = await this.suppliers.get(tx, changes.supplierId);
        if (supplier.kind !== SupplierKind.CN_SP)
          throw badInput('input.supplierId', `input.supplierId: ${supplier.name} is not a CN-SP`, ErrorReason.NOT_A_CNSP);
        allocation.supplierId = supplier.id;
      }
      if (changes.description !== undefined) allocation.description = optionalText(changes.description) ?? null;
      return tx.repository(IpAllocation).save(allocation);
    });
  }

  /** Marks a range released (handed back to its CN-SP, or given up); it is kept, and no longer counts for overlaps. */
  async release(ctx: RequestContext, id: number, reason: string, releasedOn?: LocalDate): Promise<IpAllocation> {
    const why = requiredText(reason, 'input.reason');
    const on = notInFuture(releasedOn ?? todayInLondon(), 'input.releasedOn', 'the release date');
    return ctx.transaction(async (tx) => {
      const allocation = await this.get(tx, id);
      if (allocation.releasedOn)
        throw conflict(`${allocation.cidr} was already released on ${allocation.releasedOn}`, { reason: ErrorReason.ALREADY_RELEASED });
      if (on < allocation.allocatedOn)
        throw badInput(
          'input.releasedOn',
          `input.releasedOn: ${on} is before the allocation on ${allocation.allocatedOn}`,
          ErrorReason.BEFORE_ALLOCATION,
        );
      allocation.releasedOn = on;
      allocation.releaseReason = why;
      return tx.repository(IpAllocation).save(allocation);
    });
  }

  /** Every pair of ranges in use that share addresses, whether imported that way or accepted by exception. */
  async overlaps(ctx: RequestContext, organisationId: number): Promise<IpOverlap[]> {
    assertInScope(ctx, organisationId);
    const inUse = await ctx.repository(IpAllocation).find({ where: { organisationId, releasedOn: IsNull() }, order: { id: 'ASC' } });
    return overlapsAmong(inUse);
  }

  /** The RIPE ranges in use that `supplierId` allocated: they stay with that CN-SP and must be returned on leaving it. */
  async ripeRangesToReturn(ctx: RequestContext, organisationId: number, supplierId: number): Promise<IpAllocation[]> {
    assertInScope(ctx, organisationId);
    await this.suppliers.get(ctx, supplierId);
    const ranges = await ctx
      .repository(IpAllocation)
      .find({ where: { organisationId, supplierId, registration: IpRegistration.RIPE, releasedOn: IsNull() } });
    return ranges.sort((a, b) => compareCidrs(parseCidr(a.cidr), parseCidr(b.cidr)) || a.id - b.id);
  }

  delegates(ctx: RequestContext, organisationId: number, includeRevoked: boolean): Promise<IpamDelegate[]> {
    assertInScope(ctx, organisationId);
    return ctx.repository(IpamDelegate).find({
      where: includeRevoked ? { organisationId } : { organisationId, revokedOn: IsNull() },
      order: { grantedOn: 'ASC', id: 'ASC' },
    });
  }

  async grantDelegate(ctx: RequestContext, contactId: number, grantedOn?: LocalDate): Promise<IpamDelegate> {
    const on = notInFuture(grantedOn ?? todayInLondon(), 'input.grantedOn', 'the grant date');
    return ctx.transaction(async (tx) => {
      const contact = await findVisible(tx, Contact, contactId, Contact.typename);
      await lockOrganisation(tx, contact.organisationId);
      const held = await tx
        .repository(IpamDelegate)
        .findOne({ where: { contactId: contact.id, revokedOn: IsNull() }, ...latestCommitted(tx) });
      if (held)
        throw conflict(`${contact.name} has held IPAM delegate access since ${held.grantedOn}`, {
          field: 'input.contactId',
          reason: ErrorReason.ALREADY_DELEGATE,
        });
      return tx.repository(IpamDelegate).save(
        tx.repository(IpamDelegate).create({
          organisationId: contact.organisationId,
          contactId: contact.id,
          grantedOn: on,
          revokedOn: null,
          revokeReason: null,
          grantedBy: ctx.requireViewer.subject,
          revokedBy: null,
        }),
      );
    });
  }

  async revokeDelegate(ctx: RequestContext, id: number, revokedOn?: LocalDate, reason?: string | null): Promise<IpamDelegate> {
    const on = notInFuture(revokedOn ?? todayInLondon(), 'input.revokedOn', 'the revocation date');
    return ctx.transaction(async (tx) => {
      const delegate = await findVisible(tx, IpamDelegate, id, IpamDelegate.typename);
      if (delegate.revokedOn)
        throw conflict(`This IPAM delegate access was already revoked on ${delegate.revokedOn}`, { reason: ErrorReason.ALREADY_REVOKED });
      if (on < delegate.grantedOn)
        throw badInput('input.revokedOn', `input.revokedOn: ${on} is before the grant on ${delegate.grantedOn}`, ErrorReason.BEFORE_GRANT);
      delegate.revokedOn = on;
      delegate.revokeReason = optionalText(reason) ?? null;
      delegate.revokedBy = ctx.requireViewer.subject;
      return tx.repository(IpamDelegate).save(delegate);
    });
  }
}

/** The overlapping pairs among allocations, the wider (or earlier) one first. */
export function overlapsAmong(allocations: readonly IpAllocation[]): IpOverlap[] {
  const blocks = allocations.map((allocation) => parseCidr(allocation.cidr));
  return findOverlappingPairs(blocks).map(([i, j]) => {
    const [a, b] = [allocations[i]!, allocations[j]!];
    const identical = blocks[i]!.prefix === blocks[j]!.prefix;
    const aFirst = identical ? a.id < b.id : blocks[i]!.prefix < blocks[j]!.prefix;
    const [wide, narrow] = aFirst ? [a, b] : [b, a];
    const later = a.id > b.id ? a : b;
    const overlap = new IpOverlap();
    overlap.allocation = wide;
    overlap.overlapsWith = narrow;
    overlap.kind = identical ? OverlapKind.IDENTICAL : OverlapKind.CONTAINS;
    overlap.accepted = later.overlapException !== null;
    overlap.exception = later.overlapException;
    return overlap;
  });
}
