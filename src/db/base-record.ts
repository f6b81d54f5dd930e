import { Field, ID, InterfaceType } from 'type-graphql';
import { BeforeInsert, BeforeUpdate, Column, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../common/global-id';

export interface NodeClass {
  /** the GraphQL type name, which is also the prefix of the type's global ids */
  readonly typename: string;
}

/**
 * Every stored record: an integer key that never leaves the server, exposed as an opaque
 * global `id`, and UTC timestamps set by the application so that no database session
 * time zone can skew them.
 */
@InterfaceType('Node', {
  description: 'An object with an opaque global id, fetchable with `node(id)`.',
  resolveType: (value: object) => (value.constructor as unknown as NodeClass).typename,
})
export abstract class BaseRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Field(() => Date)
  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Field(() => Date)
  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;

  @Field(() => ID, { name: 'id', description: 'Opaque global id.' })
  get globalId(): string {
    return toGlobalId((this.constructor as unknown as NodeClass).typename, this.id);
  }

  @BeforeInsert()
  protected stampCreated(): void {
    const now = new Date();
    this.createdAt ??= now;
    this.updatedAt ??= now;
  }

  @BeforeUpdate()
  protected stampUpdated(): void {
    this.updatedAt = new Date();
  }
}
