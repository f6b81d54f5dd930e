import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One raw measurement interval of one service, as a supplier reported it. Its natural key
 * (service, interval start, interval length, QoS class) is the primary key, so a re-sent
 * sample replaces itself. Metrics are scaled integers so that rollups add up exactly:
 * latency and jitter in microseconds, packet loss in parts per million, utilisation in
 * hundredths of a percent. Raw samples are kept for the retention period; reports read the
 * hourly and daily rollups.
 */
@Entity('performance_sample')
@Index(['serviceId', 'day'])
export class PerformanceSample {
  @PrimaryColumn({ type: 'int' })
  serviceId!: number;

  @PrimaryColumn({ type: 'datetime' })
  intervalStart!: Date;

  @PrimaryColumn({ type: 'int' })
  intervalSeconds!: number;

  /** '' for the service as a whole */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  qosClass!: string;

  @Column({ type: 'int' })
  organisationId!: number;

  /** the UTC hour the interval starts in: the hourly rollup it belongs to */
  @Column({ type: 'datetime' })
  hourStart!: Date;

  /** the UK calendar date the interval starts on: the daily rollup it belongs to */
  @Column({ type: 'date' })
  day!: string;

  @Column({ type: 'int', nullable: true })
  upSeconds!: number | null;

  @Column({ type: 'int', nullable: true })
  latencyUs!: number | null;

  @Column({ type: 'int', nullable: true })
  jitterUs!: number | null;

  @Column({ type: 'int', nullable: true })
  packetLossPpm!: number | null;

  @Column({ type: 'int', nullable: true })
  utilisationInBp!: number | null;

  @Column({ type: 'int', nullable: true })
  utilisationOutBp!: number | null;

  @Column({ type: 'bigint', nullable: true })
  bpsIn!: string | null;

  @Column({ type: 'bigint', nullable: true })
  bpsOut!: string | null;

  @Column({ type: 'int' })
  feedRunId!: number;
}
