import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/api';
import { useApi } from '@/app/services';

export const notificationsKey = ['notifications'] as const;

export function useUnreadNotifications() {
  const api = useApi();
  return useQuery({
    queryKey: [...notificationsKey, { unread: true }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/me/notifications', { params: { query: { unread: true, limit: 20 } } })),
  });
}

export function useMarkRead() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: notificationsKey }),
  });
}
