import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../graphql-types/connection';
import { Dispute } from './dispute.entity';

/** What the dispute API answers with (dispute.resolver.ts): pages of disputes, a dispute's evidence pack. */

export const DisputeConnection = ConnectionType(Dispute, 'Dispute');

/** A dispute's evidence for an auditor: every source row hashed, checkable without our database. */
@ObjectType('DisputeEvidencePack', {
  description:
    "The dispute's evidence: the findings, invoice lines, credits claimed, frozen SLA months and incidents, each row with " +
    'its SHA-256 and a manifest. Check it with scripts/verify-evidence-pack.js.',
})
export class DisputeEvidencePackType {
  @Field({ description: 'The pack as canonical JSON (keys sorted, no spaces).' }) json!: string;
  @Field({ description: "The same rows as CSV: part, id, sha256 and the row's canonical JSON, then the manifest." }) csv!: string;
  @Field({ description: "SHA-256 over the manifest's hashes in order (packSha256 in the JSON): the same records give the same hash." })
  sha256!: string;
}
