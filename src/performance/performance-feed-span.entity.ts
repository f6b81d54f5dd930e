import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What one performance feed run delivered for one service: the span of time its samples
 * cover and the first and last rows of the document they were in. Samples come in at
 * national scale and are pruned after the retention period, so they carry no location of
 * their own; this row, one per run and service, written with each batch, is what lets a
 * downtime interval name the runs and rows behind it (the runs whose span for the service
 * overlaps the interval), for as long as the rollups the interval is read from are kept.
 */
@Entity('performance_feed_span')
@Index(['serviceId', 'firstIntervalStart'])
export class PerformanceFeedSpan {
  @PrimaryColumn({ type: 'int' })
  feedRunId!: number;

  @PrimaryColumn({ type: 'int' })
  serviceId!: number;

  @Column({ type: 'int' })
  organisationId!: number;

  /** the start of the earliest interval the run stored for the service */
  @Column({ type: 'datetime' })
  firstIntervalStart!: Date;

  /** the end of the latest interval the run stored for the service */
  @Column({ type: 'datetime' })
  lastIntervalEnd!: Date;

  /** the service's first row in the run's document: a CSV "line N" or a TMF628 JSON path */
  @Column({ type: 'varchar', length: 200 })
  firstLocation!: string;

  /** its last row; rows between the two may be about other services */
  @Column({ type: 'varchar', length: 200 })
  lastLocation!: string;

  /** samples the run stored for the service (new or corrected; identical re-sends are not counted) */
  @Column({ type: 'int' })
  samples!: number;
}
