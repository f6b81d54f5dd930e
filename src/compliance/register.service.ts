import { IsNull } from 'typeorm';
import { badInput, conflict } from '../common/errors';
import { isLocalDate, type LocalDate } from '../common/dates';
import { optionalText, requiredText } from '../common/text';
import { assertInScope } from '../auth/tenancy';
import type { RequestContext } from '../request/context';
import { compareAgreementVersions, isAgreementVersion } from './agreement-version';
import { ConnectionAgreement } from './connection-agreement.entity';
import { dsptExpiryOf, dsptYearOf, latestExpiryFor } from './dspt';
import { DsptAssessment, type DsptStatus } from './dspt-assessment.entity';
import { latestCommitted, lockOrganisation } from './organisation-lock';
import { notInFuture } from './past-date';
import { ErrorReason } from '../common/error-reasons';

/** The DSPT replaced the Information Governance Toolkit in April 2018. */
const DSPT_FIRST_DAY = '2018-04-01';

export interface DsptInput {
  status: DsptStatus;
  publishedOn: LocalDate;
  expiresOn?: LocalDate;
  notes?: string | null;
}

export interface AgreementInput {
  version: string;
  signedOn: LocalDate;
  representingCustomers: boolean;
  signedByName: string;
  signedByJobTitle?: string | null;
}

/**
 * The organisation's Data Security and Protection Toolkit publications and its signed
 * HSCN Connection Agreements: handbook item 8. Both keep their history.
 */
export class RegisterService {
  /** Every DSPT publication, newest first: the first is the current one. */
  dsptAssessments(ctx: RequestContext, organisationId: number): Promise<DsptAssessment[]> {
    assertInScope(ctx, organisationId);
    return ctx.repository(DsptAssessment).find({ where: { organisationId }, order: { publishedOn: 'DESC', id: 'DESC' } });
  }

  async recordDspt(ctx: RequestContext, organisationId: number, input: DsptInput): Promise<DsptAssessment> {
    assertInScope(ctx, organisationId);
    const publishedOn = notInFuture(input.publishedOn, 'input.publishedOn', 'the publication date');
    if (publishedOn < DSPT_FIRST_DAY)
      throw badInput(
        'input.publishedOn',
        `input.publishedOn: the DSPT began in April 2018; ${publishedOn} is earlier`,
        ErrorReason.OUT_OF_RANGE,
      );
    const usual = dsptExpiryOf(publishedOn);
    let expiresOn = usual;
    if (input.expiresOn !== undefined && input.expiresOn !== null) {
      if (!isLocalDate(input.expiresOn))
        throw badInput('input.expiresOn', `input.expiresOn: "${input.expiresOn}" is not a calendar date`, ErrorReason.INVALID_DATE);
      if (input.expiresOn < usual || input.expiresOn > latestExpiryFor(publishedOn)) {
        throw badInput(
          'input.expiresOn',
          `input.expiresOn: an assessment published on ${publishedOn} expires on ${usual}; an extended date must fall between then ` +
            `and ${latestExpiryFor(publishedOn)}`,
          ErrorReason.OUT_OF_RANGE,
        );
      }
      expiresOn = input.expiresOn;
    }
    return ctx.transaction(async (tx) => {
      await lockOrganisation(tx, organisationId);
      const same = await tx
        .repository(DsptAssessment)
        .findOne({ where: { organisationId, publishedOn, status: input.status }, ...latestCommitted(tx) });
      if (same)
        throw conflict(`A ${input.status} publication on ${publishedOn} is already recorded`, {
          reason: ErrorReason.DUPLICATE_DSPT_PUBLICATION,
        });
      return tx.repository(DsptAssessment).save(
        tx.repository(DsptAssessment).create({
          organisationId,
          status: input.status,
          publishedOn,
          assessmentYear: dsptYearOf(publishedOn),
          expiresOn,
          notes: optionalText(input.notes) ?? null,
          recordedBy: ctx.requireViewer.subject,
        }),
      );
    });
  }

  /** Every signed version, newest first. */
  connectionAgreements(ctx: RequestContext, organisationId: number): Promise<ConnectionAgreement[]> {
    assertInScope(ctx, organisationId);
    return ctx.repository(ConnectionAgreement).find({ where: { organisationId }, order: { signedOn: 'DESC', id: 'DESC' } });
  }

  /**
   * Records a signed version. It must be newer than the version in force, which it
   * supersedes; an older or equal version is refused, since it would supersede nothing.
   */
  async recordAgreement(ctx: RequestContext, organisationId: number, input: AgreementInput): Promise<ConnectionAgreement> {
    assertInScope(ctx, organisationId);
    const version = input.version.trim();
    if (!isAgreementVersion(version))
      throw badInput(
        'input.version',
        `input.version: "${input.version}" is not a version such as "3" or "3.1"`,
        ErrorReason.INVALID_VERSION,
      );
    const signedOn = notInFuture(input.signedOn, 'input.signedOn', 'the signature date');
    const signedByName = requiredText(input.signedByName, 'input.signedByName');
    return ctx.transaction(async (tx) => {
      const repository = tx.repository(ConnectionAgreement);
      await lockOrganisation(tx, organisationId);
      const current = await repository.findOne({
        where: { organisationId, supersededById: IsNull() },
        order: { id: 'DESC' },
        ...latestCommitted(tx),
      });
      if (current) {
        if (compareAgreementVersions(version, current.version) <= 0) {
          throw conflict(`Version ${version} is not newer than version ${current.version}, signed on ${current.signedOn} and in force`, {
            field: 'input.version',
            reason: ErrorReason.NOT_NEWER_VERSION,
          });
        }
        if (signedOn < current.signedOn) {
          throw badInput(
            'input.signedOn',
            `input.signedOn: version ${version} cannot have been signed (${signedOn}) before version ${current.version} (${current.signedOn})`,
            ErrorReason.BEFORE_CURRENT,
          );
        }
      }
      const agreement = await repository.save(
        repository.create({
          organisationId,
          version,
          signedOn,
          representingCustomers: input.representingCustomers,
          signedByName,
          signedByJobTitle: optionalText(input.signedByJobTitle) ?? null,
          recordedBy: ctx.requireViewer.subject,
          supersededById: null,
          supersededOn: null,
        }),
      );
      if (current) {
        // update() runs no hooks: the timestamp is set here
        await repository.update({ id: current.id }, { supersededById: agreement.id, supersededOn: signedOn, updatedAt: new Date() });
      }
      return agreement;
    });
  }
}
