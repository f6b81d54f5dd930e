import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { penceTransformer, type Pence } from '../common/money';
import { Contract } from '../contracts/contract.entity';
import { BaseRecord } from '../db/base-record';
import { MoneyScalar } from '../graphql-types/scalars';

/** One availability band: a shortfall below target of up to `shortfallUpTo` points earns `creditPercent` of the monthly charge. */
@ObjectType('AvailabilityCreditBand')
export class AvailabilityCreditBand {
  @Field(() => String, {
    nullable: true,
    description: 'Upper bound of the shortfall in percentage points (exact decimal); null for "beyond".',
  })
  shortfallUpTo!: string | null;

  @Field({ description: "Credit as a percent of the service's monthly charge (exact decimal)." })
  creditPercent!: string;
}

/**
 * How a contract's service credits are worked out: availability bands, a credit per
 * incident resolved late, and a monthly cap. All amounts exact.
 */
@ObjectType('CreditPolicy', { implements: BaseRecord })
@Entity('credit_policy')
@Index(['contractId'], { unique: true })
export class CreditPolicy extends BaseRecord {
  static readonly typename = 'CreditPolicy';

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  contractId!: number;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  @Field(() => [AvailabilityCreditBand], { description: 'Ascending by shortfall; the last band may be open-ended.' })
  @Column({ type: 'simple-json' })
  availabilityBands!: AvailabilityCreditBand[];

  @Field(() => String, {
    nullable: true,
    description: "Credit per incident resolved outside its target, percent of the service's monthly charge.",
  })
  @Column({ type: 'varchar', length: 12, nullable: true })
  resolutionBreachPercent!: string | null;

  @Field(() => String, { nullable: true, description: "Monthly cap as a percent of the contract's monthly charges." })
  @Column({ type: 'varchar', length: 12, nullable: true })
  capPercent!: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Monthly cap as a fixed sum (the lower cap applies when both are set).' })
  @Column({ type: 'bigint', nullable: true, transformer: penceTransformer })
  capAmount!: Pence | null;
}
