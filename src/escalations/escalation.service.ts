import { DateTime } from 'luxon';
import { assertInScope, findVisible, withinScope } from '../auth/tenancy';
import { badInput, conflict } from '../common/errors';
import { optionalText, requiredText } from '../common/text';
import { ContractService } from '../contracts/contract.service';
import { recordTransition } from '../db/transitions';
import { paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { IncidentService, type IncidentMerge } from '../incidents/incident.service';
import { NetworkService } from '../services/network-service.entity';
import { SupplierService } from '../suppliers/supplier.service';
import {
  Escalation,
  EscalationKind,
  EscalationLevel,
  EscalationLevelChange,
  EscalationStatus,
  EscalationUpdate,
  ESCALATION_LEVELS,
} from './escalation.entity';
import { ErrorReason } from '../common/error-reasons';

export interface EscalationFilter {
  kind?: EscalationKind[];
  status?: EscalationStatus[];
  level?: EscalationLevel[];
  supplierId?: number;
  contractId?: number;
  incidentId?: number;
}

export interface RaiseEscalation {
  kind: EscalationKind;
  supplierId: number;
  contractId?: number;
  incidentId?: number;
  organisationId?: number;
  summary: string;
  updateIntervalHours: number;
  level?: EscalationLevel;
}

export interface EscalationUpdateInput {
  givenBy: string;
  givenAt?: Date | null;
  text: string;
}

export interface EscalateInput {
  to?: EscalationLevel | null;
  reason: string;
  obligation?: string | null;
}

/** How long escalations and complaints are kept after closure (or after raising, if never closed). */
const RETENTION_YEARS = 2;
const MAX_INTERVAL_HOURS = 24 * 30;
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_OVERDUE = 500;
const HOUR_MS = 3_600_000;

/** The first day the record may be deleted: two years after it was closed (or raised, while open). */
export function retainedUntil(escalation: Pick<Escalation, 'closedAt' | 'raisedAt'>): Date {
  return DateTime.fromJSDate(escalation.closedAt ?? escalation.raisedAt, { zone: 'utc' })
    .plus({ years: RETENTION_YEARS })
    .toJSDate();
}

/** Minutes past the agreed update time, or 0 when not overdue (or closed). */
export function minutesOverdue(escalation: Pick<Escalation, 'status' | 'nextUpdateDueAt'>, now: Date): number {
  if (escalation.status !== EscalationStatus.OPEN || escalation.nextUpdateDueAt === null) return 0;
  return Math.max(0, Math.floor((now.getTime() - escalation.nextUpdateDueAt.getTime()) / 60_000));
}

/**
 * Escalations and complaints against a supplier: updates at the agreed interval, moves up
 * the levels with the reason recorded, closure only with the raiser's agreement, and two
 * years' retention before a record may be deleted.
 */
export class EscalationService {
  constructor(
    private readonly suppliers: SupplierService,
    private readonly contracts: ContractService,
    private readonly incidents: IncidentService,
  ) {}

  list(ctx: RequestContext, filter: EscalationFilter, page: PageArgs): Promise<Connection<Escalation>> {
    const query = withinScope(ctx, ctx.repository(Escalation).createQueryBuilder('escalation'));
    if (filter.kind?.length) query.andWhere('escalation.kind IN (:...kinds)', { kinds: filter.kind });
    if (filter.status?.length) query.andWhere('escalation.status IN (:...statuses)', { statuses: filter.status });
    if (filter.level?.length) query.andWhere('escalation.level IN (:...levels)', { levels: filter.level });
    if (filter.supplierId !== undefined) query.andWhere('escalation.supplierId = :supplierId', { supplierId: filter.supplierId });
    if (filter.contractId !== undefined) query.andWhere('escalation.contractId = :contractId', { contractId: filter.contractId });
    if (filter.incidentId !== undefined) query.andWhere('escalation.incidentId = :incidentId', { incidentId: filter.incidentId });
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize, direction: 'DESC' });
  }

  /**
   * A feed-created incident was folded into the consumer's record of it (IncidentService.onAbsorbed,
   * in the same transaction): the escalations that named it name the incident that stays.
   */
  async incidentAbsorbed(ctx: RequestContext, { from, into }: IncidentMerge): Promise<void> {
    await ctx.repository(Escalation).update({ incidentId: from.id }, { incidentId: into.id, updatedAt: new Date() });
  }

  get(ctx: RequestContext, id: number): Promise<Escalation> {
    return findVisible(ctx, Escalation, id, Escalation.typename);
  }

  /** Open escalations and complaints whose agreed update time has passed with no update, most overdue first. */
  overdueForUpdate(ctx: RequestContext, now = new Date()): Promise<Escalation[]> {
    return withinScope(ctx, ctx.repository(Escalation).createQueryBuilder('escalation'))
      .andWhere('escalation.status = :open AND escalation.nextUpdateDueAt < :now', { open: EscalationStatus.OPEN, now })
      .orderBy('escalation.nextUpdateDueAt', 'ASC')
      .addOrderBy('escalation.id', 'ASC')
      .take(MAX_OVERDUE)
      .getMany();
  }

  async raise(ctx: RequestContext, input: RaiseEscalation, now = new Date()): Promise<Escalation> {
    const summary = requiredText(input.summary, 'input.summary');
    if (summary.length > 2000) throw badInput('input.summary', 'input.summary: at most 2000 characters', ErrorReason.TOO_LONG);
    if (!Number.isInteger(input.updateIntervalHours) || input.updateIntervalHours < 1 || input.updateIntervalHours > MAX_INTERVAL_HOURS) {
      throw badInput(
        'input.updateIntervalHours',
        `input.updateIntervalHours: from 1 to ${MAX_INTERVAL_HOURS} hours`,
        ErrorReason.OUT_OF_RANGE,
      );
    }
    const level = input.level ?? EscalationLevel.CNSP_SERVICE_DESK;
    if (level === EscalationLevel.SERVICE_COORDINATOR) {
      throw badInput(
        'input.level',
        'input.level: raise with the supplier first; escalate to the Service Co-ordinator naming the obligation not met',
        ErrorReason.ESCALATE_TO_COORDINATOR,
      );
    }
    return ctx.transaction(async (tx) => {
      const supplier = await this.suppliers.get(tx, input.supplierId);
      let organisationId: number | undefined;
      let contractId: number | null = null;
      let incidentId: number | null = null;
      if (input.contractId !== undefined) {
        const contract = await this.contracts.get(tx, input.contractId);
        if (contract.supplierId !== supplier.id)
          throw badInput('input.contractId', 'input.contractId: the contract is with another supplier', ErrorReason.SUPPLIER_MISMATCH);
        organisationId = contract.organisationId;
        contractId = contract.id;
      }
      if (input.incidentId !== undefined) {
        const incident = await this.incidents.getOwn(tx, input.incidentId);
        if (incident.supplierId !== supplier.id)
          throw badInput('input.incidentId', 'input.incidentId: the incident is with another supplier', ErrorReason.SUPPLIER_MISMATCH);
        if (organisationId !== undefined && incident.organisationId !== organisationId)
          throw badInput(
            'input.incidentId',
            'input.incidentId: the incident belongs to another organisation than the contract',
            ErrorReason.OTHER_ORGANISATION,
          );
        if (contractId !== null) {
          const service = await tx.repository(NetworkService).findOneBy({ id: incident.serviceId });
          if (service?.contractId !== contractId)
            throw badInput(
              'input.incidentId',
              'input.incidentId: the incident is on a service of another contract',
              ErrorReason.OTHER_CONTRACT,
            );
        }
        organisationId = incident.organisationId;
        incidentId = incident.id;
      }
      if (input.organisationId !== undefined) {
        assertInScope(tx, input.organisationId);
        if (organisationId !== undefined && organisationId !== input.organisationId) {
          throw badInput(
            'input.organisationId',
            'input.organisationId: the contract or incident belongs to another organisation',
            ErrorReason.OTHER_ORGANISATION,
          );
        }
        organisationId = input.organisationId;
      }
      const viewer = tx.requireViewer;
      const owner = organisationId ?? viewer.organisationId;
      assertInScope(tx, owner);
      const escalation = await tx.repository(Escalation).save(
        tx.repository(Escalation).create({
          organisationId: owner,
          supplierId: supplier.id,
          contractId,
          incidentId,
          kind: input.kind,
          summary,
          raisedBy: viewer.subject,
          raisedByOrganisationId: viewer.organisationId,
          raisedAt: now,
          updateIntervalHours: input.updateIntervalHours,
          level,
          status: EscalationStatus.OPEN,
          lastUpdateAt: now,
          nextUpdateDueAt: new Date(now.getTime() + input.updateIntervalHours * HOUR_MS),
          closureAgreedAt: null,
          closureAgreedBy: null,
          closedAt: null,
          closedBy: null,
          resolution: null,
        }),
      );
      await this.recordLevel(tx, escalation, null, level, `Raised at ${level}`, null, now);
      return escalation;
    });
  }

  /** Records an update given to the raiser; the next one falls due an agreed interval later. */
  async recordUpdate(ctx: RequestContext, id: number, input: EscalationUpdateInput, now = new Date()): Promise<Escalation> {
    const givenBy = requiredText(input.givenBy, 'input.givenBy');
    const text = requiredText(input.text, 'input.text');
    const givenAt = input.givenAt ?? now;
    if (givenAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      throw badInput('input.givenAt', 'input.givenAt: must not be in the future', ErrorReason.IN_FUTURE);
    return ctx.transaction(async (tx) => {
      const escalation = await this.get(tx, id);
      this.assertOpen(escalation);
      if (givenAt.getTime() < escalation.raisedAt.getTime())
        throw badInput('input.givenAt', 'input.givenAt: must not be before the escalation was raised', ErrorReason.BEFORE_RAISED);
      await tx.repository(EscalationUpdate).save(
        tx.repository(EscalationUpdate).create({
          escalationId: escalation.id,
          organisationId: escalation.organisationId,
          givenBy,
          givenAt,
          text,
          recordedBy: tx.requireViewer.subject,
        }),
      );
      if (givenAt.getTime() > escalation.lastUpdateAt.getTime()) {
        escalation.lastUpdateAt = givenAt;
        escalation.nextUpdateDueAt = new Date(givenAt.getTime() + escalation.updateIntervalHours * HOUR_MS);
      }
      return tx.repository(Escalation).save(escalation);
    });
  }

  /** Moves an escalation up a level (the next one unless named), recording why. */
  async escalate(ctx: RequestContext, id: number, input: EscalateInput, now = new Date()): Promise<Escalation> {
    const reason = requiredText(input.reason, 'input.reason');
    const obligation = optionalText(input.obligation) ?? null;
    return ctx.transaction(async (tx) => {
      const escalation = await this.get(tx, id);
      this.assertOpen(escalation);
      const current = ESCALATION_LEVELS.indexOf(escalation.level);
      const to = input.to ?? ESCALATION_LEVELS[current + 1];
      if (to === undefined || ESCALATION_LEVELS.indexOf(to) <= current) {
        throw conflict(`It is already at ${escalation.level}; an escalation only moves up (${ESCALATION_LEVELS.join(' → ')})`, {
          reason: ErrorReason.INVALID_ESCALATION_LEVEL,
        });
      }
      if (to === EscalationLevel.SERVICE_COORDINATOR && obligation === null) {
        throw badInput(
          'input.obligation',
          'input.obligation: the Service Co-ordinator takes obligation-level failures only; name the obligation not met',
          ErrorReason.OBLIGATION_REQUIRED,
        );
      }
      const from = escalation.level;
      escalation.level = to;
      const saved = await tx.repository(Escalation).save(escalation);
      await this.recordLevel(tx, saved, from, to, reason, obligation, now);
      return saved;
    });
  }

  /** The raiser agrees that the escalation may be closed; nobody else can. */
  async agreeClosure(ctx: RequestContext, id: number, now = new Date()): Promise<Escalation> {
    return ctx.transaction(async (tx) => {
      const escalation = await this.get(tx, id);
      this.assertOpen(escalation);
      if (!this.isRaiser(tx, escalation))
        throw conflict(`Only the raiser (${escalation.raisedBy}) can agree to closing it`, { reason: ErrorReason.NOT_RAISER });
      escalation.closureAgreedAt = now;
      escalation.closureAgreedBy = tx.requireViewer.subject;
      return tx.repository(Escalation).save(escalation);
    });
  }

  /** Closes an escalation: by the raiser, or by anyone once the raiser has agreed. */
  async close(ctx: RequestContext, id: number, resolution: string, now = new Date()): Promise<Escalation> {
    const text = requiredText(resolution, 'input.resolution');
    return ctx.transaction(async (tx) => {
      const escalation = await this.get(tx, id);
      this.assertOpen(escalation);
      const viewer = tx.requireViewer;
      if (escalation.closureAgreedAt === null) {
        if (!this.isRaiser(tx, escalation)) {
          throw conflict(`Closing needs the raiser's agreement: ${escalation.raisedBy} must close it or agree to closure first`, {
            reason: ErrorReason.RAISER_AGREEMENT_REQUIRED,
          });
        }
        escalation.closureAgreedAt = now;
        escalation.closureAgreedBy = viewer.subject;
      }
      escalation.status = EscalationStatus.CLOSED;
      escalation.closedAt = now;
      escalation.closedBy = viewer.subject;
      escalation.resolution = text.slice(0, 2000);
      escalation.nextUpdateDueAt = null;
      return tx.repository(Escalation).save(escalation);
    });
  }

  /** Deletes an escalation with its updates and moves, once its retention period is over. */
  async delete(ctx: RequestContext, id: number, now = new Date()): Promise<boolean> {
    return ctx.transaction(async (tx) => {
      const escalation = await this.get(tx, id);
      const until = retainedUntil(escalation);
      if (now.getTime() < until.getTime()) {
        throw conflict(
          `Escalations and complaints are kept for ${RETENTION_YEARS} years after closure; this one until ${until.toISOString().slice(0, 10)}`,
          { reason: ErrorReason.RETENTION_PERIOD },
        );
      }
      await tx.repository(Escalation).delete({ id: escalation.id });
      return true;
    });
  }

  private isRaiser(ctx: RequestContext, escalation: Escalation): boolean {
    const viewer = ctx.requireViewer;
    return viewer.subject === escalation.raisedBy && viewer.organisationId === escalation.raisedByOrganisationId;
  }

  private assertOpen(escalation: Escalation): void {
    if (escalation.status !== EscalationStatus.OPEN) throw conflict('The escalation is closed', { reason: ErrorReason.ESCALATION_CLOSED });
  }

  private recordLevel(
    ctx: RequestContext,
    escalation: Escalation,
    from: EscalationLevel | null,
    to: EscalationLevel,
    reason: string,
    obligation: string | null,
    at: Date,
  ) {
    return recordTransition(ctx, EscalationLevelChange, {
      subject: escalation,
      from,
      to,
      reason,
      also: { obligation: obligation === null ? null : obligation.slice(0, 500), changedAt: at },
    });
  }
}
