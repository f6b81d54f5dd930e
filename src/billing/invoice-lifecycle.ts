import { defineLifecycle } from '../common/lifecycle';
import { InvoiceStatus } from './invoice.entity';

/**
 * The moves an invoice may make: RECEIVED → RECONCILED → APPROVED → PAID, with ON_HOLD from
 * any but PAID and back to RECONCILED (RECEIVED if it was never reconciled). Two records on its
 * history are not moves asked for, so they are not here: a reconciliation run again
 * (RECONCILED → RECONCILED), and the system withdrawing an approval whose reconciliation
 * went stale (APPROVED → RECONCILED, ledger/stale-reconciliations.ts).
 */
export const invoiceLifecycle = defineLifecycle<InvoiceStatus>('invoice', {
  [InvoiceStatus.RECEIVED]: [InvoiceStatus.RECONCILED, InvoiceStatus.ON_HOLD],
  [InvoiceStatus.RECONCILED]: [InvoiceStatus.APPROVED, InvoiceStatus.ON_HOLD],
  [InvoiceStatus.APPROVED]: [InvoiceStatus.PAID, InvoiceStatus.ON_HOLD],
  [InvoiceStatus.ON_HOLD]: [InvoiceStatus.RECEIVED, InvoiceStatus.RECONCILED],
  [InvoiceStatus.PAID]: [],
});
