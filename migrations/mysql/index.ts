import { Init1795575758813 } from './1795575758813-Init';

/** MySQL / MariaDB migrations, in the order they run. Add each new one at the end. */
export const mysqlMigrations = [Init1795575758813];
