import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { TransitionRecord, type TransitionColumns } from '../db/transitions';
import { Contract, ContractStatus } from './contract.entity';

/** One step of a contract's lifecycle: who moved it, when, and why. */
@ObjectType('ContractStatusChange', { implements: BaseRecord })
@Entity('contract_status_change')
@Index(['contractId'])
export class ContractStatusChange extends TransitionRecord {
  static readonly typename = 'ContractStatusChange';
  static readonly transition = {
    subject: 'contractId',
    from: 'fromStatus',
    to: 'toStatus',
    reasonLength: 1000,
  } as const satisfies TransitionColumns<ContractStatusChange>;

  @Column({ type: 'int' })
  contractId!: number;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  @Field(() => ContractStatus, { nullable: true, description: "Null for the contract's creation." })
  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus!: ContractStatus | null;

  @Field(() => ContractStatus)
  @Column({ type: 'varchar', length: 20 })
  toStatus!: ContractStatus;

  @Field({ description: 'Subject of the user or key that made the change.' })
  @Column({ type: 'varchar', length: 200 })
  override changedBy!: string;
}
