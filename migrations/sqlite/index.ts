import { Init1795575757698 } from './1795575757698-Init';
import { Feeds1795577909635 } from './1795577909635-Feeds';
import { Sla1795579406602 } from './1795579406602-Sla';
import { Reconciliation1795580477436 } from './1795580477436-Reconciliation';

/** SQLite migrations, in the order they run. Add each new one at the end. */
export const sqliteMigrations = [Init1795575757698, Feeds1795577909635, Sla1795579406602, Reconciliation1795580477436];
