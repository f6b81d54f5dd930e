import { Field, ObjectType } from 'type-graphql';
import { Column, type DeepPartial, type EntityTarget, type ObjectLiteral, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { SYSTEM_ACTOR } from '../common/system-actor';
import { cutToLength } from '../common/text';
import { BaseRecord } from './base-record';

/**
 * The columns most histories of moves share: the moved record's organisation, why, and who.
 * A subclass may describe a field again (`changedBy`), but not change a column: TypeORM keeps
 * the first declaration, so EscalationLevelChange (a reason of 2000) declares all three itself.
 * Never in the schema itself: no field returns it, and it is no interface.
 */
@ObjectType()
export abstract class TransitionRecord extends BaseRecord {
  @Column({ type: 'int' })
  organisationId!: number;

  @Field()
  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  changedBy!: string;
}

/**
 * Where one history table keeps a move. Each table names its columns its own way
 * (`contractId`/`fromStatus`, `disputeId`/`fromState`, `escalationId`/`fromLevel`…); renaming
 * them is a migration with data, so each entity declares its names here instead
 * (`static readonly transition`) and every move is written through `recordTransition`.
 */
export interface TransitionColumns<T> {
  /** the id of the record that moved */
  readonly subject: keyof T & string;
  readonly from: keyof T & string;
  readonly to: keyof T & string;
  /** the flag set when the system, not a person, made the move; absent where only people move */
  readonly automatic?: keyof T & string;
  /** the reason column's length: a longer reason is cut */
  readonly reasonLength: number;
}

/** What every history table holds besides its own columns. */
export interface TransitionRow {
  organisationId: number;
  reason: string;
  changedBy: string;
}

export interface TransitionEntity<T, C extends TransitionColumns<T>> {
  new (): T;
  readonly transition: C;
}

export interface Move<T, C extends TransitionColumns<T>> {
  /** the record that moved */
  subject: { id: number; organisationId: number };
  /** null for the record's creation */
  from: T[C['to']] | null;
  to: T[C['to']];
  reason: string;
  /** the system made the move: recorded as SYSTEM_ACTOR, never a person */
  automatic?: boolean;
  /** when the system's move happened (default now) */
  at?: Date;
  /** the table's own further columns: an order's effective day, an escalation's obligation */
  also?: Partial<T>;
}

/** What recording needs of a request context (structural, so db/ does not depend on the API layer). */
export interface TransitionScope {
  repository<E extends ObjectLiteral>(target: EntityTarget<E>): Repository<E>;
  readonly requireViewer: { readonly subject: string };
}

/**
 * Records one move on its history table. A person's move is saved as an entity, by the
 * viewer; the system's (a credit matched, an approval withdrawn) is appended as a plain row
 * stamped `at`, as the ledger writes, and never asks for a viewer (there may be none).
 */
export async function recordTransition<T extends TransitionRow & ObjectLiteral, C extends TransitionColumns<T>>(
  ctx: TransitionScope,
  entity: TransitionEntity<T, C>,
  move: Move<T, C>,
): Promise<void> {
  const columns = entity.transition;
  const row: Record<string, unknown> = {
    ...move.also,
    [columns.subject]: move.subject.id,
    organisationId: move.subject.organisationId,
    [columns.from]: move.from,
    [columns.to]: move.to,
    reason: cutToLength(move.reason, columns.reasonLength),
  };
  const repository = ctx.repository(entity);
  if (move.automatic) {
    if (!columns.automatic) throw new Error(`${entity.name} records no automatic moves`);
    const at = move.at ?? new Date();
    await repository.insert({
      createdAt: at,
      updatedAt: at,
      ...row,
      changedBy: SYSTEM_ACTOR,
      [columns.automatic]: true,
    } as unknown as QueryDeepPartialEntity<T>);
    return;
  }
  await repository.save(repository.create({ ...row, changedBy: ctx.requireViewer.subject } as unknown as DeepPartial<T>));
}
