import { type GroupActor, hasPower } from './group-actor';

export type AgreementVisibility = 'parties' | 'summary' | 'group';

// What the agreement rules need to know about an agreement.
export interface AgreementAccessFacts {
  id: string;
  groupId: string;
  title: string;
  visibility: AgreementVisibility;
  status: string;
  sourceLocale: string;
  catalogueEdition: string;
  currentVersionId: string | null;
  partyOrganisationIds: string[];
}

// How much of an agreement the caller sees: all of it, its summary (title, kind, level, status,
// parties, dates, coverage — never clause text), or nothing (404).
export type AgreementSight = 'full' | 'summary';

export function agreementSight(
  actor: Pick<GroupActor, 'organisationId'>,
  agreement: Pick<AgreementAccessFacts, 'visibility' | 'partyOrganisationIds'>,
): AgreementSight | null {
  if (agreement.partyOrganisationIds.includes(actor.organisationId)) return 'full';
  switch (agreement.visibility) {
    case 'group':
      return 'full';
    case 'summary':
      return 'summary';
    case 'parties':
      return null;
  }
}

export type AgreementAction =
  | 'edit' // PATCH, status, versions, obligations, legal references, reviews: party members (not observers)
  | 'accept' // accept a proposed version for the caller's own party
  | 'sign' // record a signature
  | 'report_non_compliance'; // any member who can see the agreement (civil society included), not observers

export function isPartyMember(
  actor: Pick<GroupActor, 'organisationId'>,
  agreement: Pick<AgreementAccessFacts, 'partyOrganisationIds'>,
): boolean {
  return agreement.partyOrganisationIds.includes(actor.organisationId);
}

// Rules for an agreement the caller can already see (visibility itself is agreementVisibleSql).
export function mayOnAgreement(
  actor: GroupActor,
  agreement: Pick<AgreementAccessFacts, 'partyOrganisationIds'>,
  action: AgreementAction,
): boolean {
  switch (action) {
    case 'edit':
    case 'accept':
    case 'sign':
      return isPartyMember(actor, agreement) && hasPower(actor, 'contribute');
    case 'report_non_compliance':
      return hasPower(actor, 'contribute');
  }
}

export const AGREEMENT_FORBIDDEN_DETAIL: Record<AgreementAction, string> = {
  edit: 'Only members of a party organisation may change this agreement',
  accept: 'Only members of a party organisation may accept a version',
  sign: 'Only members of a party organisation may record a signature',
  report_non_compliance: 'Observers may not report non-compliance',
};

export interface NonComplianceAccessFacts {
  id: string;
  groupId: string;
  agreementId: string;
  reporterOrganisationId: string;
  confidentiality: 'group' | 'restricted';
  anonymous: boolean;
  status: string;
  partyOrganisationIds: string[];
}

export type NonComplianceAction =
  | 'advance' // move the escalation workflow, link a recommendation: party members, focal point, co-chairs
  | 'read';

export function mayOnNonCompliance(
  actor: GroupActor,
  report: Pick<NonComplianceAccessFacts, 'partyOrganisationIds'>,
  action: NonComplianceAction,
): boolean {
  switch (action) {
    case 'read':
      return true;
    case 'advance':
      return (
        (report.partyOrganisationIds.includes(actor.organisationId) && hasPower(actor, 'contribute')) ||
        hasPower(actor, 'manage')
      );
  }
}

// Anonymous reports name their reporter only inside the reporting organisation (as incidents).
export function revealsReporter(
  viewerOrganisationId: string,
  report: Pick<NonComplianceAccessFacts, 'reporterOrganisationId' | 'anonymous'>,
): boolean {
  return !report.anonymous || viewerOrganisationId === report.reporterOrganisationId;
}
