import { mayAssignForces, mayKeepTraining, mayOnEquipmentRequest } from './engagement-rules';
import type { GroupActor } from './group-actor';

const actor = (organisationId: string, extra: Partial<GroupActor> = {}): GroupActor => ({
  userId: 'u',
  groupId: 'g',
  membershipId: 'm',
  organisationId,
  organisationKind: 'company',
  role: 'member',
  isCoChair: false,
  ...extra,
});

describe('engagement rules', () => {
  const request = { requestingOrganisationId: 'police', decidingOrganisationId: 'mine' };

  it('the deciding company assesses and decides; the requester withdraws; both monitor', () => {
    expect(mayOnEquipmentRequest(actor('mine'), request, 'decide')).toBe(true);
    expect(mayOnEquipmentRequest(actor('police'), request, 'decide')).toBe(false);
    expect(mayOnEquipmentRequest(actor('police'), request, 'withdraw')).toBe(true);
    expect(mayOnEquipmentRequest(actor('mine'), request, 'withdraw')).toBe(false);
    expect(mayOnEquipmentRequest(actor('police'), request, 'monitor')).toBe(true);
    expect(mayOnEquipmentRequest(actor('ngo'), request, 'monitor')).toBe(false);
  });

  it('observers and a focal point of another organisation may not decide', () => {
    expect(mayOnEquipmentRequest(actor('mine', { role: 'observer' }), request, 'decide')).toBe(false);
    expect(mayOnEquipmentRequest(actor('host', { role: 'focal_point' }), request, 'decide')).toBe(false);
  });

  it('training is kept by its organisations and the focal point; forces by operator, agency, managers', () => {
    const p = {
      createdByOrganisationId: 'mine',
      agencyOrganisationId: 'police',
      providerOrganisationId: null,
    };
    expect(mayKeepTraining(actor('police'), p)).toBe(true);
    expect(mayKeepTraining(actor('ngo'), p)).toBe(false);
    expect(mayKeepTraining(actor('host', { role: 'focal_point' }), p)).toBe(true);
    expect(mayAssignForces(actor('mine'), { operatorOrganisationId: 'mine' }, 'police')).toBe(true);
    expect(mayAssignForces(actor('ngo'), { operatorOrganisationId: 'mine' }, 'police')).toBe(false);
  });
});
