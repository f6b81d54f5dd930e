import { In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { periodsTouching } from '../../common/calendar';
import { groupBy } from '../../common/collections';
import { formatMoney, type Pence } from '../../common/money';
import { ChargeType } from '../charge-type';
import { recordTransition } from '../../db/transitions';
import type { RequestContext } from '../../request/context';
import { Dispute, DisputeCredit, DisputeFinding, DisputeState, DisputeTransition } from '../dispute.entity';
import { InvoiceLine } from '../invoice-line.entity';
import { Invoice } from '../invoice.entity';
import { ReconciliationFinding } from '../reconciliation.entity';
import { vatOn } from '../reconciliation-rules';
import { CreditLedgerEntry, CreditReceipt } from './credit-ledger.entity';
import { recountReceived } from './credit-ledger-writes';

/** Disputes a credit can settle: sent or agreed, not closed. */
const OPEN_DISPUTES: readonly DisputeState[] = [DisputeState.DRAFT, DisputeState.SUBMITTED, DisputeState.ACKNOWLEDGED, DisputeState.UPHELD];
const CHUNK = 500;

/** A credit line and what of it is not yet matched, net and gross (positive amounts). */
interface OpenCredit {
  line: InvoiceLine;
  invoice: Invoice;
  months: string[];
  net: Pence;
  gross: Pence;
}

export interface MatchOutcome {
  /** invoices whose claimed credits were received in part or whole: their reconciliations are stale */
  claimsReceived: Map<number, string>;
  /** receipts made */
  receipts: number;
}

/**
 * Matches the supplier's credit lines, in the order they were dated, to what is owed:
 *
 * 1. ledger entries of the months the line names (its own period, else its document's), and
 *    of the service it names, if it names one — oldest month first, whatever state a dispute
 *    claiming them is in. A dispute that claimed the entries is credited with them, and
 *    becomes CREDITED once credited in full;
 * 2. what is left, to UPHELD disputes about overcharges, the credited service's first and an
 *    exact amount before a part.
 *
 * Every move is the system's. A line is never matched beyond its amount, so re-running
 * changes nothing.
 */
export async function matchCredits(ctx: RequestContext, supplierId: number, organisationIds: readonly number[]): Promise<MatchOutcome> {
  const outcome: MatchOutcome = { claimsReceived: new Map(), receipts: 0 };
  if (organisationIds.length === 0) return outcome;
  const open = await openCredits(ctx, supplierId, organisationIds);
  if (open.length === 0) return outcome;

  const entries = await ctx
    .repository(CreditLedgerEntry)
    .createQueryBuilder('entry')
    .where('entry.supplierId = :supplierId AND entry.organisationId IN (:...organisationIds) AND entry.final = :final', {
      supplierId,
      organisationIds: [...organisationIds],
      final: true,
    })
    .andWhere('entry.owed - entry.received - entry.waived > 0')
    .orderBy('entry.period', 'ASC')
    .addOrderBy('entry.id', 'ASC')
    .getMany();
  const byMonth = groupBy(entries, (entry) => entry.period);
  const receipts: Omit<CreditReceipt, 'id' | 'globalId' | 'entry' | 'createdAt' | 'updatedAt' | 'stampCreated' | 'stampUpdated'>[] = [];
  const receiptGross: Pence[] = [];
  const touched = new Set<CreditLedgerEntry>();

  for (const credit of open) {
    // a line naming a service we do not hold credits nothing of ours: it is left for a person to place
    if (credit.line.serviceId === null && credit.line.serviceReference) continue;
    for (const month of credit.months) {
      for (const entry of byMonth.get(month) ?? []) {
        if (credit.net <= 0n) break;
        if (entry.organisationId !== credit.line.organisationId) continue;
        if (credit.line.serviceId !== null && entry.serviceId !== credit.line.serviceId) continue;
        const outstanding = entry.outstanding;
        if (outstanding <= 0n) continue;
        const applied = outstanding < credit.net ? outstanding : credit.net;
        const gross = applied === credit.net ? credit.gross : applied + vatOn(applied, credit.line.vatRate);
        credit.net -= applied;
        credit.gross -= gross;
        entry.received += applied;
        touched.add(entry);
        receipts.push({
          organisationId: entry.organisationId,
          entryId: entry.id,
          invoiceId: credit.invoice.id,
          invoiceLineId: credit.line.id,
          amount: applied,
        });
        receiptGross.push(gross);
        if (entry.claimedInvoiceId !== null) {
          const was = outcome.claimsReceived.get(entry.claimedInvoiceId);
          outcome.claimsReceived.set(
            entry.claimedInvoiceId,
            was ?? `a credit for ${entry.period} was received on ${credit.invoice.invoiceNumber} line ${credit.line.lineNumber}`,
          );
        }
      }
    }
  }
  if (receipts.length) {
    const now = new Date();
    const saved: CreditReceipt[] = [];
    for (let at = 0; at < receipts.length; at += CHUNK) {
      const chunk = receipts.slice(at, at + CHUNK).map((r) => ({ ...r, createdAt: now, updatedAt: now }));
      await ctx.repository(CreditReceipt).insert(chunk);
    }
    // named by the credit notes, not by their lines: one statement however many lines they have
    saved.push(...(await ctx.repository(CreditReceipt).find({ where: { invoiceId: In([...new Set(receipts.map((r) => r.invoiceId))]) } })));
    const ids = [...touched].map((entry) => entry.id);
    for (let at = 0; at < ids.length; at += CHUNK) {
      const chunk = ids.slice(at, at + CHUNK);
      await recountReceived(ctx.manager, chunk);
    }
    await creditClaimingDisputes(ctx, [...touched], receipts, receiptGross, saved);
    outcome.receipts = receipts.length;
  }
  await creditUpheldDisputes(
    ctx,
    supplierId,
    organisationIds,
    open.filter((credit) => credit.gross > 0n),
  );
  return outcome;
}

/** The supplier's credit lines in the organisations with something still unmatched, oldest document first. */
async function openCredits(ctx: RequestContext, supplierId: number, organisationIds: readonly number[]): Promise<OpenCredit[]> {
  const lines = await ctx
    .repository(InvoiceLine)
    .createQueryBuilder('line')
    .innerJoinAndSelect('line.invoice', 'invoice')
    .where('invoice.supplierId = :supplierId AND line.organisationId IN (:...organisationIds)', {
      supplierId,
      organisationIds: [...organisationIds],
    })
    .andWhere('line.chargeType = :credit AND line.netAmount < 0', { credit: ChargeType.CREDIT })
    .orderBy('invoice.invoiceDate', 'ASC')
    .addOrderBy('invoice.id', 'ASC')
    .addOrderBy('line.lineNumber', 'ASC')
    .getMany();
  if (lines.length === 0) return [];
  // what is already used of each line, read for all of them at once (not line by line, nor in chunks of ids)
  const ofTheseLines = <T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string) =>
    query
      .innerJoin(InvoiceLine, 'line', `line.id = ${alias}.invoiceLineId`)
      .innerJoin(Invoice, 'invoice', 'invoice.id = line.invoiceId')
      .where('invoice.supplierId = :supplierId AND line.organisationId IN (:...organisationIds)', {
        supplierId,
        organisationIds: [...organisationIds],
      })
      .andWhere('line.chargeType = :credit AND line.netAmount < 0', { credit: ChargeType.CREDIT });
  const [receiptSums, disputeCredits] = await Promise.all([
    ofTheseLines(ctx.repository(CreditReceipt).createQueryBuilder('receipt'), 'receipt')
      .select('receipt.invoiceLineId', 'invoiceLineId')
      .addSelect('SUM(receipt.amount)', 'amount')
      .groupBy('receipt.invoiceLineId')
      .getRawMany<{ invoiceLineId: number | string; amount: number | string | bigint }>(),
    ofTheseLines(ctx.repository(DisputeCredit).createQueryBuilder('credit'), 'credit')
      .select('credit.invoiceLineId', 'invoiceLineId')
      .addSelect('credit.amount', 'amount')
      .addSelect('credit.receiptId', 'receiptId')
      .orderBy('credit.id', 'ASC')
      .getRawMany<{ invoiceLineId: number | string; amount: number | string | bigint; receiptId: number | string | null }>(),
  ]);
  const lineById = new Map(lines.map((line) => [line.id, line]));
  const usedNet = new Map<number, Pence>();
  const usedGross = new Map<number, Pence>();
  for (const receipt of receiptSums) {
    const lineId = Number(receipt.invoiceLineId);
    usedNet.set(lineId, (usedNet.get(lineId) ?? 0n) + BigInt(String(receipt.amount)));
  }
  for (const credit of disputeCredits) {
    const lineId = Number(credit.invoiceLineId);
    const amount = BigInt(String(credit.amount));
    usedGross.set(lineId, (usedGross.get(lineId) ?? 0n) + amount);
    // a dispute credited through the ledger is already counted in the receipts' net
    if (credit.receiptId === null) usedNet.set(lineId, (usedNet.get(lineId) ?? 0n) + netWithin(amount, lineById.get(lineId)!));
  }
  const open: OpenCredit[] = [];
  for (const line of lines) {
    const net = -line.netAmount - (usedNet.get(line.id) ?? 0n);
    if (net <= 0n) continue;
    const gross = -(line.netAmount + line.vatAmount) - (usedGross.get(line.id) ?? 0n);
    open.push({
      line,
      invoice: line.invoice!,
      months: periodsTouching(line.periodStart ?? line.invoice!.periodStart, line.periodEnd ?? line.invoice!.periodEnd),
      net,
      gross: gross > 0n ? gross : 0n,
    });
  }
  return open;
}

/** The net part of a gross amount of a line, in the line's own proportion. */
function netWithin(gross: Pence, line: InvoiceLine): Pence {
  const lineGross = line.netAmount + line.vatAmount;
  return lineGross === 0n ? 0n : (gross * line.netAmount) / lineGross;
}

/** Disputes that claimed entries now received: credited with the receipts' gross amounts, CREDITED when whole. */
async function creditClaimingDisputes(
  ctx: RequestContext,
  entries: readonly CreditLedgerEntry[],
  receipts: readonly { entryId: number; invoiceLineId: number; invoiceId: number }[],
  receiptGross: readonly Pence[],
  saved: readonly CreditReceipt[],
): Promise<void> {
  const claimed = entries.filter((entry) => entry.claimedDisputeId !== null);
  if (claimed.length === 0) return;
  const disputes = await ctx
    .repository(Dispute)
    .findBy({ id: In([...new Set(claimed.map((entry) => entry.claimedDisputeId!))]), state: In([...OPEN_DISPUTES]) });
  const entryById = new Map(claimed.map((entry) => [entry.id, entry]));
  const invoices = new Map(
    (await ctx.repository(Invoice).findBy({ id: In([...new Set(receipts.map((r) => r.invoiceId))]) })).map((invoice) => [
      invoice.id,
      invoice,
    ]),
  );
  const receiptIdOf = new Map(saved.map((s) => [`${s.entryId}|${s.invoiceLineId}`, s.id]));
  const now = new Date();
  // every dispute's credits, inserted together in chunks after the loop: not one statement per receipt
  const credits: Omit<DisputeCredit, 'id' | 'globalId' | 'stampCreated' | 'stampUpdated'>[] = [];
  const moves: { dispute: Dispute; from: DisputeState; reason: string }[] = [];
  for (const dispute of disputes) {
    const from = dispute.state;
    const parts: string[] = [];
    for (const [index, receipt] of receipts.entries()) {
      const entry = entryById.get(receipt.entryId);
      if (!entry || entry.claimedDisputeId !== dispute.id) continue;
      const left = dispute.disputedAmount - dispute.creditedAmount;
      if (left <= 0n) break;
      const gross = receiptGross[index]! < left ? receiptGross[index]! : left;
      const receiptId = receiptIdOf.get(`${receipt.entryId}|${receipt.invoiceLineId}`) ?? null;
      credits.push({
        disputeId: dispute.id,
        organisationId: dispute.organisationId,
        invoiceLineId: receipt.invoiceLineId,
        receiptId,
        amount: gross,
        createdAt: now,
        updatedAt: now,
      });
      dispute.creditedAmount += gross;
      parts.push(`£${formatMoney(gross)} for ${entry.period} from ${invoices.get(receipt.invoiceId)?.invoiceNumber ?? 'a credit'}`);
    }
    if (parts.length === 0) continue;
    const full = dispute.creditedAmount >= dispute.disputedAmount;
    if (full) dispute.state = DisputeState.CREDITED;
    moves.push({
      dispute,
      from,
      reason:
        `Credits matched through the ` +
        `ledger: ${parts.join(', ')}${full ? '' : `; £${formatMoney(dispute.disputedAmount - dispute.creditedAmount)} still due`}`,
    });
  }
  for (let at = 0; at < credits.length; at += CHUNK) await ctx.repository(DisputeCredit).insert(credits.slice(at, at + CHUNK));
  for (const { dispute, from, reason } of moves) {
    await ctx
      .repository(Dispute)
      .update(dispute.id, { creditedAmount: dispute.creditedAmount, state: dispute.state, updatedAt: new Date() });
    await recordSystemMove(ctx, dispute, from, reason);
  }
}

/**
 * What is left of the credit lines, to UPHELD disputes about overcharges (those that claimed no
 * ledger credits): the credited service's first, an exact amount before a part, oldest first.
 */
async function creditUpheldDisputes(
  ctx: RequestContext,
  supplierId: number,
  organisationIds: readonly number[],
  open: OpenCredit[],
): Promise<void> {
  if (open.length === 0) return;
  const upheld = await ctx
    .repository(Dispute)
    .find({ where: { supplierId, organisationId: In([...organisationIds]), state: DisputeState.UPHELD }, order: { id: 'ASC' } });
  if (upheld.length === 0) return;
  const claiming = new Set(
    (
      await ctx
        .repository(CreditLedgerEntry)
        .find({ select: { claimedDisputeId: true }, where: { claimedDisputeId: In(upheld.map((d) => d.id)) } })
    ).map((e) => e.claimedDisputeId),
  );
  const disputes = upheld.filter((dispute) => !claiming.has(dispute.id));
  if (disputes.length === 0) return;
  const links = await ctx.repository(DisputeFinding).findBy({ disputeId: In(disputes.map((d) => d.id)) });
  const findings = links.length ? await ctx.repository(ReconciliationFinding).findBy({ id: In(links.map((l) => l.findingId)) }) : [];
  const servicesOf = (dispute: Dispute) =>
    new Set(links.filter((l) => l.disputeId === dispute.id).map((l) => findings.find((f) => f.id === l.findingId)?.serviceId));
  const remaining = (d: Dispute) => d.disputedAmount - d.creditedAmount;

  for (const credit of open) {
    const { line, invoice } = credit;
    const rank = (d: Dispute) =>
      (line.serviceId !== null && servicesOf(d).has(line.serviceId) ? 0 : 2) + (remaining(d) === credit.gross ? 0 : 1);
    const candidates = disputes
      .filter((d) => d.state === DisputeState.UPHELD && remaining(d) > 0n)
      .sort((a, b) => rank(a) - rank(b) || a.id - b.id);
    for (const dispute of candidates) {
      if (credit.gross <= 0n) break;
      const applied = remaining(dispute) < credit.gross ? remaining(dispute) : credit.gross;
      credit.gross -= applied;
      dispute.creditedAmount += applied;
      const full = dispute.creditedAmount === dispute.disputedAmount;
      if (full) dispute.state = DisputeState.CREDITED;
      await ctx
        .repository(Dispute)
        .update(dispute.id, { creditedAmount: dispute.creditedAmount, state: dispute.state, updatedAt: new Date() });
      await ctx.repository(DisputeCredit).insert({
        disputeId: dispute.id,
        organisationId: dispute.organisationId,
        invoiceLineId: line.id,
        receiptId: null,
        amount: applied,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      await recordSystemMove(
        ctx,
        dispute,
        DisputeState.UPHELD,
        `Credit of £${formatMoney(applied)} matched from invoice ${invoice.invoiceNumber} ` +
          `line ${line.lineNumber}${full ? '' : `; £${formatMoney(remaining(dispute))} still due`}`,
      );
    }
  }
}

/** A dispute's move made by the system: recorded as the system's, never a person's. */
function recordSystemMove(ctx: RequestContext, dispute: Dispute, from: DisputeState, reason: string): Promise<unknown> {
  return recordTransition(ctx, DisputeTransition, { subject: dispute, from, to: dispute.state, reason, automatic: true });
}
