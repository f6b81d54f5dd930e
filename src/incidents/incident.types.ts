import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../graphql-types/connection';
import { Incident } from './incident.entity';

/** What the incident API answers with (incident.resolver.ts): pages of incidents, Severity 1 incidents with no notification. */

export const IncidentConnection = ConnectionType(Incident, 'Incident');

@ObjectType({ description: 'A Severity 1 incident with no notification of the Service Co-ordinator on record.' })
export class UnnotifiedSeverityOne {
  @Field(() => Incident) incident!: Incident;
  @Field(() => Int, { description: 'Minutes since the ticket was opened.' }) minutesSinceOpened!: number;
}
