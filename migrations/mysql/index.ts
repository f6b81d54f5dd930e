import { Init1795575758813 } from './1795575758813-Init';
import { Feeds1795577015718 } from './1795577015718-Feeds';
import { FeedEndpoints1795577542021 } from './1795577542021-FeedEndpoints';

/** MySQL / MariaDB migrations, in the order they run. Add each new one at the end. */
export const mysqlMigrations = [Init1795575758813, Feeds1795577015718, FeedEndpoints1795577542021];
