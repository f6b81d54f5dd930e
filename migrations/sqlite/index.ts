import { Init1795575757698 } from './1795575757698-Init';
import { Feeds1795577909635 } from './1795577909635-Feeds';
import { Sla1795579406602 } from './1795579406602-Sla';
import { Billing1795580791537 } from './1795580791537-Billing';
import { ServiceDesk1795582100796 } from './1795582100796-ServiceDesk';
import { Payments1795582167706 } from './1795582167706-Payments';
import { Compliance1795582241865 } from './1795582241865-Compliance';
import { Orders1795582302853 } from './1795582302853-Orders';
import { Audit1795587770749 } from './1795587770749-Audit';
import { Notifications1796208687326 } from './1796208687326-Notifications';
import { MonthlyPercentiles1796209124154 } from './1796209124154-MonthlyPercentiles';
import { FeedEndpointCredentials1796900000000 } from './1796900000000-FeedEndpointCredentials';
import { FeedRunOwners1796900100000 } from './1796900100000-FeedRunOwners';
import { SupplierIdentity1796900200000 } from './1796900200000-SupplierIdentity';
import { CreditLedger1797000000000 } from './1797000000000-CreditLedger';
import { CreditNotes1797000100000 } from './1797000100000-CreditNotes';
import { Provenance1797000200000 } from './1797000200000-Provenance';
import { FeedRunRecords1797000300000 } from './1797000300000-FeedRunRecords';

/** SQLite migrations, in the order they run. Add each new one at the end. */
export const sqliteMigrations = [
  Init1795575757698,
  Feeds1795577909635,
  Sla1795579406602,
  Billing1795580791537,
  ServiceDesk1795582100796,
  Payments1795582167706,
  Compliance1795582241865,
  Orders1795582302853,
  Audit1795587770749,
  Notifications1796208687326,
  MonthlyPercentiles1796209124154,
  FeedEndpointCredentials1796900000000,
  FeedRunOwners1796900100000,
  SupplierIdentity1796900200000,
  CreditLedger1797000000000,
  CreditNotes1797000100000,
  Provenance1797000200000,
  FeedRunRecords1797000300000,
];
