import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { BaseRecord } from '../db/base-record';
import { FeedRun } from './feed-run.entity';

/** The kinds of record a feed run is answered with (`FeedRun.invoices`, `FeedRun.incidents`). */
export enum FeedRecordKind {
  INVOICE = 'INVOICE',
  INCIDENT = 'INCIDENT',
}

/**
 * One record a feed run stored: an invoice it created or replaced, an incident it created or
 * changed. The record's own `feedRunId`/`lastFeedRunId` name only the last run that touched
 * it; this row keeps, for every run, what that run did, so that a client finds what its
 * document became. Rows are in document order (`position`, the item's place among the rows
 * read); a record left unchanged by a run has none for it.
 *
 * The invoice and the incident are named by entity ('Invoice', 'Incident'), not imported: the
 * domains that own them write these rows (billing/invoice-writer.ts, incidents/incident-writer.ts)
 * and sit above this folder. The foreign keys, their cascades and the loaders' `include` are
 * as they would be with the classes; whoever reads `invoice` or `incident` as their own
 * entity (feeds/feed-intake.ts, feeds/feed-run.service.ts; above both) knows which it asked for.
 */
@Entity('feed_run_record')
@Index(['feedRunId', 'kind', 'position'])
@Index(['feedRunId', 'invoiceId'], { unique: true })
@Index(['feedRunId', 'incidentId'], { unique: true })
export class FeedRunRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  feedRunId!: number;

  @ManyToOne(() => FeedRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'feedRunId' })
  feedRun?: FeedRun;

  /** the record's organisation (a CSU's run stores records of several) */
  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'varchar', length: 10 })
  kind!: FeedRecordKind;

  @Column({ type: 'int', nullable: true })
  invoiceId!: number | null;

  @ManyToOne('Invoice', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoiceId' })
  invoice?: BaseRecord;

  @Column({ type: 'int', nullable: true })
  incidentId!: number | null;

  @ManyToOne('Incident', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incidentId' })
  incident?: BaseRecord;

  /** the item's place in the run's document: the Nth row (or item) read */
  @Column({ type: 'int' })
  position!: number;

  /** new with this run, rather than replaced (an invoice) or changed (an incident) */
  @Column({ type: 'boolean' })
  created!: boolean;
}
