import { Init1795575757698 } from './1795575757698-Init';
import { Feeds1795577014033 } from './1795577014033-Feeds';
import { FeedEndpoints1795577540224 } from './1795577540224-FeedEndpoints';

/** SQLite migrations, in the order they run. Add each new one at the end. */
export const sqliteMigrations = [Init1795575757698, Feeds1795577014033, FeedEndpoints1795577540224];
