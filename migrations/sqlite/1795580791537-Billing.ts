import { MigrationInterface, QueryRunner } from 'typeorm';

export class Billing1795580791537 implements MigrationInterface {
  name = 'Billing1795580791537';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invoice_reconciliation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "reconciledAt" datetime(3) NOT NULL, "reconciledBy" varchar(200) NOT NULL, "invoicedTotal" bigint NOT NULL, "agreedAmount" bigint NOT NULL, "differenceTotal" bigint NOT NULL, "findingCount" integer NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2ca07c2142e1ac64b3b3d0d1fb" ON "invoice_reconciliation" ("invoiceId") `);
    await queryRunner.query(
      `CREATE TABLE "reconciliation_finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reconciliationId" integer NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "type" varchar(30) NOT NULL, "fingerprint" varchar(200) NOT NULL, "lineId" integer, "lineNumber" integer, "serviceId" integer, "serviceReference" varchar(64), "expectedAmount" bigint, "invoicedAmount" bigint, "difference" bigint NOT NULL, "explanation" text NOT NULL, "disputable" boolean NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_014358d8c6a567fd14358638a6" ON "reconciliation_finding" ("invoiceId", "fingerprint") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dispute" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "invoiceId" integer NOT NULL, "state" varchar(12) NOT NULL, "disputedAmount" bigint NOT NULL, "creditedAmount" bigint NOT NULL, "evidence" text NOT NULL, "deadline" date NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_2182200a96e6b0382116b22697" ON "dispute" ("supplierId", "state") `);
    await queryRunner.query(`CREATE INDEX "IDX_d1d0c74163e4bca9a01db985a7" ON "dispute" ("organisationId", "state", "deadline") `);
    await queryRunner.query(
      `CREATE TABLE "dispute_finding" ("disputeId" integer NOT NULL, "findingId" integer NOT NULL, PRIMARY KEY ("disputeId", "findingId"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ded157fe2ed68d553def21086f" ON "dispute_finding" ("findingId") `);
    await queryRunner.query(
      `CREATE TABLE "dispute_transition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "disputeId" integer NOT NULL, "organisationId" integer NOT NULL, "fromState" varchar(12), "toState" varchar(12) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_d207b3eb2c64210e5d6adba5cd" ON "dispute_transition" ("disputeId") `);
    await queryRunner.query(
      `CREATE TABLE "dispute_credit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "disputeId" integer NOT NULL, "organisationId" integer NOT NULL, "invoiceLineId" integer NOT NULL, "amount" bigint NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_a6a60cff3e0f7420a74baf7dca" ON "dispute_credit" ("disputeId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bf74842c05fabe52cb3fbd9b8d" ON "dispute_credit" ("invoiceLineId", "disputeId") `);
    await queryRunner.query(`DROP INDEX "IDX_3df2a183474fef954f68f83114"`);
    await queryRunner.query(`DROP INDEX "IDX_2984aba10e06ce98f18e46a9f1"`);
    await queryRunner.query(`DROP INDEX "IDX_5f9aba86ffb85928d9bda6e924"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_contract" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "reference" varchar(64) NOT NULL, "title" varchar(200) NOT NULL, "procurementRoute" varchar(30) NOT NULL, "procurementVehicle" varchar(200), "status" varchar(20) NOT NULL, "startDate" date NOT NULL, "endDate" date NOT NULL, "initialTermMonths" integer NOT NULL, "renewalTermMonths" integer, "noticePeriodDays" integer NOT NULL, "noticeDate" date NOT NULL, "serviceWrap" varchar(20) NOT NULL, "serviceHours" varchar(20) NOT NULL, "serviceHoursCalendar" varchar(100), "currency" varchar(3) NOT NULL DEFAULT ('GBP'), "totalContractValue" bigint, "disputeWindowDays" integer NOT NULL DEFAULT (90), CONSTRAINT "FK_5f9aba86ffb85928d9bda6e9244" FOREIGN KEY ("supplierId") REFERENCES "supplier" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_2ed442f640e324deba753647ceb" FOREIGN KEY ("organisationId") REFERENCES "organisation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_contract"("id", "createdAt", "updatedAt", "organisationId", "supplierId", "reference", "title", "procurementRoute", "procurementVehicle", "status", "startDate", "endDate", "initialTermMonths", "renewalTermMonths", "noticePeriodDays", "noticeDate", "serviceWrap", "serviceHours", "serviceHoursCalendar", "currency", "totalContractValue") SELECT "id", "createdAt", "updatedAt", "organisationId", "supplierId", "reference", "title", "procurementRoute", "procurementVehicle", "status", "startDate", "endDate", "initialTermMonths", "renewalTermMonths", "noticePeriodDays", "noticeDate", "serviceWrap", "serviceHours", "serviceHoursCalendar", "currency", "totalContractValue" FROM "contract"`,
    );
    await queryRunner.query(`DROP TABLE "contract"`);
    await queryRunner.query(`ALTER TABLE "temporary_contract" RENAME TO "contract"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3df2a183474fef954f68f83114" ON "contract" ("organisationId", "reference") `);
    await queryRunner.query(`CREATE INDEX "IDX_2984aba10e06ce98f18e46a9f1" ON "contract" ("organisationId", "status", "noticeDate") `);
    await queryRunner.query(`CREATE INDEX "IDX_5f9aba86ffb85928d9bda6e924" ON "contract" ("supplierId") `);
    await queryRunner.query(`DROP INDEX "IDX_014358d8c6a567fd14358638a6"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_reconciliation_finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reconciliationId" integer NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "type" varchar(30) NOT NULL, "fingerprint" varchar(200) NOT NULL, "lineId" integer, "lineNumber" integer, "serviceId" integer, "serviceReference" varchar(64), "expectedAmount" bigint, "invoicedAmount" bigint, "difference" bigint NOT NULL, "explanation" text NOT NULL, "disputable" boolean NOT NULL, CONSTRAINT "FK_eacdb5d840f335b77a1dfe291f7" FOREIGN KEY ("reconciliationId") REFERENCES "invoice_reconciliation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_reconciliation_finding"("id", "createdAt", "updatedAt", "reconciliationId", "invoiceId", "organisationId", "type", "fingerprint", "lineId", "lineNumber", "serviceId", "serviceReference", "expectedAmount", "invoicedAmount", "difference", "explanation", "disputable") SELECT "id", "createdAt", "updatedAt", "reconciliationId", "invoiceId", "organisationId", "type", "fingerprint", "lineId", "lineNumber", "serviceId", "serviceReference", "expectedAmount", "invoicedAmount", "difference", "explanation", "disputable" FROM "reconciliation_finding"`,
    );
    await queryRunner.query(`DROP TABLE "reconciliation_finding"`);
    await queryRunner.query(`ALTER TABLE "temporary_reconciliation_finding" RENAME TO "reconciliation_finding"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_014358d8c6a567fd14358638a6" ON "reconciliation_finding" ("invoiceId", "fingerprint") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_ded157fe2ed68d553def21086f"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_dispute_finding" ("disputeId" integer NOT NULL, "findingId" integer NOT NULL, CONSTRAINT "FK_6dbe300bfd5ee79b3f88e4e914e" FOREIGN KEY ("disputeId") REFERENCES "dispute" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("disputeId", "findingId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_dispute_finding"("disputeId", "findingId") SELECT "disputeId", "findingId" FROM "dispute_finding"`,
    );
    await queryRunner.query(`DROP TABLE "dispute_finding"`);
    await queryRunner.query(`ALTER TABLE "temporary_dispute_finding" RENAME TO "dispute_finding"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ded157fe2ed68d553def21086f" ON "dispute_finding" ("findingId") `);
    await queryRunner.query(`DROP INDEX "IDX_d207b3eb2c64210e5d6adba5cd"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_dispute_transition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "disputeId" integer NOT NULL, "organisationId" integer NOT NULL, "fromState" varchar(12), "toState" varchar(12) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL, CONSTRAINT "FK_d207b3eb2c64210e5d6adba5cd1" FOREIGN KEY ("disputeId") REFERENCES "dispute" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_dispute_transition"("id", "createdAt", "updatedAt", "disputeId", "organisationId", "fromState", "toState", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "disputeId", "organisationId", "fromState", "toState", "reason", "changedBy" FROM "dispute_transition"`,
    );
    await queryRunner.query(`DROP TABLE "dispute_transition"`);
    await queryRunner.query(`ALTER TABLE "temporary_dispute_transition" RENAME TO "dispute_transition"`);
    await queryRunner.query(`CREATE INDEX "IDX_d207b3eb2c64210e5d6adba5cd" ON "dispute_transition" ("disputeId") `);
    await queryRunner.query(`DROP INDEX "IDX_a6a60cff3e0f7420a74baf7dca"`);
    await queryRunner.query(`DROP INDEX "IDX_bf74842c05fabe52cb3fbd9b8d"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_dispute_credit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "disputeId" integer NOT NULL, "organisationId" integer NOT NULL, "invoiceLineId" integer NOT NULL, "amount" bigint NOT NULL, CONSTRAINT "FK_a6a60cff3e0f7420a74baf7dca9" FOREIGN KEY ("disputeId") REFERENCES "dispute" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_dispute_credit"("id", "createdAt", "updatedAt", "disputeId", "organisationId", "invoiceLineId", "amount") SELECT "id", "createdAt", "updatedAt", "disputeId", "organisationId", "invoiceLineId", "amount" FROM "dispute_credit"`,
    );
    await queryRunner.query(`DROP TABLE "dispute_credit"`);
    await queryRunner.query(`ALTER TABLE "temporary_dispute_credit" RENAME TO "dispute_credit"`);
    await queryRunner.query(`CREATE INDEX "IDX_a6a60cff3e0f7420a74baf7dca" ON "dispute_credit" ("disputeId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bf74842c05fabe52cb3fbd9b8d" ON "dispute_credit" ("invoiceLineId", "disputeId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_bf74842c05fabe52cb3fbd9b8d"`);
    await queryRunner.query(`DROP INDEX "IDX_a6a60cff3e0f7420a74baf7dca"`);
    await queryRunner.query(`ALTER TABLE "dispute_credit" RENAME TO "temporary_dispute_credit"`);
    await queryRunner.query(
      `CREATE TABLE "dispute_credit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "disputeId" integer NOT NULL, "organisationId" integer NOT NULL, "invoiceLineId" integer NOT NULL, "amount" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "dispute_credit"("id", "createdAt", "updatedAt", "disputeId", "organisationId", "invoiceLineId", "amount") SELECT "id", "createdAt", "updatedAt", "disputeId", "organisationId", "invoiceLineId", "amount" FROM "temporary_dispute_credit"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_dispute_credit"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bf74842c05fabe52cb3fbd9b8d" ON "dispute_credit" ("invoiceLineId", "disputeId") `);
    await queryRunner.query(`CREATE INDEX "IDX_a6a60cff3e0f7420a74baf7dca" ON "dispute_credit" ("disputeId") `);
    await queryRunner.query(`DROP INDEX "IDX_d207b3eb2c64210e5d6adba5cd"`);
    await queryRunner.query(`ALTER TABLE "dispute_transition" RENAME TO "temporary_dispute_transition"`);
    await queryRunner.query(
      `CREATE TABLE "dispute_transition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "disputeId" integer NOT NULL, "organisationId" integer NOT NULL, "fromState" varchar(12), "toState" varchar(12) NOT NULL, "reason" varchar(1000) NOT NULL, "changedBy" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "dispute_transition"("id", "createdAt", "updatedAt", "disputeId", "organisationId", "fromState", "toState", "reason", "changedBy") SELECT "id", "createdAt", "updatedAt", "disputeId", "organisationId", "fromState", "toState", "reason", "changedBy" FROM "temporary_dispute_transition"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_dispute_transition"`);
    await queryRunner.query(`CREATE INDEX "IDX_d207b3eb2c64210e5d6adba5cd" ON "dispute_transition" ("disputeId") `);
    await queryRunner.query(`DROP INDEX "IDX_ded157fe2ed68d553def21086f"`);
    await queryRunner.query(`ALTER TABLE "dispute_finding" RENAME TO "temporary_dispute_finding"`);
    await queryRunner.query(
      `CREATE TABLE "dispute_finding" ("disputeId" integer NOT NULL, "findingId" integer NOT NULL, PRIMARY KEY ("disputeId", "findingId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "dispute_finding"("disputeId", "findingId") SELECT "disputeId", "findingId" FROM "temporary_dispute_finding"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_dispute_finding"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ded157fe2ed68d553def21086f" ON "dispute_finding" ("findingId") `);
    await queryRunner.query(`DROP INDEX "IDX_014358d8c6a567fd14358638a6"`);
    await queryRunner.query(`ALTER TABLE "reconciliation_finding" RENAME TO "temporary_reconciliation_finding"`);
    await queryRunner.query(
      `CREATE TABLE "reconciliation_finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "reconciliationId" integer NOT NULL, "invoiceId" integer NOT NULL, "organisationId" integer NOT NULL, "type" varchar(30) NOT NULL, "fingerprint" varchar(200) NOT NULL, "lineId" integer, "lineNumber" integer, "serviceId" integer, "serviceReference" varchar(64), "expectedAmount" bigint, "invoicedAmount" bigint, "difference" bigint NOT NULL, "explanation" text NOT NULL, "disputable" boolean NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "reconciliation_finding"("id", "createdAt", "updatedAt", "reconciliationId", "invoiceId", "organisationId", "type", "fingerprint", "lineId", "lineNumber", "serviceId", "serviceReference", "expectedAmount", "invoicedAmount", "difference", "explanation", "disputable") SELECT "id", "createdAt", "updatedAt", "reconciliationId", "invoiceId", "organisationId", "type", "fingerprint", "lineId", "lineNumber", "serviceId", "serviceReference", "expectedAmount", "invoicedAmount", "difference", "explanation", "disputable" FROM "temporary_reconciliation_finding"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_reconciliation_finding"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_014358d8c6a567fd14358638a6" ON "reconciliation_finding" ("invoiceId", "fingerprint") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_5f9aba86ffb85928d9bda6e924"`);
    await queryRunner.query(`DROP INDEX "IDX_2984aba10e06ce98f18e46a9f1"`);
    await queryRunner.query(`DROP INDEX "IDX_3df2a183474fef954f68f83114"`);
    await queryRunner.query(`ALTER TABLE "contract" RENAME TO "temporary_contract"`);
    await queryRunner.query(
      `CREATE TABLE "contract" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "organisationId" integer NOT NULL, "supplierId" integer NOT NULL, "reference" varchar(64) NOT NULL, "title" varchar(200) NOT NULL, "procurementRoute" varchar(30) NOT NULL, "procurementVehicle" varchar(200), "status" varchar(20) NOT NULL, "startDate" date NOT NULL, "endDate" date NOT NULL, "initialTermMonths" integer NOT NULL, "renewalTermMonths" integer, "noticePeriodDays" integer NOT NULL, "noticeDate" date NOT NULL, "serviceWrap" varchar(20) NOT NULL, "serviceHours" varchar(20) NOT NULL, "serviceHoursCalendar" varchar(100), "currency" varchar(3) NOT NULL DEFAULT ('GBP'), "totalContractValue" bigint, CONSTRAINT "FK_5f9aba86ffb85928d9bda6e9244" FOREIGN KEY ("supplierId") REFERENCES "supplier" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_2ed442f640e324deba753647ceb" FOREIGN KEY ("organisationId") REFERENCES "organisation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "contract"("id", "createdAt", "updatedAt", "organisationId", "supplierId", "reference", "title", "procurementRoute", "procurementVehicle", "status", "startDate", "endDate", "initialTermMonths", "renewalTermMonths", "noticePeriodDays", "noticeDate", "serviceWrap", "serviceHours", "serviceHoursCalendar", "currency", "totalContractValue") SELECT "id", "createdAt", "updatedAt", "organisationId", "supplierId", "reference", "title", "procurementRoute", "procurementVehicle", "status", "startDate", "endDate", "initialTermMonths", "renewalTermMonths", "noticePeriodDays", "noticeDate", "serviceWrap", "serviceHours", "serviceHoursCalendar", "currency", "totalContractValue" FROM "temporary_contract"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_contract"`);
    await queryRunner.query(`CREATE INDEX "IDX_5f9aba86ffb85928d9bda6e924" ON "contract" ("supplierId") `);
    await queryRunner.query(`CREATE INDEX "IDX_2984aba10e06ce98f18e46a9f1" ON "contract" ("organisationId", "status", "noticeDate") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3df2a183474fef954f68f83114" ON "contract" ("organisationId", "reference") `);
    await queryRunner.query(`DROP INDEX "IDX_bf74842c05fabe52cb3fbd9b8d"`);
    await queryRunner.query(`DROP INDEX "IDX_a6a60cff3e0f7420a74baf7dca"`);
    await queryRunner.query(`DROP TABLE "dispute_credit"`);
    await queryRunner.query(`DROP INDEX "IDX_d207b3eb2c64210e5d6adba5cd"`);
    await queryRunner.query(`DROP TABLE "dispute_transition"`);
    await queryRunner.query(`DROP INDEX "IDX_ded157fe2ed68d553def21086f"`);
    await queryRunner.query(`DROP TABLE "dispute_finding"`);
    await queryRunner.query(`DROP INDEX "IDX_d1d0c74163e4bca9a01db985a7"`);
    await queryRunner.query(`DROP INDEX "IDX_2182200a96e6b0382116b22697"`);
    await queryRunner.query(`DROP TABLE "dispute"`);
    await queryRunner.query(`DROP INDEX "IDX_014358d8c6a567fd14358638a6"`);
    await queryRunner.query(`DROP TABLE "reconciliation_finding"`);
    await queryRunner.query(`DROP INDEX "IDX_2ca07c2142e1ac64b3b3d0d1fb"`);
    await queryRunner.query(`DROP TABLE "invoice_reconciliation"`);
  }
}
