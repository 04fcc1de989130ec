import type { Agreement } from './api';

// What every section of the agreement page needs to know about the caller and the agreement.
export interface AgreementContext {
  groupId: string;
  agreement: Agreement;
  zone: string;
  full: boolean; // may read the content (not only the summary)
  canEdit: boolean; // a party member, not an observer
  myOrganisationId?: string;
  canReport: boolean; // may report non-compliance (not an observer; signed or later)
  canAdvanceReports: boolean; // a party member, the focal point or a co-chair
}
