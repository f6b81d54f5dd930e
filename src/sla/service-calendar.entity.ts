import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../db/base-record';

@ObjectType('WeeklyWindow', { description: 'Open on an ISO weekday (1 = Monday) from one UK time to another.' })
export class WeeklyWindowType {
  @Field(() => Int) weekday!: number;
  @Field({ description: '"HH:MM", UK time' }) from!: string;
  @Field({ description: '"HH:MM", UK time; "24:00" for midnight at the end of the day' }) to!: string;
}

/** An organisation's own service-hours calendar: weekly windows in UK time, with or without bank holidays. */
@ObjectType('ServiceCalendar', { implements: BaseRecord })
@Entity('service_calendar')
@Index(['organisationId', 'name'], { unique: true })
export class ServiceCalendarRecord extends BaseRecord {
  static readonly typename = 'ServiceCalendar';

  @Column({ type: 'int' })
  organisationId!: number;

  @Field({ description: 'The name contracts refer to in serviceHoursCalendar.' })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field(() => [WeeklyWindowType])
  @Column({ type: 'simple-json' })
  windows!: WeeklyWindowType[];

  @Field()
  @Column({ type: 'boolean' })
  excludeBankHolidays!: boolean;
}
