import { GroupEventPayload, rooms } from '@roundtable/core';

// What the relay does with one event, decided from the event and, for an event about an object
// with a visibility of its own (an incident, an agreement, a non-compliance report), its audience.
export interface DeliveryPlan {
  // Room changes for one user's sockets (on every API instance), applied before the emit.
  leave?: { userId: string; rooms: string[] };
  join?: { userId: string; rooms: string[] };
  // Rooms the event goes to (a socket in several receives it once); empty: nobody.
  to: string[];
}

export interface EventRouting {
  event: GroupEventPayload;
  // Whether the event is about a scoped object (group_events.scope_kind is set).
  scoped: boolean;
  // For scoped events: null = every member of the group, else the organisations that may see it.
  audience?: string[] | null;
  // For member.left: every organisation the user has been in this group through.
  formerOrganisationIds?: string[];
}

// Events about a restricted object go only to the organisations that may see it — never to the
// whole group room, whose sockets cannot be filtered per user on the way out.
export function planDelivery(r: EventRouting): DeliveryPlan {
  const { event } = r;
  const plan: DeliveryPlan = { to: [] };
  if (r.scoped) {
    const audience = r.audience;
    if (audience === null) plan.to = [rooms.group(event.groupId)];
    else plan.to = (audience ?? []).map((org) => rooms.groupOrganisation(event.groupId, org));
    return plan;
  }
  plan.to = [rooms.group(event.groupId)];
  const userId = typeof event.data.userId === 'string' ? event.data.userId : null;
  const organisationId = typeof event.data.organisationId === 'string' ? event.data.organisationId : null;
  if (event.type === 'member.left' && userId) {
    const orgs = new Set([...(r.formerOrganisationIds ?? []), ...(organisationId ? [organisationId] : [])]);
    plan.leave = {
      userId,
      rooms: [rooms.group(event.groupId), ...[...orgs].map((o) => rooms.groupOrganisation(event.groupId, o))],
    };
  }
  if (event.type === 'member.joined' && userId && organisationId) {
    plan.join = {
      userId,
      rooms: [rooms.group(event.groupId), rooms.groupOrganisation(event.groupId, organisationId)],
    };
  }
  return plan;
}
