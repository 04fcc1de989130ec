import { NotFoundProblem } from '@roundtable/core';
import { EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupActor, GroupPower } from '../access/group-access.policy';

export interface MeetingRow {
  id: string;
  groupId: string;
  seriesId: string | null;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: 'scheduled' | 'cancelled' | 'held';
}

// Resolves a meeting and the caller's standing in its group: an unknown meeting and one in a
// group the caller does not belong to are both 404; a member lacking the power gets 403.
export async function requireMeeting(
  em: EntityManager,
  access: GroupAccessPolicy,
  userId: string,
  meetingId: string,
  power: GroupPower,
  notFound = 'Meeting',
): Promise<{ meeting: MeetingRow; actor: GroupActor }> {
  const [m] = await em.query(
    `SELECT id, group_id, series_id, title, starts_at, ends_at, status FROM meetings WHERE id = $1`,
    [meetingId],
  );
  if (!m) throw new NotFoundProblem(notFound);
  const actor = await access.require(userId, m.group_id, power, em, notFound);
  return {
    meeting: {
      id: m.id,
      groupId: m.group_id,
      seriesId: m.series_id,
      title: m.title,
      startsAt: m.starts_at,
      endsAt: m.ends_at,
      status: m.status,
    },
    actor,
  };
}
