import { Init1795575757698 } from './1795575757698-Init';
import { Feeds1795577909635 } from './1795577909635-Feeds';
import { SlaTerms1795578629692 } from './1795578629692-SlaTerms';

/** SQLite migrations, in the order they run. Add each new one at the end. */
export const sqliteMigrations = [Init1795575757698, Feeds1795577909635, SlaTerms1795578629692];
