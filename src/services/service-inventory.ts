import { applyChanges, ifGiven } from '../common/changes';
import { badInput, conflict } from '../common/errors';
import { isLocalDate } from '../common/dates';
import { optionalIdentifier, requiredText } from '../common/text';
import { findVisible, withinScope } from '../auth/tenancy';
import { isClosed } from '../contracts/contract-lifecycle';
import { ContractService } from '../contracts/contract.service';
import { saveUnique } from '../db/errors';
import { applySearch, paginate, type Connection, type PageArgs, type SortKey } from '../request/paging';
import type { RequestContext } from '../request/context';
import { SiteService } from '../sites/site.service';
import { NetworkService, ServiceStatus } from './network-service.entity';
import {
  ServiceSortField,
  type CreateServiceInput,
  type ServiceFilter,
  type ServiceOrder,
  type UpdateServiceInput,
} from './network-service.input';
import { serviceLifecycle } from './service-lifecycle';
import { ErrorReason } from '../common/error-reasons';

export interface ServiceListFilter extends Omit<ServiceFilter, 'contractId' | 'siteId' | 'supplierId' | 'organisationId'> {
  contractId?: number;
  siteId?: number;
  supplierId?: number;
  organisationId?: number;
}

const SORT_KEYS: Record<ServiceSortField, SortKey<NetworkService>> = {
  [ServiceSortField.REFERENCE]: { column: 'service.reference', valueOf: (row) => row.reference },
  [ServiceSortField.MONTHLY_CHARGE]: { column: 'service.monthlyCharge', valueOf: (row) => Number(row.monthlyCharge) },
  [ServiceSortField.BANDWIDTH]: { column: 'service.bandwidthMbps', valueOf: (row) => row.bandwidthMbps },
};

/** The organisation's inventory of service instances: circuits, breakouts, voice, video, LAN overlays. */
export class ServiceInventory {
  constructor(
    private readonly contracts: ContractService,
    private readonly sites: SiteService,
  ) {}

  list(ctx: RequestContext, filter: ServiceListFilter, page: PageArgs, order?: ServiceOrder): Promise<Connection<NetworkService>> {
    const query = withinScope(ctx, ctx.repository(NetworkService).createQueryBuilder('service'));
    const exact = {
      contractId: filter.contractId,
      siteId: filter.siteId,
      supplierId: filter.supplierId,
      organisationId: filter.organisationId,
    };
    for (const [column, value] of Object.entries(exact)) {
      if (value !== undefined) query.andWhere(`service.${column} = :${column}`, { [column]: value });
    }
    if (filter.status?.length) query.andWhere('service.status IN (:...statuses)', { statuses: filter.status });
    if (filter.type?.length) query.andWhere('service.type IN (:...types)', { types: filter.type });
    if (filter.resilience) query.andWhere('service.resilience = :resilience', { resilience: filter.resilience });
    applySearch(query, ['service.reference'], filter.search);
    return paginate(query, page, {
      maxPageSize: ctx.config.graphql.maxPageSize,
      sort: SORT_KEYS[order?.field ?? ServiceSortField.REFERENCE],
      direction: order?.direction,
    });
  }

  get(ctx: RequestContext, id: number): Promise<NetworkService> {
    return findVisible(ctx, NetworkService, id, NetworkService.typename);
  }

  async create(ctx: RequestContext, input: CreateServiceInput, contractId: number, siteId: number): Promise<NetworkService> {
    return ctx.transaction(async (tx) => {
      const contract = await this.contracts.get(tx, contractId);
      if (isClosed(contract.status)) {
        throw conflict(`Contract ${contract.reference} is ${contract.status}; services cannot be added to it`, {
          field: 'input.contractId',
          reason: ErrorReason.CONTRACT_CLOSED,
        });
      }
      const site = await this.sites.get(tx, siteId);
      assertSameOrganisation(site.organisationId, contract.organisationId);
      if (input.status !== ServiceStatus.ORDERED && input.status !== ServiceStatus.ACTIVE) {
        throw badInput('input.status', 'input.status: a new service is ORDERED, or ACTIVE with an installDate', ErrorReason.INVALID_STATUS);
      }
      const service = tx.repository(NetworkService).create({
        organisationId: contract.organisationId,
        contractId: contract.id,
        supplierId: contract.supplierId,
        siteId: site.id,
        reference: requiredText(input.reference, 'input.reference'),
        type: input.type,
        bandwidthMbps: input.bandwidthMbps,
        resilience: input.resilience,
        qosProfile: optionalIdentifier(input.qosProfile, 'input.qosProfile', 64) ?? null,
        status: input.status,
        installDate: input.installDate ?? null,
        ceaseDate: null,
        monthlyCharge: input.monthlyCharge,
        oneOffCharge: input.oneOffCharge ?? 0n,
      });
      assertConsistent(service);
      return this.save(tx, service);
    });
  }

  async update(ctx: RequestContext, id: number, input: Omit<UpdateServiceInput, 'id'>, siteId?: number): Promise<NetworkService> {
    return ctx.transaction(async (tx) => {
      const service = await this.get(tx, id);
      if (service.status === ServiceStatus.CEASED && (input.monthlyCharge !== undefined || input.bandwidthMbps !== undefined)) {
        throw conflict(`Service ${service.reference} is CEASED; its charges and bandwidth are history`, {
          reason: ErrorReason.SERVICE_CEASED,
        });
      }
      if (siteId !== undefined) {
        const site = await this.sites.get(tx, siteId);
        assertSameOrganisation(site.organisationId, service.organisationId);
        service.siteId = site.id;
      }
      applyChanges(service, {
        reference: ifGiven(input.reference, (reference) => requiredText(reference, 'input.reference')),
        type: input.type,
        bandwidthMbps: input.bandwidthMbps,
        resilience: input.resilience,
        qosProfile: optionalIdentifier(input.qosProfile, 'input.qosProfile', 64),
        installDate: input.installDate,
        ceaseDate: input.ceaseDate,
        monthlyCharge: input.monthlyCharge,
        oneOffCharge: input.oneOffCharge,
      });
      assertConsistent(service);
      return this.save(tx, service);
    });
  }

  async setStatus(ctx: RequestContext, id: number, status: ServiceStatus, effectiveDate?: string): Promise<NetworkService> {
    return ctx.transaction(async (tx) => {
      const service = await this.get(tx, id);
      serviceLifecycle.assertMove(service.status, status, { name: `Service ${service.reference}` });
      const needsDate =
        status === ServiceStatus.CEASED ||
        status === ServiceStatus.CEASE_REQUESTED ||
        (status === ServiceStatus.ACTIVE && service.status === ServiceStatus.ORDERED);
      if (needsDate && !effectiveDate) {
        throw badInput('input.effectiveDate', `input.effectiveDate: required to move a service to ${status}`, ErrorReason.DATE_REQUIRED);
      }
      if (status === ServiceStatus.ACTIVE && service.status === ServiceStatus.ORDERED) service.installDate = effectiveDate!;
      else if (status === ServiceStatus.ACTIVE)
        service.ceaseDate = null; // cease request withdrawn
      else service.ceaseDate = effectiveDate!;
      service.status = status;
      assertConsistent(service);
      return tx.repository(NetworkService).save(service);
    });
  }

  private save(ctx: RequestContext, service: NetworkService): Promise<NetworkService> {
    return saveUnique(ctx.repository(NetworkService), service, () =>
      conflict(`The supplier already has a service with reference ${service.reference}`, {
        field: 'input.reference',
        reason: ErrorReason.DUPLICATE_REFERENCE,
      }),
    );
  }
}

function assertSameOrganisation(siteOrganisationId: number, contractOrganisationId: number): void {
  if (siteOrganisationId !== contractOrganisationId) {
    throw badInput(
      'input.siteId',
      'input.siteId: the site belongs to a different organisation from the contract',
      ErrorReason.SITE_ORGANISATION_MISMATCH,
    );
  }
}

/** The dates and amounts a service's status implies. */
function assertConsistent(service: NetworkService): void {
  for (const field of ['installDate', 'ceaseDate'] as const) {
    const value = service[field];
    if (value !== null && !isLocalDate(value))
      throw badInput(`input.${field}`, `input.${field}: not a calendar date`, ErrorReason.INVALID_DATE);
  }
  // a CEASED service may never have been installed: an order cancelled before installation
  const installed = service.status === ServiceStatus.ACTIVE || service.status === ServiceStatus.CEASE_REQUESTED;
  if (installed && !service.installDate) {
    throw badInput('input.installDate', `input.installDate: a ${service.status} service needs an install date`, ErrorReason.DATE_REQUIRED);
  }
  if (service.status === ServiceStatus.ORDERED && service.ceaseDate) {
    throw badInput('input.ceaseDate', 'input.ceaseDate: an ORDERED service has no cease date', ErrorReason.DATE_NOT_APPLICABLE);
  }
  if (service.installDate && service.ceaseDate && service.ceaseDate < service.installDate) {
    throw badInput(
      'input.ceaseDate',
      `input.ceaseDate: ${service.ceaseDate} is before the install date ${service.installDate}`,
      ErrorReason.CEASE_BEFORE_INSTALL,
    );
  }
  if (service.monthlyCharge < 0n)
    throw badInput('input.monthlyCharge', 'input.monthlyCharge: must not be negative', ErrorReason.NEGATIVE_AMOUNT);
  if (service.oneOffCharge < 0n)
    throw badInput('input.oneOffCharge', 'input.oneOffCharge: must not be negative', ErrorReason.NEGATIVE_AMOUNT);
}
