import { GroupEventPayload } from '@roundtable/core';
import { planDelivery } from './delivery-plan';

const G = '11111111-1111-1111-1111-111111111111';
const event = (type: GroupEventPayload['type'], data: Record<string, unknown> = {}): GroupEventPayload => ({
  id: '1',
  cursor: 'c1',
  type,
  groupId: G,
  entityId: null,
  at: '2027-01-05T08:00:00.000Z',
  data,
});

describe('planDelivery', () => {
  it('sends ordinary events to the group room', () => {
    expect(planDelivery({ event: event('group.updated'), scoped: false })).toEqual({ to: [`group:${G}`] });
  });

  it('sends events of a group-wide incident or agreement to the group room', () => {
    expect(planDelivery({ event: event('incident.reported'), scoped: true, audience: null }).to).toEqual([
      `group:${G}`,
    ]);
    expect(planDelivery({ event: event('agreement.created'), scoped: true, audience: null }).to).toEqual([
      `group:${G}`,
    ]);
  });

  it('sends events of a restricted incident only to the entitled organisations, never the group room', () => {
    const plan = planDelivery({
      event: event('incident.updated'),
      scoped: true,
      audience: ['a', 'b'],
    });
    expect(plan.to).toEqual([`group:${G}:org:a`, `group:${G}:org:b`]);
  });

  it('sends events of a parties-only agreement or a restricted report only to those organisations', () => {
    expect(planDelivery({ event: event('agreement.signed'), scoped: true, audience: ['p'] }).to).toEqual([
      `group:${G}:org:p`,
    ]);
    expect(
      planDelivery({ event: event('noncompliance.reported'), scoped: true, audience: ['n', 'p'] }).to,
    ).toEqual([`group:${G}:org:n`, `group:${G}:org:p`]);
  });

  it('delivers a scoped event to nobody when the audience is unknown', () => {
    expect(planDelivery({ event: event('incident.updated'), scoped: true, audience: [] }).to).toEqual([]);
    expect(planDelivery({ event: event('incident.updated'), scoped: true }).to).toEqual([]);
  });

  it('removes a leaving member from the group rooms before the event is sent', () => {
    const plan = planDelivery({
      event: event('member.left', { userId: 'u', organisationId: 'a' }),
      scoped: false,
      formerOrganisationIds: ['b'],
    });
    expect(plan.leave).toEqual({
      userId: 'u',
      rooms: [`group:${G}`, `group:${G}:org:b`, `group:${G}:org:a`],
    });
    expect(plan.to).toEqual([`group:${G}`]);
  });

  it('adds a joining member to the group rooms', () => {
    const plan = planDelivery({
      event: event('member.joined', { userId: 'u', organisationId: 'a' }),
      scoped: false,
    });
    expect(plan.join).toEqual({ userId: 'u', rooms: [`group:${G}`, `group:${G}:org:a`] });
  });

  it('changes no rooms for a withdrawn invitation without an account', () => {
    expect(
      planDelivery({ event: event('member.left', { userId: null, organisationId: 'a' }), scoped: false })
        .leave,
    ).toBeUndefined();
  });
});
