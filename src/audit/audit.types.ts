import { ConnectionType } from '../graphql-types/connection';
import { AuditEntry } from './audit-entry.entity';

export const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry');
