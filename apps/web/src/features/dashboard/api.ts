import { useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api';
import { useApi } from '@/app/services';
import { groupKey } from '@/realtime/realtime';

// Circulated minutes: what co-chairs have to approve, in one request (newest meeting first).
// Those of a cancelled meeting cannot be approved, so they are not waiting for anyone.
export function useMinutesAwaitingApproval(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...groupKey(groupId), 'dashboard', 'minutes'],
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/v1/groups/{groupId}/minutes', {
          params: { path: { groupId }, query: { status: 'circulated', limit: 200 } },
        }),
      );
      return {
        items: page.items.filter((m) => m.meetingStatus !== 'cancelled'),
        more: page.nextCursor != null,
      };
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
