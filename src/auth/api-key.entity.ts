import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';
import { Role } from './roles';

/**
 * An integration's credential. Only a SHA-256 digest of the secret is kept; the key is
 * shown once, when it is created. Keys are revoked, never deleted, so that their use
 * stays traceable.
 */
@ObjectType('ApiKey', { implements: BaseRecord })
@Entity('api_key')
export class ApiKey extends BaseRecord {
  static readonly typename = 'ApiKey';

  /** the owning organisation: a foreign key by the entity's name, since auth ranks below organisations/ */
  @Column({ type: 'int' })
  @ForeignKey('Organisation', { onDelete: 'RESTRICT' })
  organisationId!: number;

  /** for SUPPLIER_FEED keys: the only supplier whose feeds the key may send */
  @Column({ type: 'int', nullable: true })
  supplierId!: number | null;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field({ description: "The key's public prefix, to recognise it in logs and lists." })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ type: 'varchar', length: 64 })
  secretHash!: string;

  @Field(() => [Role])
  @Column({ type: 'simple-array' })
  roles!: Role[];

  @Field(() => String, { description: 'Subject of the user who created the key.' })
  @Column({ type: 'varchar', length: 200 })
  createdBy!: string;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
