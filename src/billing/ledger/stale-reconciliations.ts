import { In, IsNull } from 'typeorm';
import { recordTransition } from '../../db/transitions';
import type { RequestContext } from '../../request/context';
import { InvoiceApproval, InvoiceStatusChange } from '../invoice-approval.entity';
import { Invoice, InvoiceStatus } from '../invoice.entity';
import { InvoiceReconciliation } from '../reconciliation.entity';

/**
 * Marks reconciliations stale: a document arrived (an earlier-dated invoice, a credit, a
 * revised month) that changes what they would find. An approved invoice not yet paid loses its
 * approval and goes back to RECONCILED, recorded as the system's move, so nobody pays from a
 * reconciliation that is no longer true. A paid invoice is only marked.
 */
export async function markStale(ctx: RequestContext, invoiceIds: Iterable<number>, reason: string): Promise<number[]> {
  const ids = [...new Set(invoiceIds)];
  if (ids.length === 0) return [];
  const reconciliations = await ctx
    .repository(InvoiceReconciliation)
    .find({ select: { id: true, invoiceId: true }, where: { invoiceId: In(ids), staleSince: IsNull() } });
  if (reconciliations.length === 0) return [];
  const now = new Date();
  const why = reason.slice(0, 1000);
  await ctx
    .repository(InvoiceReconciliation)
    .update({ id: In(reconciliations.map((r) => r.id)) }, { staleSince: now, staleReason: why, updatedAt: now });
  const approved = await ctx
    .repository(Invoice)
    .findBy({ id: In(reconciliations.map((r) => r.invoiceId)), status: InvoiceStatus.APPROVED });
  for (const invoice of approved) {
    await ctx
      .repository(InvoiceApproval)
      .update(
        { invoiceId: invoice.id, voidReason: IsNull() },
        { voidReason: `The reconciliation went stale: ${why}`.slice(0, 500), updatedAt: now },
      );
    await ctx
      .repository(Invoice)
      .update(invoice.id, { status: InvoiceStatus.RECONCILED, approvedAmount: null, approvedVat: null, approvedAt: null, updatedAt: now });
    await recordTransition(ctx, InvoiceStatusChange, {
      subject: invoice,
      from: InvoiceStatus.APPROVED,
      to: InvoiceStatus.RECONCILED,
      reason: `Approval withdrawn: the reconciliation is stale (${why})`,
      automatic: true,
      at: now,
    });
  }
  return reconciliations.map((r) => r.invoiceId);
}
