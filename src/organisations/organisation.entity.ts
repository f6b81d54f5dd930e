import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';

export enum OrganisationType {
  TRUST = 'TRUST',
  ICB = 'ICB',
  CSU = 'CSU',
  GP_PRACTICE = 'GP_PRACTICE',
  CARE_PROVIDER = 'CARE_PROVIDER',
  OTHER = 'OTHER',
}
registerEnumType(OrganisationType, { name: 'OrganisationType', description: 'Kind of HSCN consumer.' });

/** An HSCN consumer, identified nationally by its ODS code. */
@ObjectType('Organisation', { implements: BaseRecord })
@Entity('organisation')
export class Organisation extends BaseRecord {
  static readonly typename = 'Organisation';

  @Field({ description: 'NHS Organisation Data Service code, e.g. RX1.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 10 })
  odsCode!: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => OrganisationType)
  @Column({ type: 'varchar', length: 20 })
  type!: OrganisationType;
}
