import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A service's nearest-rank 95th percentiles of latency, jitter and packet loss over one UK
 * calendar month, fixed from the raw samples just before the month's first samples are
 * pruned. A percentile cannot be rebuilt from sums, so without this a month's P95 terms would
 * have no data once its samples were gone. Units as the samples': microseconds and parts per
 * million. The counts say how many samples each percentile was taken over.
 */
@Entity('performance_monthly_percentile')
export class PerformanceMonthlyPercentile {
  @PrimaryColumn({ type: 'int' })
  serviceId!: number;

  /** the UK calendar month, "YYYY-MM" */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  latencyCount!: number;

  @Column({ type: 'int', nullable: true })
  latencyP95Us!: number | null;

  @Column({ type: 'int' })
  jitterCount!: number;

  @Column({ type: 'int', nullable: true })
  jitterP95Us!: number | null;

  @Column({ type: 'int' })
  packetLossCount!: number;

  @Column({ type: 'int', nullable: true })
  packetLossP95Ppm!: number | null;
}

/**
 * A month whose percentiles have been fixed: from then on its samples may be pruned, and
 * corrections to it are refused (they could no longer change the percentiles on record).
 */
@Entity('performance_month_frozen')
export class PerformanceMonthFrozen {
  @PrimaryColumn({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'datetime', precision: 3 })
  frozenAt!: Date;

  /** how many services had samples in the month */
  @Column({ type: 'int' })
  services!: number;
}
