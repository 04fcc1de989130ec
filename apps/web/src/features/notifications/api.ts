import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

// Every notification, newest first, page by page.
export function useNotifications() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...notificationsKey, 'all'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/me/notifications', { params: { query: { limit: 30, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

// There is no bulk endpoint: each unread notification is marked, then the lists refresh.
export function useMarkAllRead() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      for (let round = 0; round < 20; round++) {
        const page = await unwrap(
          api.GET('/api/v1/me/notifications', { params: { query: { unread: true, limit: 100 } } }),
        );
        if (page.items.length === 0) return;
        await Promise.all(
          page.items.map((n) =>
            unwrap(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id: n.id } } })),
          ),
        );
      }
    },
    onSettled: () => queries.invalidateQueries({ queryKey: notificationsKey }),
  });
}
