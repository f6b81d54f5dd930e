import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Sums, counts and maxima of a service's samples over one bucket. A mean is sum ÷ count;
 * availability is upSeconds ÷ coveredSeconds, and coveredSeconds ÷ the bucket's length is
 * the data coverage (intervals with no data are unknown, not up).
 */
abstract class RollupMeasures {
  @Column({ type: 'int' })
  organisationId!: number;

  @Column({ type: 'int' })
  sampleCount!: number;

  /** seconds of the bucket for which availability was reported */
  @Column({ type: 'int' })
  coveredSeconds!: number;

  @Column({ type: 'int' })
  upSeconds!: number;

  @Column({ type: 'int' })
  latencyCount!: number;

  @Column({ type: 'bigint' })
  latencySumUs!: string;

  @Column({ type: 'int', nullable: true })
  latencyMaxUs!: number | null;

  @Column({ type: 'int' })
  jitterCount!: number;

  @Column({ type: 'bigint' })
  jitterSumUs!: string;

  @Column({ type: 'int', nullable: true })
  jitterMaxUs!: number | null;

  @Column({ type: 'int' })
  packetLossCount!: number;

  @Column({ type: 'bigint' })
  packetLossSumPpm!: string;

  @Column({ type: 'int', nullable: true })
  packetLossMaxPpm!: number | null;

  @Column({ type: 'int' })
  utilisationInCount!: number;

  @Column({ type: 'bigint' })
  utilisationInSumBp!: string;

  @Column({ type: 'int', nullable: true })
  utilisationInMaxBp!: number | null;

  @Column({ type: 'int' })
  utilisationOutCount!: number;

  @Column({ type: 'bigint' })
  utilisationOutSumBp!: string;

  @Column({ type: 'int', nullable: true })
  utilisationOutMaxBp!: number | null;
}

/** A service's samples over one UTC hour. */
@Entity('performance_hourly')
@Index(['organisationId', 'hourStart'])
export class PerformanceHourly extends RollupMeasures {
  @PrimaryColumn({ type: 'int' })
  serviceId!: number;

  @PrimaryColumn({ type: 'datetime' })
  hourStart!: Date;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  qosClass!: string;
}

/** A service's samples over one UK calendar day, with the day's 95th-percentile utilisation. */
@Entity('performance_daily')
@Index(['organisationId', 'day'])
export class PerformanceDaily extends RollupMeasures {
  @PrimaryColumn({ type: 'int' })
  serviceId!: number;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  qosClass!: string;

  /** nearest-rank 95th percentile of the day's utilisation samples, hundredths of a percent */
  @Column({ type: 'int', nullable: true })
  utilisationInP95Bp!: number | null;

  @Column({ type: 'int', nullable: true })
  utilisationOutP95Bp!: number | null;
}
