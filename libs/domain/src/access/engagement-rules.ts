import { type GroupActor, hasPower } from './group-actor';

// Rules for engagement with public security (training, assigned forces, equipment requests,
// contributions) on objects the caller can already see. Visibility itself is in visibility-sql.ts.

export interface EquipmentRequestAccessFacts {
  id: string;
  groupId: string;
  requestingOrganisationId: string;
  decidingOrganisationId: string;
  status: string;
  sharedWithOrganisationIds: string[];
}

export type EquipmentAction =
  | 'assess' // the deciding company's contributors
  | 'decide'
  | 'deciding_move' // under_assessment, handed_over, monitoring, returned, closed
  | 'withdraw' // the requesting organisation's contributors
  | 'monitor' // either of them
  | 'share'; // either of them

export function mayOnEquipmentRequest(
  actor: GroupActor,
  request: Pick<EquipmentRequestAccessFacts, 'requestingOrganisationId' | 'decidingOrganisationId'>,
  action: EquipmentAction,
): boolean {
  if (!hasPower(actor, 'contribute')) return false;
  const deciding = actor.organisationId === request.decidingOrganisationId;
  const requesting = actor.organisationId === request.requestingOrganisationId;
  switch (action) {
    case 'assess':
    case 'decide':
    case 'deciding_move':
      return deciding;
    case 'withdraw':
      return requesting;
    case 'monitor':
    case 'share':
      return deciding || requesting;
  }
}

export const EQUIPMENT_FORBIDDEN_DETAIL: Record<EquipmentAction, string> = {
  assess: 'Only the deciding company may assess this request',
  decide: 'Only the deciding company may decide this request',
  deciding_move: 'Only the deciding company may move this request on',
  withdraw: 'Only the requesting organisation may withdraw this request',
  monitor: 'Only the deciding company or the requesting organisation may record monitoring',
  share: 'Only the deciding company or the requesting organisation may change who sees this request',
};

// A training programme is kept (sessions recorded, edited) by the organisation that created it,
// the trained agency, the provider, and the focal point or co-chairs; observers never.
export function mayKeepTraining(
  actor: GroupActor,
  programme: {
    createdByOrganisationId: string;
    agencyOrganisationId: string;
    providerOrganisationId: string | null;
  },
): boolean {
  if (!hasPower(actor, 'contribute')) return false;
  return (
    hasPower(actor, 'manage') ||
    [
      programme.createdByOrganisationId,
      programme.agencyOrganisationId,
      programme.providerOrganisationId,
    ].includes(actor.organisationId)
  );
}

// The forces assigned to a site are recorded by the site's operator, the agency itself, or the
// focal point or co-chairs.
export function mayAssignForces(
  actor: GroupActor,
  site: { operatorOrganisationId: string },
  agencyOrganisationId: string,
): boolean {
  if (!hasPower(actor, 'contribute')) return false;
  return (
    hasPower(actor, 'manage') ||
    actor.organisationId === site.operatorOrganisationId ||
    actor.organisationId === agencyOrganisationId
  );
}
