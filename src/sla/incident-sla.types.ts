import { registerEnumType } from 'type-graphql';
import { SlaStage } from './incident-clock';

/** The SLA fields of an incident (incident-sla.resolver.ts): the SlaStage enum, as GraphQL shows it. */

registerEnumType(SlaStage, { name: 'SlaStage', description: 'Where an incident stands against its resolution target.' });

export { SlaStage };
