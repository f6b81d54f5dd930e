/** A service of the feed's supplier, held by one of the sender's organisations. */
export interface KnownService {
  id: number;
  organisationId: number;
  reference: string;
  /** the service's status, in the services domain's vocabulary (ServiceStatus) */
  status: string;
}

/**
 * The supplier's services that the feed's sender may speak about — those of the
 * organisations in the sender's scope — as the writers look them up: loaded once per run
 * (feeds/service-directory.ts), so that resolving a reference costs no query per row.
 * References match ignoring case and surrounding space.
 */
export interface ServiceDirectory {
  find(reference: string): KnownService | undefined;
  all(): KnownService[];
}
