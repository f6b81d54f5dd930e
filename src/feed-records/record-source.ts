import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { READ_FEEDS } from '../auth/roles';
import { hasAnyRole } from '../request/viewer';
import { displayText } from '../common/display-text';
import type { RequestContext } from '../request/context';
import { FeedRun } from './feed-run.entity';

/**
 * The longest document location kept: a CSV "line N" is short, a TMF JSON path such as
 * `$.troubleTicket[12]` or a TMF628 group `$.items[40:52]` a little longer. Columns that hold
 * a location are this wide.
 */
export const LOCATION_LENGTH = 200;

/** A location from a supplier's document, made fit to store in a LOCATION_LENGTH column. */
export const storedLocation = (location: string): string => displayText(location, LOCATION_LENGTH);

/**
 * Where a stored figure came from: the feed run that delivered it and where in that run's
 * document. One shape for every record a feed writes (incidents, their status changes, the
 * samples behind downtime, invoices and their lines), so that an auditor follows any figure
 * back to the row or JSON item behind it the same way, and can check it against the
 * document the run's checksum names.
 */
@ObjectType('RecordSource', {
  description:
    'The feed run that delivered a record and where in its document: a CSV "line N" or a JSON path. Check the document against the run\'s ' +
    'checksum, then read the row.',
})
export class RecordSource {
  /** the run; resolved through the request's loaders, held to the viewer's scope */
  feedRunId!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Where in the document: a CSV "line N" (the header is line 1) or a JSON path such as "$.troubleTicket[2]". For a range of rows, the ' +
      'first. Null for records stored before locations were kept.',
  })
  location!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "For a range of rows (a service's samples in one document): the last of them. Rows in between may be about other records. Null for a single row.",
  })
  lastLocation!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'For samples: the start of the earliest interval the run delivered for the service. Null for a single record.',
  })
  coversFrom!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'For samples: the end of the latest interval the run delivered for the service. Null for a single record.',
  })
  coversTo!: Date | null;
}

/** A source naming one row or item of one run's document. */
export function rowSource(feedRunId: number, location: string | null): RecordSource {
  return Object.assign(new RecordSource(), { feedRunId, location, lastLocation: null, coversFrom: null, coversTo: null });
}

@Resolver(() => RecordSource)
export class RecordSourceResolver {
  /**
   * Through the request's loader: a list of a hundred incidents naming their runs costs one
   * statement. A viewer who may read the record but not feed runs (the Service Co-ordinator
   * reading incidents) gets null, as does one outside the organisation that sent the run.
   */
  @FieldResolver(() => FeedRun, {
    nullable: true,
    description:
      'The run; null for a viewer who may not read feed runs (the Service Co-ordinator), or not this one (a run belongs to the organisation that sent it).',
  })
  feedRun(@Root() source: RecordSource, @Ctx() ctx: RequestContext): FeedRun | null | Promise<FeedRun | null> {
    if (!hasAnyRole(ctx.requireViewer, READ_FEEDS)) return null;
    return ctx.loaders.byIdNow(FeedRun, source.feedRunId);
  }
}
