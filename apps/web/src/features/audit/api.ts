import { useInfiniteQuery } from '@tanstack/react-query';
import { unwrap } from '@/api';
import { useApi } from '@/app/services';
import { groupKey } from '@/realtime/realtime';

// The group's audit trail, newest first (focal point and co-chairs; others get 403).
export function useAuditLog(groupId: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...groupKey(groupId), 'audit'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/audit', {
          params: { path: { groupId }, query: { limit: 50, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
