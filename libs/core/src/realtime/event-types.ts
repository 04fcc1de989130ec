// Every group event type (DESIGN.md "Events"). The realtime gateway emits each under this name.
export const GROUP_EVENT_TYPES = [
  'group.updated',
  'member.invited',
  'member.joined',
  'member.declined',
  'member.updated',
  'member.left',
  'cochair.appointed',
  'cochair.ended',
  'series.created',
  'series.updated',
  'series.deleted',
  'meeting.scheduled',
  'meeting.updated',
  'meeting.cancelled',
  'agenda.updated',
  'agenda.published',
  'minutes.updated',
  'minutes.circulated',
  'minutes.approved',
  'incident.reported',
  'incident.updated',
  'recommendation.created',
  'recommendation.updated',
  'recommendation.overdue',
  'site.created',
  'site.updated',
  'agreement.created',
  'agreement.updated',
  'agreement.version_proposed',
  'agreement.version_agreed',
  'agreement.signed',
  'agreement.status_changed',
  'agreement.review_due',
  'agreement.reviewed',
  'obligation.created',
  'obligation.updated',
  'obligation.overdue',
  'noncompliance.reported',
  'noncompliance.updated',
  // Organisation affiliations and archiving (issue 11).
  'member.approved', // an admin of the organisation approved a pending_organisation membership
  'group.archived',
  'group.unarchived',
  // Attachments (issue 20): scoped like the object they hang on.
  'attachment.added',
  'attachment.deleted',
  // Engagement with public security (issue 15).
  'training.programme_created',
  'training.session_recorded',
  'forces.assigned',
  'equipment.requested',
  'equipment.updated',
  'equipment.decided',
  'equipment.monitored',
  'contribution.recorded',
  // Languages (issue 16): group documents and translations of any translatable kind.
  'document.created',
  'document.updated',
  'translation.updated',
] as const;

export type GroupEventType = (typeof GROUP_EVENT_TYPES)[number];

export interface GroupEventPayload {
  /** Opaque, stable and unique: clients drop duplicates by it. */
  id: string;
  /** Opaque: pass as `after` to replay what came after this event (docs/REALTIME.md). */
  cursor: string;
  type: GroupEventType;
  groupId: string;
  entityId: string | null;
  at: string;
  data: Record<string, unknown>;
}
