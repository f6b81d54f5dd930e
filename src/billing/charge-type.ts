/** What an invoice line charges for: a feed's lines are read into these, reconciliation prices them. */
export enum ChargeType {
  RECURRING = 'RECURRING',
  ONE_OFF = 'ONE_OFF',
  USAGE = 'USAGE',
  CREDIT = 'CREDIT',
  ADJUSTMENT = 'ADJUSTMENT',
}
