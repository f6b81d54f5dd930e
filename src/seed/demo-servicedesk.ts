import pino from 'pino';
import { IsNull, Not, type DataSource } from 'typeorm';
import { systemViewer } from '../organisations/system-viewer';
import { addDays } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import type { AppConfig } from '../config/config';
import { Contact } from '../contacts/contact.entity';
import { Contract } from '../contracts/contract.entity';
import { Escalation, EscalationKind } from '../escalations/escalation.entity';
import { RequestContext } from '../request/context';
import { createServices } from '../services';
import { Incident } from '../incidents/incident.entity';
import { ServiceReview } from '../reviews/review.entity';
import { NetworkService } from '../services/network-service.entity';
import { DEMO_CONTRACT_DUE_FOR_NOTICE } from './demo-data';

export interface DemoServiceDeskSummary {
  incidents: number;
  escalations: number;
  reviews: number;
}

/** Our references for the demo's consumer-logged incidents (the natural key that keeps the seed idempotent). */
export const DEMO_INCIDENT_UNNOTIFIED = 'RX1-INC-DEMO-1';
export const DEMO_INCIDENT_NOTIFIED = 'RX1-INC-DEMO-2';
export const DEMO_ESCALATION_OVERDUE = 'Repeated loss of service at Northshire General: root cause and a fix date needed';
export const DEMO_COMPLAINT_CLOSED = 'Service desk did not call back on two Severity 2 incidents as promised';

const HOUR = 3_600_000;

/**
 * The service desk on the demo contract: a consumer-logged Severity 1 incident with no
 * notification of the Service Co-ordinator and one with, an open escalation overdue for
 * its update, a closed complaint, and a review of last month with actions (one overdue).
 * Times are relative to `now`; running it again adds nothing. Run after the SLA demo data,
 * so that the review's captured SLA report has figures in it.
 */
export async function seedDemoServiceDesk(dataSource: DataSource, config: AppConfig, now = new Date()): Promise<DemoServiceDeskSummary> {
  const none = { incidents: 0, escalations: 0, reviews: 0 };
  const contract = await dataSource.getRepository(Contract).findOneBy({ reference: DEMO_CONTRACT_DUE_FOR_NOTICE });
  if (!contract) return none;
  const services = await dataSource.getRepository(NetworkService).find({ where: { contractId: contract.id }, order: { reference: 'ASC' } });
  const contact = await dataSource
    .getRepository(Contact)
    .findOne({ where: { organisationId: contract.organisationId, email: Not(IsNull()) }, order: { id: 'ASC' } });
  if (services.length < 2 || !contact) return none;

  const viewer = { ...(await systemViewer(dataSource.manager, contract.organisationId, 'seed:demo')) };
  const ctx = new RequestContext('seed-demo-servicedesk', viewer, dataSource.manager, config, pino({ level: 'silent' }));
  const { incidents, escalations, reviews } = createServices(config);
  const today = todayInLondon(now);

  return ctx.transaction(async (tx) => {
    const summary = { incidents: 0, escalations: 0, reviews: 0 };
    const incidentRepo = tx.repository(Incident);
    const log = async (
      externalId: string,
      serviceIndex: number,
      hoursAgo: number,
      summaryText: string,
      notifiedAfterMinutes: number | null,
    ) => {
      const held = await incidentRepo.findOneBy({ organisationId: contract.organisationId, externalId });
      if (held) return held;
      const opened = new Date(now.getTime() - hoursAgo * HOUR);
      const incident = await incidents.log(
        tx,
        {
          serviceId: services[serviceIndex].id,
          severity: 1,
          summary: summaryText,
          occurredAt: new Date(opened.getTime() - 10 * 60_000),
          impact: 'Site has no WAN connectivity; PAS, EPR and telephony down',
          customerImpact: 'Outpatient clinics on paper; ambulance handover delays',
          workaround: 'Clinicians using 4G hotspots for the EPR',
          stepsTaken: 'Router power-cycled, patch leads checked, no light on the NTE fibre port',
          updatesContactId: contact.id,
        },
        opened,
      );
      incident.externalId = externalId;
      if (notifiedAfterMinutes !== null) {
        incident.serviceCoordinatorNotified = true;
        incident.serviceCoordinatorNotifiedAt = new Date(opened.getTime() + notifiedAfterMinutes * 60_000);
        incident.serviceCoordinatorNotificationRecordedBy = 'seed:demo';
      }
      summary.incidents += 1;
      return incidentRepo.save(incident);
    };
    await log(DEMO_INCIDENT_UNNOTIFIED, 0, 3, 'Total loss of service at the main hospital site', null);
    await log(DEMO_INCIDENT_NOTIFIED, 1, 48, 'Total loss of service at the community hub after a fibre cut', 25);

    const escalationRepo = tx.repository(Escalation);
    if (!(await escalationRepo.findOneBy({ organisationId: contract.organisationId, summary: DEMO_ESCALATION_OVERDUE }))) {
      const raisedAt = new Date(now.getTime() - 72 * HOUR);
      const raised = await escalations.raise(
        tx,
        {
          kind: EscalationKind.ESCALATION,
          supplierId: contract.supplierId,
          contractId: contract.id,
          summary: DEMO_ESCALATION_OVERDUE,
          updateIntervalHours: 24,
        },
        raisedAt,
      );
      await escalations.recordUpdate(
        tx,
        raised.id,
        {
          givenBy: 'PDN service desk',
          givenAt: new Date(raisedAt.getTime() + 22 * HOUR),
          text: 'Engineer visit booked; fibre provider investigating the duct',
        },
        now,
      );
      summary.escalations += 1;
    }
    if (!(await escalationRepo.findOneBy({ organisationId: contract.organisationId, summary: DEMO_COMPLAINT_CLOSED }))) {
      const raisedAt = new Date(now.getTime() - 60 * 24 * HOUR);
      const raised = await escalations.raise(
        tx,
        {
          kind: EscalationKind.COMPLAINT,
          supplierId: contract.supplierId,
          contractId: contract.id,
          summary: DEMO_COMPLAINT_CLOSED,
          updateIntervalHours: 72,
        },
        raisedAt,
      );
      await escalations.recordUpdate(
        tx,
        raised.id,
        {
          givenBy: 'PDN service manager',
          givenAt: new Date(raisedAt.getTime() + 48 * HOUR),
          text: 'Call-back process retrained; missed calls now alert the duty manager',
        },
        now,
      );
      await escalations.close(
        tx,
        raised.id,
        'Supplier apologised and changed its call-back process; agreed at the monthly review',
        new Date(raisedAt.getTime() + 30 * 24 * HOUR),
      );
      summary.escalations += 1;
    }

    const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
    if (
      !(await tx
        .repository(ServiceReview)
        .findOneBy({ contractId: contract.id, periodFrom: lastMonth, periodTo: lastMonth, recordedBy: 'seed:demo' }))
    ) {
      await reviews.record(
        tx,
        {
          contractId: contract.id,
          heldOn: addDays(today, -10) >= `${today.slice(0, 7)}-01` ? addDays(today, -10) : today,
          periodFrom: lastMonth,
          periodTo: lastMonth,
          attendees: ['Northshire contract manager', 'Pennine Digital Networks service manager', 'Central CSU networks lead'],
          notes: 'Availability breach on one circuit and a late Severity 1 resolution: credits expected on next invoice.',
          actions: [
            {
              description: 'PDN to send the root cause report for the fibre cut',
              ownerUser: 'PDN service manager',
              dueDate: addDays(today, -3),
            },
            { description: 'Confirm the service credits on the next invoice', ownerContactId: contact.id, dueDate: addDays(today, 21) },
          ],
        },
        now,
      );
      summary.reviews += 1;
    }
    return summary;
  });
}
