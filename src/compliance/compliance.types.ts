import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../graphql-types/scalars';
import { ComplianceCategory, ComplianceIssueCode, ComplianceSeverity } from './compliance-rules';
import { ConnectionAgreement } from './connection-agreement.entity';
import { DsptAssessment } from './dspt-assessment.entity';
import { IpAllocation } from './ip-allocation.entity';

registerEnumType(ComplianceCategory, { name: 'ComplianceCategory' });
registerEnumType(ComplianceSeverity, { name: 'ComplianceSeverity' });
registerEnumType(ComplianceIssueCode, { name: 'ComplianceIssueCode', description: 'A stable code for each kind of compliance issue.' });

@ObjectType({ description: "One thing missing, expiring, overdue or conflicting in an organisation's compliance register." })
export class ComplianceIssue {
  @Field(() => ComplianceIssueCode) code!: ComplianceIssueCode;
  @Field(() => ComplianceCategory) category!: ComplianceCategory;
  @Field(() => ComplianceSeverity) severity!: ComplianceSeverity;
  @Field({ description: 'What is wrong, in plain English.' }) message!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The global id of the record it is about (a site, an allocation, a request…), when there is one.',
  })
  subjectId!: string | null;
}

@ObjectType({ description: 'Where an organisation stands against its HSCN consumer obligations (handbook items 8 to 10).' })
export class ComplianceReport {
  organisationId!: number;

  @Field(() => DsptAssessment, { nullable: true, description: 'The latest DSPT publication.' }) dspt!: DsptAssessment | null;
  @Field(() => ConnectionAgreement, { nullable: true, description: 'The Connection Agreement version in force.' })
  connectionAgreement!: ConnectionAgreement | null;

  @Field(() => LocalDateScalar, { description: 'The day (England) it was worked out for.' }) asOf!: string;
  @Field(() => Int) dsptReminderDays!: number;
  @Field(() => Int) accessRequestOverdueDays!: number;
  @Field({ description: 'True when nothing is missing, expiring, overdue or conflicting.' }) compliant!: boolean;
  @Field(() => [ComplianceIssue]) missing!: ComplianceIssue[];
  @Field(() => [ComplianceIssue]) expiring!: ComplianceIssue[];
  @Field(() => [ComplianceIssue]) overdue!: ComplianceIssue[];
  @Field(() => [ComplianceIssue]) conflicting!: ComplianceIssue[];
}

export enum OverlapKind {
  IDENTICAL = 'IDENTICAL',
  /** the allocation contains the other */
  CONTAINS = 'CONTAINS',
}
registerEnumType(OverlapKind, { name: 'OverlapKind' });

@ObjectType({ description: 'Two allocations of one organisation that share addresses.' })
export class IpOverlap {
  @Field(() => IpAllocation, { description: 'The wider (or, when identical, the earlier) allocation.' }) allocation!: IpAllocation;
  @Field(() => IpAllocation) overlapsWith!: IpAllocation;
  @Field(() => OverlapKind) kind!: OverlapKind;
  @Field({ description: 'True when the later allocation was recorded with an overlap exception.' }) accepted!: boolean;
  @Field(() => String, { nullable: true }) exception!: string | null;
}
