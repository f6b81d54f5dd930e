import { ConnectionType } from '../graphql-types/connection';
import { Invoice } from './invoice.entity';

/** What the invoice API answers with (invoice.resolver.ts): pages of invoices. */

export const InvoiceConnection = ConnectionType(Invoice, 'Invoice');
