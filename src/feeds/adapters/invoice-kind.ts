import { formatMoney } from '../../common/money';
import { ChargeType } from '../../billing/charge-type';
import { type InvoiceRecord } from '../../feed-records/records';
import { clip, FieldError, isBlank, squash } from './values';

/**
 * Whether a supplier's document is an invoice or a credit note. A credit note is not a
 * month's bill: read as one, every service it leaves out looks unbilled and its total looks
 * like a ±100 % swing on the last invoice. Feeds may declare the kind (CSV `document_type`,
 * TMF678 `category` or `billType`); where they do not, it is inferred only where the
 * document cannot be anything else (inferInvoiceKind).
 */
export type DocumentKind = InvoiceRecord<ChargeType>['kind'];

/** Suppliers' words for a credit note, squashed as squash() compares them. */
const CREDIT_NOTE_WORDS = ['creditnote', 'credit', 'creditmemo'];

/**
 * TMF678's own categories of a regular bill ("normal, duplicate, interim, last, trial
 * customer") and the plain words for one: all are invoices, whatever else they say.
 */
const INVOICE_WORDS = [
  'invoice',
  'bill',
  'normal',
  'regular',
  'standard',
  'duplicate',
  'interim',
  'last',
  'final',
  'trialcustomer',
  'trial',
];

/**
 * A TMF678 bill's declared kind: null when the field is absent or blank, CREDIT_NOTE or INVOICE for the
 * words above (case, spaces, "-" and "_" ignored), and otherwise refused, naming the value
 * and what is accepted: an unknown word might mean either, and a credit note read as an
 * invoice (or the reverse) misstates what is owed.
 */
export function parseDocumentKind(value: unknown, field: string): DocumentKind | null {
  if (isBlank(value)) return null;
  const key = squash(String(value));
  if (CREDIT_NOTE_WORDS.includes(key) || key === squash('CREDIT_NOTE')) return 'CREDIT_NOTE';
  if (INVOICE_WORDS.includes(key)) return 'INVOICE';
  throw new FieldError(field, `"${clip(String(value))}" is not a document type we know: send INVOICE or CREDIT_NOTE`);
}

/** The document's lines and totals, which is all the kind is decided on. */
type Content = Pick<InvoiceRecord<ChargeType>, 'grossTotal' | 'lines'>;

/**
 * A document that declares no kind is a credit note only when it cannot be anything else:
 * it has lines, every one a CREDIT line with a negative net amount, and its gross total is
 * below zero. A mix (a bill with a credit on it, an adjustment) stays an INVOICE. The
 * migration that brought the kind in (CreditNotes1797000100000) applies the same rule in SQL.
 */
export function inferInvoiceKind({ grossTotal, lines }: Content): DocumentKind {
  const allCredits = lines.length > 0 && lines.every((line) => line.chargeType === ChargeType.CREDIT && line.netAmount < 0n);
  return allCredits && grossTotal < 0n ? 'CREDIT_NOTE' : 'INVOICE';
}

/**
 * The document's kind: as declared, or inferred. A declared credit note that charges (a
 * positive gross total, or a RECURRING or ONE_OFF line that adds) is refused with what
 * contradicts it, since which of the two was meant cannot be told; a declared INVOICE is
 * taken as declared.
 */
export function documentKind(declared: DocumentKind | null, content: Content, field: string): DocumentKind {
  if (declared === null) return inferInvoiceKind(content);
  if (declared === 'CREDIT_NOTE') {
    if (content.grossTotal > 0n) {
      throw new FieldError(
        field,
        `declares a credit note but the gross total £${formatMoney(content.grossTotal)} is positive; a credit note gives money back`,
      );
    }
    const charging = content.lines.filter(
      (line) => (line.chargeType === ChargeType.RECURRING || line.chargeType === ChargeType.ONE_OFF) && line.netAmount > 0n,
    );
    if (charging.length) {
      const which = charging.map((line) => `line ${line.lineNumber} (${line.chargeType} £${formatMoney(line.netAmount)})`).join(', ');
      throw new FieldError(
        field,
        `declares a credit note but ${which} ${charging.length === 1 ? 'charges' : 'charge'}; send charges on an invoice`,
      );
    }
  }
  return declared;
}
