import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RecordSource } from '../feed-records/record-source';
import type { RequestContext } from '../request/context';
import { spansOverlapping, type SpanLookup } from '../performance/feed-spans';
import { DowntimeEvidence } from './sla-report.types';

/**
 * The feed runs behind each downtime interval of the request, looked up together: a report
 * with a hundred intervals across its terms costs one statement (one per 500 intervals), and
 * nothing at all unless `sources` is asked for.
 */
export function downtimeSources(ctx: RequestContext): DataLoader<SpanLookup, RecordSource[], string> {
  return ctx.loaders.custom(
    'downtime-sources',
    () =>
      new DataLoader<SpanLookup, RecordSource[], string>(
        async (lookups) =>
          (await spansOverlapping(ctx.manager, ctx.organisationIds, lookups)).map((spans) =>
            spans.map((span) =>
              Object.assign(new RecordSource(), {
                feedRunId: span.feedRunId,
                location: span.firstLocation,
                lastLocation: span.lastLocation,
                coversFrom: span.firstIntervalStart,
                coversTo: span.lastIntervalEnd,
              }),
            ),
          ),
        { cacheKeyFn: ({ serviceId, start, end }) => `${serviceId}|${start.getTime()}|${end.getTime()}` },
      ),
  );
}

@Resolver(() => DowntimeEvidence)
export class DowntimeEvidenceResolver {
  @FieldResolver(() => [RecordSource], {
    description:
      'The performance feed runs that delivered samples of this service over time overlapping the interval, oldest first: each with the ' +
      'first and last rows of the service in its document and the span of time its samples cover.',
  })
  sources(@Root() interval: DowntimeEvidence, @Ctx() ctx: RequestContext): Promise<RecordSource[]> {
    return downtimeSources(ctx).load({ serviceId: interval.serviceId, start: interval.start, end: interval.end });
  }
}
