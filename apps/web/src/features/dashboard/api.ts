import { useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api';
import { useApi } from '@/app/services';
import { groupKey } from '@/realtime/realtime';

const DAY = 86_400_000;

// Circulated minutes of the meetings of the last six months: what co-chairs have to approve.
// (There is no group-wide minutes list; one request per meeting, at most 50.)
export function useMinutesAwaitingApproval(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...groupKey(groupId), 'dashboard', 'minutes'],
    queryFn: async () => {
      const now = Date.now();
      const meetings = await unwrap(
        api.GET('/api/v1/groups/{groupId}/meetings', {
          params: {
            path: { groupId },
            query: {
              from: new Date(now - 183 * DAY).toISOString(),
              to: new Date(now).toISOString(),
              limit: 50,
            },
          },
        }),
      );
      const withMinutes = await Promise.all(
        meetings.items
          .filter((m) => m.status !== 'cancelled')
          .map(async (meeting) => {
            const { data } = await api.GET('/api/v1/meetings/{meetingId}/minutes', {
              params: { path: { meetingId: meeting.id } },
            });
            return { meeting, minutes: data ?? null };
          }),
      );
      return withMinutes.filter((m) => m.minutes?.status === 'circulated');
    },
  });
}

const OPEN_NON_COMPLIANCE = ['reported', 'acknowledged', 'raised_with_authorities', 'action_agreed'];

// Open non-compliance reports the caller may see (agreements API).
export function useOpenNonCompliance(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...groupKey(groupId), 'dashboard', 'non-compliance'],
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/v1/groups/{groupId}/non-compliance', {
          params: { path: { groupId }, query: { limit: 200 } },
        }),
      );
      return {
        items: page.items.filter((r) => OPEN_NON_COMPLIANCE.includes(r.status)),
        more: page.nextCursor != null,
      };
    },
  });
}

// Open incidents the caller may see: the list already leaves out what they may not.
export function useOpenIncidentCount(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...groupKey(groupId), 'incidents', 'dashboard-open'],
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/v1/groups/{groupId}/incidents', {
          params: { path: { groupId }, query: { status: 'open', limit: 200 } },
        }),
      );
      return { count: page.items.length, more: page.nextCursor != null };
    },
  });
}
