import { EventSubscriber } from 'typeorm';
import type {
  EntityManager,
  EntityMetadata,
  EntitySubscriberInterface,
  InsertEvent,
  ObjectLiteral,
  QueryRunner,
  RemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  UpdateEvent,
} from 'typeorm';
import { AuditAction, AuditEntry } from './audit-entry.entity';
import { currentAuditScope } from './audit-scope';

/**
 * Tables not audited row by row: raw measurements and what is derived from them or from a
 * document already kept whole (its feed run is audited), and the audit trail itself.
 */
const NOT_AUDITED = new Set([
  'audit_entry',
  'performance_sample',
  'performance_hourly',
  'performance_daily',
  'performance_feed_span',
  'feed_rejection',
  'inventory_difference',
  'invoice_line',
  'reconciliation_finding',
  // each POST of a webhook delivery: the delivery's own row records the outcome
  'webhook_delivery_attempt',
]);
/** Columns never copied into the trail: secrets, sealed or hashed, and the digests of the keys that sealed them. */
const SECRET = /hash|secret|password|token|ciphertext|keyid/i;
/** MySQL's TEXT holds 65,535 bytes: a longer snapshot is cut, and says so. */
const MAX_SNAPSHOT = 60_000;
const CHUNK = 200;

const pending = new WeakMap<QueryRunner, Partial<AuditEntry>[]>();

/**
 * An entity no organisation owns whose changes concern many (the national supplier
 * catalogue): the entry is written once for the actor's organisation and once more for each
 * organisation this names, so that each reads it in its own trail and none reads another's.
 */
interface SharedRecordClass {
  auditAudience?(manager: EntityManager, record: ObjectLiteral): Promise<readonly number[]>;
}

/**
 * Writes an audit entry for every insert, update and removal made inside an audit scope,
 * in the same transaction as the change (buffered and written in one statement per 200
 * just before commit), so a change and its record stand or fall together.
 */
@EventSubscriber()
export class AuditSubscriber implements EntitySubscriberInterface<ObjectLiteral> {
  afterInsert(event: InsertEvent<ObjectLiteral>) {
    return this.record(event.queryRunner, event.metadata, AuditAction.CREATE, null, event.entity);
  }

  afterUpdate(event: UpdateEvent<ObjectLiteral>) {
    return this.record(event.queryRunner, event.metadata, AuditAction.UPDATE, event.databaseEntity ?? null, event.entity ?? null);
  }

  afterRemove(event: RemoveEvent<ObjectLiteral>) {
    const gone = event.databaseEntity ?? event.entity ?? null;
    return this.record(event.queryRunner, event.metadata, AuditAction.DELETE, gone, null, event.entityId);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent) {
    const entries = pending.get(event.queryRunner);
    if (!entries?.length) return;
    pending.delete(event.queryRunner);
    for (let i = 0; i < entries.length; i += CHUNK) {
      await event.queryRunner.manager
        .createQueryBuilder()
        .insert()
        .into(AuditEntry)
        .values(entries.slice(i, i + CHUNK))
        .callListeners(false)
        .execute();
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent) {
    pending.delete(event.queryRunner);
  }

  private async record(
    queryRunner: QueryRunner,
    metadata: EntityMetadata,
    action: AuditAction,
    before: ObjectLiteral | null,
    after: ObjectLiteral | null | undefined,
    removedId?: unknown,
  ): Promise<void> {
    const scope = currentAuditScope();
    if (!scope || NOT_AUDITED.has(metadata.tableName)) return;
    const subject = after ?? before ?? {};
    const id = subject.id ?? before?.id ?? (typeof removedId === 'number' ? removedId : null);
    const organisationId = subject.organisationId ?? before?.organisationId ?? scope.actorOrganisationId;
    const target = metadata.target as { typename?: string } & SharedRecordClass;
    const audience = target.auditAudience ? await target.auditAudience(queryRunner.manager, { ...subject, id }) : [];
    const own = typeof organisationId === 'number' ? organisationId : null;
    const now = new Date();
    const entry: Partial<AuditEntry> = {
      createdAt: now,
      updatedAt: now,
      organisationId: own,
      actor: scope.actor.slice(0, 200),
      actorOrganisationId: scope.actorOrganisationId,
      via: scope.via,
      entryPoint: scope.entryPoint.slice(0, 120),
      requestId: scope.requestId,
      entityType: (target.typename ?? metadata.name).slice(0, 60),
      entityId: typeof id === 'number' ? id : null,
      action,
      before: before ? snapshot(metadata, before) : null,
      after: after ? snapshot(metadata, after) : null,
    };
    const entries = [
      entry,
      ...audience.filter((organisation) => organisation !== own).map((organisation) => ({ ...entry, organisationId: organisation })),
    ];
    if (queryRunner.isTransactionActive) {
      const list = pending.get(queryRunner) ?? [];
      list.push(...entries);
      pending.set(queryRunner, list);
    } else {
      await queryRunner.manager.createQueryBuilder().insert().into(AuditEntry).values(entries).callListeners(false).execute();
    }
  }
}

/** The record's own columns (no relations, no secrets) as JSON, money and other bigints as strings. */
export function snapshot(metadata: EntityMetadata, record: ObjectLiteral): string {
  const values: Record<string, unknown> = {};
  for (const column of metadata.columns) {
    const name = column.propertyName;
    if (!(name in record) || SECRET.test(name)) continue;
    const value = record[name];
    values[name] = typeof value === 'bigint' ? value.toString() : value instanceof Date ? value.toISOString() : value;
  }
  const json = JSON.stringify(values);
  return json.length <= MAX_SNAPSHOT ? json : JSON.stringify({ truncated: true, head: json.slice(0, MAX_SNAPSHOT - 100) });
}
