import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { Contract } from './contract.entity';

export enum ContractDocumentKind {
  CONTRACT = 'CONTRACT',
  ORDER_FORM = 'ORDER_FORM',
  SCHEDULE = 'SCHEDULE',
  VARIATION = 'VARIATION',
  SLA = 'SLA',
  OTHER = 'OTHER',
}
registerEnumType(ContractDocumentKind, { name: 'ContractDocumentKind' });

/** A link to a contract document held in the organisation's document store. */
@ObjectType('ContractDocument', { implements: BaseRecord })
@Entity('contract_document')
@Index(['contractId'])
export class ContractDocument extends BaseRecord {
  static readonly typename = 'ContractDocument';

  @Column({ type: 'int' })
  contractId!: number;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  @Column({ type: 'int' })
  organisationId!: number;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field(() => ContractDocumentKind)
  @Column({ type: 'varchar', length: 20 })
  kind!: ContractDocumentKind;

  @Field()
  @Column({ type: 'varchar', length: 2000 })
  url!: string;
}
