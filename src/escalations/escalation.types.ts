import { ConnectionType } from '../graphql-types/connection';
import { Escalation } from './escalation.entity';

/** What the escalation API answers with (escalation.resolver.ts): pages of escalations. */

export const EscalationConnection = ConnectionType(Escalation, 'Escalation');
