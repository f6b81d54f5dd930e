import { ApiKey } from '../auth/api-key.entity';
import { ContactAssignment } from '../contacts/contact-assignment.entity';
import { Contact } from '../contacts/contact.entity';
import { ContractDocument } from '../contracts/contract-document.entity';
import { ContractStatusChange } from '../contracts/contract-status-change.entity';
import { Contract } from '../contracts/contract.entity';
import { ActsFor } from '../organisations/acts-for.entity';
import { Organisation } from '../organisations/organisation.entity';
import { NetworkService } from '../services/network-service.entity';
import { Site } from '../sites/site.entity';
import { Supplier } from '../suppliers/supplier.entity';

export const entities = [
  Organisation,
  ActsFor,
  Supplier,
  Contract,
  ContractDocument,
  ContractStatusChange,
  Site,
  NetworkService,
  Contact,
  ContactAssignment,
  ApiKey,
];
