import { ArrayMaxSize, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Clearable } from '../graphql-types/clearable';
import { EscalationKind, EscalationLevel, EscalationStatus } from './escalation.entity';

@InputType()
export class EscalationFilterInput {
  @Field(() => [EscalationKind], { nullable: true }) @IsOptional() @ArrayMaxSize(2) kind?: EscalationKind[];
  @Field(() => [EscalationStatus], { nullable: true }) @IsOptional() @ArrayMaxSize(2) status?: EscalationStatus[];
  @Field(() => [EscalationLevel], { nullable: true }) @IsOptional() @ArrayMaxSize(3) level?: EscalationLevel[];
  @Field(() => ID, { nullable: true }) supplierId?: string;
  @Field(() => ID, { nullable: true }) contractId?: string;
  @Field(() => ID, { nullable: true }) incidentId?: string;
}

@InputType()
export class RaiseEscalationInput {
  @Field(() => EscalationKind) kind!: EscalationKind;
  @Field(() => ID) supplierId!: string;
  @Field(() => ID, { nullable: true, description: 'The contract it is about; its organisation owns the escalation.' })
  @Clearable()
  contractId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The incident it is about.' }) @Clearable() incidentId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      "The organisation it is raised for (a CSU for one of its trusts); defaults to the contract's, the incident's, or the caller's own.",
  })
  organisationId?: string;
  @Field() @Length(1, 2000) summary!: string;
  @Field(() => Int, { description: 'Hours agreed between updates to the raiser.' }) @Min(1) @Max(720) updateIntervalHours!: number;
  @Field(() => EscalationLevel, { nullable: true, description: 'CNSP_SERVICE_DESK (default) or CNSP_SERVICE_MANAGER.' })
  level?: EscalationLevel;
}

@InputType()
export class RecordEscalationUpdateInput {
  @Field(() => ID) escalationId!: string;
  @Field({ description: 'Who gave the update, e.g. "PDN service manager (A. Patel)".' }) @Length(1, 200) givenBy!: string;
  @Field(() => Date, { nullable: true, description: 'When it was given; defaults to now.' }) givenAt?: Date;
  @Field() @Length(1, 4000) text!: string;
}

@InputType()
export class EscalateInput {
  @Field(() => ID) escalationId!: string;
  @Field(() => EscalationLevel, { nullable: true, description: 'Defaults to the next level up.' }) to?: EscalationLevel;
  @Field() @Length(1, 2000) reason!: string;
  @Field(() => String, { nullable: true, description: 'The HSCN obligation not met; required to escalate to the Service Co-ordinator.' })
  @Clearable()
  @IsOptional()
  @Length(0, 500)
  obligation?: string | null;
}

@InputType()
export class CloseEscalationInput {
  @Field(() => ID) escalationId!: string;
  @Field() @Length(1, 2000) resolution!: string;
}
