import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@/api';
import { useApi } from '@/app/services';
import { groupKey } from '@/realtime/realtime';

export type Agenda = Schemas['AgendaDto'];
export type AgendaItem = Schemas['AgendaItemDto'];
export type AgendaItemKind = AgendaItem['kind'];

export const agendaKey = (groupId: string, meetingId: string) =>
  [...groupKey(groupId), 'agenda', meetingId] as const;

// `locale`: the language switch (each item in that language where translated); the agenda as
// written (`sourceLocale`, the group's first language) otherwise.
export function useAgenda(groupId: string, meetingId: string, locale: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...agendaKey(groupId, meetingId), locale] as const,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/meetings/{meetingId}/agenda', {
          params: { path: { meetingId }, query: { locale } },
        }),
      ),
  });
}

// Every agenda change refreshes the whole group's cache (a deferral changes another meeting's
// agenda too); the realtime event does the same for everyone else.
function useGroupMutation<V, R>(groupId: string, fn: (v: V) => Promise<R>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queries.invalidateQueries({ queryKey: groupKey(groupId) }),
  });
}

export function useAddItem(groupId: string, meetingId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['CreateAgendaItemDto']) =>
    unwrap(api.POST('/api/v1/meetings/{meetingId}/agenda/items', { params: { path: { meetingId } }, body })),
  );
}

export function useAcceptItem(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (itemId: string) =>
    unwrap(api.POST('/api/v1/agenda-items/{itemId}/accept', { params: { path: { itemId } } })),
  );
}

export function useRejectItem(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, ({ itemId, reason }: { itemId: string; reason: string }) =>
    unwrap(
      api.POST('/api/v1/agenda-items/{itemId}/reject', { params: { path: { itemId } }, body: { reason } }),
    ),
  );
}

export function useDeferItem(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (itemId: string) =>
    unwrap(api.POST('/api/v1/agenda-items/{itemId}/defer', { params: { path: { itemId } } })),
  );
}

export function useRemoveItem(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (itemId: string) =>
    unwrap(api.DELETE('/api/v1/agenda-items/{itemId}', { params: { path: { itemId } } })),
  );
}

export function useReorder(groupId: string, meetingId: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (itemIds: string[]) =>
      unwrap(
        api.PUT('/api/v1/meetings/{meetingId}/agenda/order', {
          params: { path: { meetingId } },
          body: { itemIds },
        }),
      ),
    // The answer is in the source language, the page may show another (?locale=): refetch.
    onSuccess: () => queries.invalidateQueries({ queryKey: groupKey(groupId) }),
  });
}

export function usePublish(groupId: string, meetingId: string) {
  const api = useApi();
  return useGroupMutation(groupId, () =>
    unwrap(api.POST('/api/v1/meetings/{meetingId}/agenda/publish', { params: { path: { meetingId } } })),
  );
}
