import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { NotificationKind, NotificationSeverity } from './notification.types';

@InputType()
export class NotificationFilterInput {
  @Field(() => [NotificationKind], { nullable: true, description: 'Only these kinds (of those the viewer receives).' })
  @IsOptional()
  @ArrayMaxSize(20)
  kinds?: NotificationKind[];

  @Field(() => ID, { nullable: true, description: "Only this organisation's (one the viewer may see, e.g. a CSU's trust)." })
  organisationId?: string;

  @Field(() => [NotificationSeverity], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  severities?: NotificationSeverity[];
}

@InputType({
  description:
    "Windows to work notifications out with; each defaults to the server's configuration (NOTIFICATION_*, FEED_LATE_AFTER_HOURS).",
})
export class NotificationWindowsInput {
  @Field(() => Int, { nullable: true, description: 'Default NOTIFICATION_NOTICE_DAYS (90).' }) noticeWithinDays?: number;
  @Field(() => Int, { nullable: true, description: 'Default NOTIFICATION_CONTACT_STALE_DAYS (365).' }) contactStaleAfterDays?: number;
  @Field(() => Int, { nullable: true, description: 'Default NOTIFICATION_DISPUTE_DAYS (14).' }) disputeWithinDays?: number;
  @Field(() => Int, { nullable: true, description: 'Default NOTIFICATION_DSPT_REMINDER_DAYS (60).' }) dsptReminderDays?: number;
  @Field(() => Int, { nullable: true, description: 'Default FEED_LATE_AFTER_HOURS (24).' }) feedLateAfterHours?: number;
}
