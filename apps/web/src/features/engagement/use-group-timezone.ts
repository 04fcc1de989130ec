import { useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api';
import { useApi } from '@/app/services';
import { groupKey } from '@/realtime/realtime';

// The group's time zone, for dates shown with an explicit zone (UTC until it has loaded).
export function useGroupTimezone(groupId: string): string {
  const api = useApi();
  const group = useQuery({
    queryKey: [...groupKey(groupId), 'detail'],
    queryFn: () => unwrap(api.GET('/api/v1/groups/{groupId}', { params: { path: { groupId } } })),
  });
  return group.data?.timezone ?? 'UTC';
}
