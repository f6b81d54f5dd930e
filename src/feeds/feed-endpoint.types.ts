import { ConnectionType } from '../graphql-types/connection';
import { FeedEndpoint } from './feed-endpoint.entity';

/** What the feed-endpoint API answers with (feed-endpoint.resolver.ts): pages of endpoints. */

export const FeedEndpointConnection = ConnectionType(FeedEndpoint, 'FeedEndpoint');
