import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@/api';
import { useApi } from '@/app/services';
import { groupKey } from '@/realtime/realtime';

export type Minutes = Schemas['MinutesDto'];

const keys = {
  minutes: (groupId: string, meetingId: string) => [...groupKey(groupId), 'minutes', meetingId] as const,
  revisions: (groupId: string, meetingId: string) =>
    [...groupKey(groupId), 'minutes', meetingId, 'revisions'] as const,
  comments: (groupId: string, meetingId: string) =>
    [...groupKey(groupId), 'minutes', meetingId, 'comments'] as const,
};

// The minutes as written (`sourceLocale`: the group's first language), never a translation the
// browser's Accept-Language would negotiate: this is what the editor edits and saves.
export function useMinutes(groupId: string, meetingId: string, sourceLocale: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.minutes(groupId, meetingId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/meetings/{meetingId}/minutes', {
          params: { path: { meetingId }, query: { locale: sourceLocale } },
        }),
      ),
  });
}

// The minutes read in `locale` (the language switch; read-only). Disabled without one.
export function useMinutesIn(groupId: string, meetingId: string, locale: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: [...keys.minutes(groupId, meetingId), 'in', locale ?? ''] as const,
    enabled: Boolean(locale),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/meetings/{meetingId}/minutes', {
          params: { path: { meetingId }, query: { locale } },
        }),
      ),
  });
}

// The current minutes, fetched now (after a 409, to merge against what was saved meanwhile).
export function useFetchMinutes(groupId: string, meetingId: string, sourceLocale: string) {
  const queries = useQueryClient();
  const api = useApi();
  return () =>
    queries.fetchQuery({
      queryKey: keys.minutes(groupId, meetingId),
      staleTime: 0,
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/meetings/{meetingId}/minutes', {
            params: { path: { meetingId }, query: { locale: sourceLocale } },
          }),
        ),
    });
}

export function useRevisions(groupId: string, meetingId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.revisions(groupId, meetingId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/meetings/{meetingId}/minutes/revisions', {
          params: { path: { meetingId }, query: { limit: 50 } },
        }),
      ),
  });
}

export function useComments(groupId: string, meetingId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.comments(groupId, meetingId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/meetings/{meetingId}/minutes/comments', {
          params: { path: { meetingId }, query: { limit: 100 } },
        }),
      ),
  });
}

function useGroupMutation<V, R>(groupId: string, fn: (v: V) => Promise<R>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queries.invalidateQueries({ queryKey: groupKey(groupId) }),
  });
}

export function useSaveMinutes(groupId: string, meetingId: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['SaveMinutesDto']) =>
      unwrap(api.PUT('/api/v1/meetings/{meetingId}/minutes', { params: { path: { meetingId } }, body })),
    onSuccess: (saved) => {
      queries.setQueryData(keys.minutes(groupId, meetingId), saved);
      return queries.invalidateQueries({ queryKey: groupKey(groupId) });
    },
  });
}

export function useCirculate(groupId: string, meetingId: string) {
  const api = useApi();
  return useGroupMutation(groupId, () =>
    unwrap(api.POST('/api/v1/meetings/{meetingId}/minutes/circulate', { params: { path: { meetingId } } })),
  );
}

export function useApprove(groupId: string, meetingId: string) {
  const api = useApi();
  return useGroupMutation(groupId, () =>
    unwrap(api.POST('/api/v1/meetings/{meetingId}/minutes/approve', { params: { path: { meetingId } } })),
  );
}

export function useComment(groupId: string, meetingId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: string) =>
    unwrap(
      api.POST('/api/v1/meetings/{meetingId}/minutes/comments', {
        params: { path: { meetingId } },
        body: { body },
      }),
    ),
  );
}

// The export as a file to save (the request carries the Bearer token, so a plain link would not).
export function useExport(meetingId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: async (format: 'md' | 'pdf'): Promise<Blob> => {
      const file: unknown = await unwrap(
        api.GET('/api/v1/meetings/{meetingId}/minutes/export', {
          params: { path: { meetingId }, query: { format } },
          parseAs: 'blob',
        }),
      );
      return file as Blob;
    },
  });
}
