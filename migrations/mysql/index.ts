import { Init1795575758813 } from './1795575758813-Init';
import { Feeds1795577911471 } from './1795577911471-Feeds';
import { Sla1795579408622 } from './1795579408622-Sla';
import { Billing1795580793530 } from './1795580793530-Billing';
import { Orders1795582311602 } from './1795582311602-Orders';

/** MySQL / MariaDB migrations, in the order they run. Add each new one at the end. */
export const mysqlMigrations = [Init1795575758813, Feeds1795577911471, Sla1795579408622, Billing1795580793530, Orders1795582311602];
