import { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceDesk1795582100796 implements MigrationInterface {
  name = 'ServiceDesk1795582100796';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "incident_link" ("incidentId" integer NOT NULL, "relatedIncidentId" integer NOT NULL, "organisationId" integer NOT NULL, PRIMARY KEY ("incidentId", "relatedIncidentId"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_72d1c844ea5c3ae9a9d5659c21" ON "incident_link" ("relatedIncidentId") `);
    await queryRunner.query(
      `CREATE TABLE "escalation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "contractId" integer, "incidentId" integer, "kind" varchar(12) NOT NULL, "summary" varchar(2000) NOT NULL, "raisedBy" varchar(200) NOT NULL, "raisedByOrganisationId" integer NOT NULL, "raisedAt" datetime(3) NOT NULL, "updateIntervalHours" integer NOT NULL, "level" varchar(24) NOT NULL, "status" varchar(8) NOT NULL, "lastUpdateAt" datetime(3) NOT NULL, "nextUpdateDueAt" datetime(3), "closureAgreedAt" datetime(3), "closureAgreedBy" varchar(200), "closedAt" datetime(3), "closedBy" varchar(200), "resolution" varchar(2000))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_f637315502a00b4bd92a5f39b9" ON "escalation" ("incidentId") `);
    await queryRunner.query(`CREATE INDEX "IDX_8d2b538949afaa6e7c3d1a38f3" ON "escalation" ("supplierId", "status") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_ebef950518da25fa7116dc27c9" ON "escalation" ("organisationId", "status", "nextUpdateDueAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "escalation_update" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "escalationId" integer NOT NULL, "organisationId" integer NOT NULL, "givenBy" varchar(200) NOT NULL, "givenAt" datetime(3) NOT NULL, "text" varchar(4000) NOT NULL, "recordedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_bc01beeada351df88bfff0189c" ON "escalation_update" ("escalationId", "givenAt") `);
    await queryRunner.query(
      `CREATE TABLE "escalation_level_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "escalationId" integer NOT NULL, "organisationId" integer NOT NULL, "fromLevel" varchar(24), "toLevel" varchar(24) NOT NULL, "reason" varchar(2000) NOT NULL, "obligation" varchar(500), "changedBy" varchar(200) NOT NULL, "changedAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_f5196d91b79af3497ac8ffde00" ON "escalation_level_change" ("escalationId") `);
    await queryRunner.query(
      `CREATE TABLE "service_review" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "contractId" integer NOT NULL, "heldOn" date NOT NULL, "periodFrom" varchar(7) NOT NULL, "periodTo" varchar(7) NOT NULL, "attendees" text NOT NULL, "notes" text, "recordedBy" varchar(200) NOT NULL, "evidenceCapturedAt" datetime(3) NOT NULL, "evidenceSha256" varchar(64) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b28e937f44fa34fa992e7086f3" ON "service_review" ("organisationId", "heldOn") `);
    await queryRunner.query(`CREATE INDEX "IDX_a125e828248600b39004fa3a42" ON "service_review" ("contractId", "heldOn") `);
    await queryRunner.query(
      `CREATE TABLE "service_review_evidence" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reviewId" integer NOT NULL, "organisationId" integer NOT NULL, "position" integer NOT NULL, "kind" varchar(24) NOT NULL, "label" varchar(64) NOT NULL, "document" text NOT NULL, "sha256" varchar(64) NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c6e145359ffaed6e2155bbdabe" ON "service_review_evidence" ("reviewId", "position") `);
    await queryRunner.query(
      `CREATE TABLE "service_review_action" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reviewId" integer NOT NULL, "organisationId" integer NOT NULL, "description" varchar(2000) NOT NULL, "ownerContactId" integer, "ownerUser" varchar(200), "dueDate" date NOT NULL, "status" varchar(10) NOT NULL, "statusChangedAt" datetime(3), "statusChangedBy" varchar(200), "statusNote" varchar(1000))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e44399fb8ddfc3987ae5c65c73" ON "service_review_action" ("organisationId", "status", "dueDate") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_23d49087b8878d37dd7ad60af2" ON "service_review_action" ("reviewId") `);
    await queryRunner.query(`DROP INDEX "IDX_6213abc00da718212b62c974ab"`);
    await queryRunner.query(`DROP INDEX "IDX_419ccfd38b9801063a16b53829"`);
    await queryRunner.query(`DROP INDEX "IDX_4665b543e3be5764b1898ee154"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_incident" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "serviceId" integer NOT NULL, "supplierRef" varchar(64), "externalId" varchar(64), "origin" varchar(20) NOT NULL, "severity" integer NOT NULL, "priority" varchar(40), "status" varchar(20) NOT NULL, "summary" varchar(2000), "openedAt" datetime(3) NOT NULL, "acknowledgedAt" datetime(3), "resolvedAt" datetime(3), "closedAt" datetime(3), "serviceCoordinatorNotified" boolean, "serviceCoordinatorNotifiedAt" datetime(3), "lastFeedRunId" integer, "serviceCoordinatorNotificationRecordedBy" varchar(200), "occurredAt" datetime(3), "impact" varchar(2000), "customerImpact" varchar(2000), "workaround" varchar(2000), "stepsTaken" varchar(2000), "updatesContactId" integer, "loggedBy" varchar(200), "supplierTicketLinkedAt" datetime(3), "supplierTicketLinkedBy" varchar(200))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_incident"("id", "createdAt", "updatedAt", "organisationId", "supplierId", "serviceId", "supplierRef", "externalId", "origin", "severity", "priority", "status", "summary", "openedAt", "acknowledgedAt", "resolvedAt", "closedAt", "serviceCoordinatorNotified", "serviceCoordinatorNotifiedAt", "lastFeedRunId") SELECT "id", "createdAt", "updatedAt", "organisationId", "supplierId", "serviceId", "supplierRef", "externalId", "origin", "severity", "priority", "status", "summary", "openedAt", "acknowledgedAt", "resolvedAt", "closedAt", "serviceCoordinatorNotified", "serviceCoordinatorNotifiedAt", "lastFeedRunId" FROM "incident"`,
    );
    await queryRunner.query(`DROP TABLE "incident"`);
    await queryRunner.query(`ALTER TABLE "temporary_incident" RENAME TO "incident"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_6213abc00da718212b62c974ab" ON "incident" ("supplierId", "organisationId", "supplierRef") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_419ccfd38b9801063a16b53829" ON "incident" ("organisationId", "status", "severity") `);
    await queryRunner.query(`CREATE INDEX "IDX_4665b543e3be5764b1898ee154" ON "incident" ("serviceId", "openedAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_827e8cb27a9a1d6e45bb72525e" ON "incident" ("severity", "openedAt") `);
    await queryRunner.query(`DROP INDEX "IDX_72d1c844ea5c3ae9a9d5659c21"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_incident_link" ("incidentId" integer NOT NULL, "relatedIncidentId" integer NOT NULL, "organisationId" integer NOT NULL, CONSTRAINT "FK_f9c1411b85114c13592d084f7dc" FOREIGN KEY ("incidentId") REFERENCES "incident" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_72d1c844ea5c3ae9a9d5659c21e" FOREIGN KEY ("relatedIncidentId") REFERENCES "incident" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("incidentId", "relatedIncidentId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_incident_link"("incidentId", "relatedIncidentId", "organisationId") SELECT "incidentId", "relatedIncidentId", "organisationId" FROM "incident_link"`,
    );
    await queryRunner.query(`DROP TABLE "incident_link"`);
    await queryRunner.query(`ALTER TABLE "temporary_incident_link" RENAME TO "incident_link"`);
    await queryRunner.query(`CREATE INDEX "IDX_72d1c844ea5c3ae9a9d5659c21" ON "incident_link" ("relatedIncidentId") `);
    await queryRunner.query(`DROP INDEX "IDX_bc01beeada351df88bfff0189c"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_escalation_update" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "escalationId" integer NOT NULL, "organisationId" integer NOT NULL, "givenBy" varchar(200) NOT NULL, "givenAt" datetime(3) NOT NULL, "text" varchar(4000) NOT NULL, "recordedBy" varchar(200) NOT NULL, CONSTRAINT "FK_337d0dd2f35e4cfc7c711cfac77" FOREIGN KEY ("escalationId") REFERENCES "escalation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_escalation_update"("id", "createdAt", "updatedAt", "escalationId", "organisationId", "givenBy", "givenAt", "text", "recordedBy") SELECT "id", "createdAt", "updatedAt", "escalationId", "organisationId", "givenBy", "givenAt", "text", "recordedBy" FROM "escalation_update"`,
    );
    await queryRunner.query(`DROP TABLE "escalation_update"`);
    await queryRunner.query(`ALTER TABLE "temporary_escalation_update" RENAME TO "escalation_update"`);
    await queryRunner.query(`CREATE INDEX "IDX_bc01beeada351df88bfff0189c" ON "escalation_update" ("escalationId", "givenAt") `);
    await queryRunner.query(`DROP INDEX "IDX_f5196d91b79af3497ac8ffde00"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_escalation_level_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "escalationId" integer NOT NULL, "organisationId" integer NOT NULL, "fromLevel" varchar(24), "toLevel" varchar(24) NOT NULL, "reason" varchar(2000) NOT NULL, "obligation" varchar(500), "changedBy" varchar(200) NOT NULL, "changedAt" datetime(3) NOT NULL, CONSTRAINT "FK_f5196d91b79af3497ac8ffde008" FOREIGN KEY ("escalationId") REFERENCES "escalation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_escalation_level_change"("id", "createdAt", "updatedAt", "escalationId", "organisationId", "fromLevel", "toLevel", "reason", "obligation", "changedBy", "changedAt") SELECT "id", "createdAt", "updatedAt", "escalationId", "organisationId", "fromLevel", "toLevel", "reason", "obligation", "changedBy", "changedAt" FROM "escalation_level_change"`,
    );
    await queryRunner.query(`DROP TABLE "escalation_level_change"`);
    await queryRunner.query(`ALTER TABLE "temporary_escalation_level_change" RENAME TO "escalation_level_change"`);
    await queryRunner.query(`CREATE INDEX "IDX_f5196d91b79af3497ac8ffde00" ON "escalation_level_change" ("escalationId") `);
    await queryRunner.query(`DROP INDEX "IDX_c6e145359ffaed6e2155bbdabe"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_service_review_evidence" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reviewId" integer NOT NULL, "organisationId" integer NOT NULL, "position" integer NOT NULL, "kind" varchar(24) NOT NULL, "label" varchar(64) NOT NULL, "document" text NOT NULL, "sha256" varchar(64) NOT NULL, CONSTRAINT "FK_c72db7c568ca20dddfeb7ad6cc6" FOREIGN KEY ("reviewId") REFERENCES "service_review" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_service_review_evidence"("id", "createdAt", "updatedAt", "reviewId", "organisationId", "position", "kind", "label", "document", "sha256") SELECT "id", "createdAt", "updatedAt", "reviewId", "organisationId", "position", "kind", "label", "document", "sha256" FROM "service_review_evidence"`,
    );
    await queryRunner.query(`DROP TABLE "service_review_evidence"`);
    await queryRunner.query(`ALTER TABLE "temporary_service_review_evidence" RENAME TO "service_review_evidence"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c6e145359ffaed6e2155bbdabe" ON "service_review_evidence" ("reviewId", "position") `);
    await queryRunner.query(`DROP INDEX "IDX_e44399fb8ddfc3987ae5c65c73"`);
    await queryRunner.query(`DROP INDEX "IDX_23d49087b8878d37dd7ad60af2"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_service_review_action" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reviewId" integer NOT NULL, "organisationId" integer NOT NULL, "description" varchar(2000) NOT NULL, "ownerContactId" integer, "ownerUser" varchar(200), "dueDate" date NOT NULL, "status" varchar(10) NOT NULL, "statusChangedAt" datetime(3), "statusChangedBy" varchar(200), "statusNote" varchar(1000), CONSTRAINT "FK_23d49087b8878d37dd7ad60af26" FOREIGN KEY ("reviewId") REFERENCES "service_review" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_service_review_action"("id", "createdAt", "updatedAt", "reviewId", "organisationId", "description", "ownerContactId", "ownerUser", "dueDate", "status", "statusChangedAt", "statusChangedBy", "statusNote") SELECT "id", "createdAt", "updatedAt", "reviewId", "organisationId", "description", "ownerContactId", "ownerUser", "dueDate", "status", "statusChangedAt", "statusChangedBy", "statusNote" FROM "service_review_action"`,
    );
    await queryRunner.query(`DROP TABLE "service_review_action"`);
    await queryRunner.query(`ALTER TABLE "temporary_service_review_action" RENAME TO "service_review_action"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_e44399fb8ddfc3987ae5c65c73" ON "service_review_action" ("organisationId", "status", "dueDate") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_23d49087b8878d37dd7ad60af2" ON "service_review_action" ("reviewId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_23d49087b8878d37dd7ad60af2"`);
    await queryRunner.query(`DROP INDEX "IDX_e44399fb8ddfc3987ae5c65c73"`);
    await queryRunner.query(`ALTER TABLE "service_review_action" RENAME TO "temporary_service_review_action"`);
    await queryRunner.query(
      `CREATE TABLE "service_review_action" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reviewId" integer NOT NULL, "organisationId" integer NOT NULL, "description" varchar(2000) NOT NULL, "ownerContactId" integer, "ownerUser" varchar(200), "dueDate" date NOT NULL, "status" varchar(10) NOT NULL, "statusChangedAt" datetime(3), "statusChangedBy" varchar(200), "statusNote" varchar(1000))`,
    );
    await queryRunner.query(
      `INSERT INTO "service_review_action"("id", "createdAt", "updatedAt", "reviewId", "organisationId", "description", "ownerContactId", "ownerUser", "dueDate", "status", "statusChangedAt", "statusChangedBy", "statusNote") SELECT "id", "createdAt", "updatedAt", "reviewId", "organisationId", "description", "ownerContactId", "ownerUser", "dueDate", "status", "statusChangedAt", "statusChangedBy", "statusNote" FROM "temporary_service_review_action"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_service_review_action"`);
    await queryRunner.query(`CREATE INDEX "IDX_23d49087b8878d37dd7ad60af2" ON "service_review_action" ("reviewId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_e44399fb8ddfc3987ae5c65c73" ON "service_review_action" ("organisationId", "status", "dueDate") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_c6e145359ffaed6e2155bbdabe"`);
    await queryRunner.query(`ALTER TABLE "service_review_evidence" RENAME TO "temporary_service_review_evidence"`);
    await queryRunner.query(
      `CREATE TABLE "service_review_evidence" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reviewId" integer NOT NULL, "organisationId" integer NOT NULL, "position" integer NOT NULL, "kind" varchar(24) NOT NULL, "label" varchar(64) NOT NULL, "document" text NOT NULL, "sha256" varchar(64) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "service_review_evidence"("id", "createdAt", "updatedAt", "reviewId", "organisationId", "position", "kind", "label", "document", "sha256") SELECT "id", "createdAt", "updatedAt", "reviewId", "organisationId", "position", "kind", "label", "document", "sha256" FROM "temporary_service_review_evidence"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_service_review_evidence"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c6e145359ffaed6e2155bbdabe" ON "service_review_evidence" ("reviewId", "position") `);
    await queryRunner.query(`DROP INDEX "IDX_f5196d91b79af3497ac8ffde00"`);
    await queryRunner.query(`ALTER TABLE "escalation_level_change" RENAME TO "temporary_escalation_level_change"`);
    await queryRunner.query(
      `CREATE TABLE "escalation_level_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "escalationId" integer NOT NULL, "organisationId" integer NOT NULL, "fromLevel" varchar(24), "toLevel" varchar(24) NOT NULL, "reason" varchar(2000) NOT NULL, "obligation" varchar(500), "changedBy" varchar(200) NOT NULL, "changedAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "escalation_level_change"("id", "createdAt", "updatedAt", "escalationId", "organisationId", "fromLevel", "toLevel", "reason", "obligation", "changedBy", "changedAt") SELECT "id", "createdAt", "updatedAt", "escalationId", "organisationId", "fromLevel", "toLevel", "reason", "obligation", "changedBy", "changedAt" FROM "temporary_escalation_level_change"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_escalation_level_change"`);
    await queryRunner.query(`CREATE INDEX "IDX_f5196d91b79af3497ac8ffde00" ON "escalation_level_change" ("escalationId") `);
    await queryRunner.query(`DROP INDEX "IDX_bc01beeada351df88bfff0189c"`);
    await queryRunner.query(`ALTER TABLE "escalation_update" RENAME TO "temporary_escalation_update"`);
    await queryRunner.query(
      `CREATE TABLE "escalation_update" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "escalationId" integer NOT NULL, "organisationId" integer NOT NULL, "givenBy" varchar(200) NOT NULL, "givenAt" datetime(3) NOT NULL, "text" varchar(4000) NOT NULL, "recordedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "escalation_update"("id", "createdAt", "updatedAt", "escalationId", "organisationId", "givenBy", "givenAt", "text", "recordedBy") SELECT "id", "createdAt", "updatedAt", "escalationId", "organisationId", "givenBy", "givenAt", "text", "recordedBy" FROM "temporary_escalation_update"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_escalation_update"`);
    await queryRunner.query(`CREATE INDEX "IDX_bc01beeada351df88bfff0189c" ON "escalation_update" ("escalationId", "givenAt") `);
    await queryRunner.query(`DROP INDEX "IDX_72d1c844ea5c3ae9a9d5659c21"`);
    await queryRunner.query(`ALTER TABLE "incident_link" RENAME TO "temporary_incident_link"`);
    await queryRunner.query(
      `CREATE TABLE "incident_link" ("incidentId" integer NOT NULL, "relatedIncidentId" integer NOT NULL, "organisationId" integer NOT NULL, PRIMARY KEY ("incidentId", "relatedIncidentId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "incident_link"("incidentId", "relatedIncidentId", "organisationId") SELECT "incidentId", "relatedIncidentId", "organisationId" FROM "temporary_incident_link"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_incident_link"`);
    await queryRunner.query(`CREATE INDEX "IDX_72d1c844ea5c3ae9a9d5659c21" ON "incident_link" ("relatedIncidentId") `);
    await queryRunner.query(`DROP INDEX "IDX_827e8cb27a9a1d6e45bb72525e"`);
    await queryRunner.query(`DROP INDEX "IDX_4665b543e3be5764b1898ee154"`);
    await queryRunner.query(`DROP INDEX "IDX_419ccfd38b9801063a16b53829"`);
    await queryRunner.query(`DROP INDEX "IDX_6213abc00da718212b62c974ab"`);
    await queryRunner.query(`ALTER TABLE "incident" RENAME TO "temporary_incident"`);
    await queryRunner.query(
      `CREATE TABLE "incident" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "serviceId" integer NOT NULL, "supplierRef" varchar(64), "externalId" varchar(64), "origin" varchar(20) NOT NULL, "severity" integer NOT NULL, "priority" varchar(40), "status" varchar(20) NOT NULL, "summary" varchar(2000), "openedAt" datetime(3) NOT NULL, "acknowledgedAt" datetime(3), "resolvedAt" datetime(3), "closedAt" datetime(3), "serviceCoordinatorNotified" boolean, "serviceCoordinatorNotifiedAt" datetime(3), "lastFeedRunId" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "incident"("id", "createdAt", "updatedAt", "organisationId", "supplierId", "serviceId", "supplierRef", "externalId", "origin", "severity", "priority", "status", "summary", "openedAt", "acknowledgedAt", "resolvedAt", "closedAt", "serviceCoordinatorNotified", "serviceCoordinatorNotifiedAt", "lastFeedRunId") SELECT "id", "createdAt", "updatedAt", "organisationId", "supplierId", "serviceId", "supplierRef", "externalId", "origin", "severity", "priority", "status", "summary", "openedAt", "acknowledgedAt", "resolvedAt", "closedAt", "serviceCoordinatorNotified", "serviceCoordinatorNotifiedAt", "lastFeedRunId" FROM "temporary_incident"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_incident"`);
    await queryRunner.query(`CREATE INDEX "IDX_4665b543e3be5764b1898ee154" ON "incident" ("serviceId", "openedAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_419ccfd38b9801063a16b53829" ON "incident" ("organisationId", "status", "severity") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_6213abc00da718212b62c974ab" ON "incident" ("supplierId", "organisationId", "supplierRef") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_23d49087b8878d37dd7ad60af2"`);
    await queryRunner.query(`DROP INDEX "IDX_e44399fb8ddfc3987ae5c65c73"`);
    await queryRunner.query(`DROP TABLE "service_review_action"`);
    await queryRunner.query(`DROP INDEX "IDX_c6e145359ffaed6e2155bbdabe"`);
    await queryRunner.query(`DROP TABLE "service_review_evidence"`);
    await queryRunner.query(`DROP INDEX "IDX_a125e828248600b39004fa3a42"`);
    await queryRunner.query(`DROP INDEX "IDX_b28e937f44fa34fa992e7086f3"`);
    await queryRunner.query(`DROP TABLE "service_review"`);
    await queryRunner.query(`DROP INDEX "IDX_f5196d91b79af3497ac8ffde00"`);
    await queryRunner.query(`DROP TABLE "escalation_level_change"`);
    await queryRunner.query(`DROP INDEX "IDX_bc01beeada351df88bfff0189c"`);
    await queryRunner.query(`DROP TABLE "escalation_update"`);
    await queryRunner.query(`DROP INDEX "IDX_ebef950518da25fa7116dc27c9"`);
    await queryRunner.query(`DROP INDEX "IDX_8d2b538949afaa6e7c3d1a38f3"`);
    await queryRunner.query(`DROP INDEX "IDX_f637315502a00b4bd92a5f39b9"`);
    await queryRunner.query(`DROP TABLE "escalation"`);
    await queryRunner.query(`DROP INDEX "IDX_72d1c844ea5c3ae9a9d5659c21"`);
    await queryRunner.query(`DROP TABLE "incident_link"`);
  }
}
