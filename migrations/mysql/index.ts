import { Init1795575758813 } from './1795575758813-Init';
import { Feeds1795577911471 } from './1795577911471-Feeds';
import { Sla1795579408622 } from './1795579408622-Sla';
import { Billing1795580793530 } from './1795580793530-Billing';
import { ServiceDesk1795582103553 } from './1795582103553-ServiceDesk';
import { Payments1795582171467 } from './1795582171467-Payments';
import { Compliance1795582247960 } from './1795582247960-Compliance';
import { Orders1795582311602 } from './1795582311602-Orders';
import { Audit1795587782024 } from './1795587782024-Audit';
import { Notifications1796208703570 } from './1796208703570-Notifications';
import { MonthlyPercentiles1796209134952 } from './1796209134952-MonthlyPercentiles';
import { FeedEndpointCredentials1796900000000 } from './1796900000000-FeedEndpointCredentials';
import { FeedRunOwners1796900100000 } from './1796900100000-FeedRunOwners';
import { Utf8mb4Tables1796900100001 } from './1796900100001-Utf8mb4Tables';
import { SupplierIdentity1796900200000 } from './1796900200000-SupplierIdentity';
import { CreditLedger1797000000000 } from './1797000000000-CreditLedger';
import { CreditNotes1797000100000 } from './1797000100000-CreditNotes';
import { Provenance1797000200000 } from './1797000200000-Provenance';
import { FeedRunRecords1797000300000 } from './1797000300000-FeedRunRecords';

/** MySQL / MariaDB migrations, in the order they run. Add each new one at the end. */
export const mysqlMigrations = [
  Init1795575758813,
  Feeds1795577911471,
  Sla1795579408622,
  Billing1795580793530,
  ServiceDesk1795582103553,
  Payments1795582171467,
  Compliance1795582247960,
  Orders1795582311602,
  Audit1795587782024,
  Notifications1796208703570,
  MonthlyPercentiles1796209134952,
  FeedEndpointCredentials1796900000000,
  FeedRunOwners1796900100000,
  Utf8mb4Tables1796900100001,
  SupplierIdentity1796900200000,
  CreditLedger1797000000000,
  CreditNotes1797000100000,
  Provenance1797000200000,
  FeedRunRecords1797000300000,
];
