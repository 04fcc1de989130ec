import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@/api';
import { useApi } from '@/app/services';
import { groupKey } from '@/realtime/realtime';

export const nextMeetingKey = (groupId: string) => [...groupKey(groupId), 'meetings', 'next'] as const;

// The group's next scheduled meeting (or null).
export function useNextMeeting(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: nextMeetingKey(groupId),
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/v1/groups/{groupId}/meetings', {
          params: {
            path: { groupId },
            query: { from: new Date().toISOString(), status: 'scheduled', limit: 1 },
          },
        }),
      );
      return page.items[0] ?? null;
    },
  });
}

export type RsvpResponse = 'yes' | 'no' | 'maybe';

export function useRsvp(groupId: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ meetingId, response }: { meetingId: string; response: RsvpResponse }) =>
      unwrap(
        api.PUT('/api/v1/meetings/{meetingId}/rsvp', { params: { path: { meetingId } }, body: { response } }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: [...groupKey(groupId), 'meetings'] }),
  });
}

export type Meeting = Schemas['MeetingDto'];
export type Series = Schemas['SeriesDto'];
export type MeetingStatus = Meeting['status'];

const keys = {
  meetings: (groupId: string, filter: object) => [...groupKey(groupId), 'meetings', 'list', filter] as const,
  meeting: (groupId: string, meetingId: string) => [...groupKey(groupId), 'meetings', meetingId] as const,
  attendance: (groupId: string, meetingId: string) =>
    [...groupKey(groupId), 'meetings', meetingId, 'attendance'] as const,
  seriesList: (groupId: string) => [...groupKey(groupId), 'series'] as const,
  series: (groupId: string, seriesId: string) => [...groupKey(groupId), 'series', seriesId] as const,
};

export function useMeetings(groupId: string, filter: { from?: string; to?: string; status?: MeetingStatus }) {
  const api = useApi();
  return useQuery({
    queryKey: keys.meetings(groupId, filter),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/meetings', {
          params: { path: { groupId }, query: { ...filter, limit: 100 } },
        }),
      ),
  });
}

export function useMeeting(groupId: string, meetingId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.meeting(groupId, meetingId),
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{meetingId}', { params: { path: { meetingId } } })),
  });
}

export function useSeriesList(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.seriesList(groupId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/meeting-series', {
          params: { path: { groupId }, query: { limit: 100, status: 'active' } },
        }),
      ),
  });
}

export function useSeries(groupId: string, seriesId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: keys.series(groupId, seriesId ?? ''),
    enabled: Boolean(seriesId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/meeting-series/{seriesId}', {
          params: { path: { groupId, seriesId: seriesId ?? '' } },
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

export function useCreateSeries(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['CreateSeriesDto']) =>
    unwrap(api.POST('/api/v1/groups/{groupId}/meeting-series', { params: { path: { groupId } }, body })),
  );
}

export function useUpdateSeries(groupId: string) {
  const api = useApi();
  return useGroupMutation(
    groupId,
    ({ seriesId, ...body }: Schemas['UpdateSeriesDto'] & { seriesId: string }) =>
      unwrap(
        api.PATCH('/api/v1/groups/{groupId}/meeting-series/{seriesId}', {
          params: { path: { groupId, seriesId } },
          body,
        }),
      ),
  );
}

export function useDeleteSeries(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (seriesId: string) =>
    unwrap(
      api.DELETE('/api/v1/groups/{groupId}/meeting-series/{seriesId}', {
        params: { path: { groupId, seriesId } },
      }),
    ),
  );
}

export function useUpdateMeeting(groupId: string) {
  const api = useApi();
  return useGroupMutation(
    groupId,
    ({ meetingId, ...body }: Schemas['UpdateMeetingDto'] & { meetingId: string }) =>
      unwrap(api.PATCH('/api/v1/meetings/{meetingId}', { params: { path: { meetingId } }, body })),
  );
}

export function useCancelMeeting(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, ({ meetingId, reason }: { meetingId: string; reason: string }) =>
    unwrap(
      api.POST('/api/v1/meetings/{meetingId}/cancel', { params: { path: { meetingId } }, body: { reason } }),
    ),
  );
}

export function useAttendance(groupId: string, meetingId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.attendance(groupId, meetingId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/meetings/{meetingId}/attendance', { params: { path: { meetingId } } })),
  });
}

export function useRecordAttendance(groupId: string) {
  const api = useApi();
  return useGroupMutation(
    groupId,
    ({ meetingId, records }: { meetingId: string; records: Schemas['AttendanceRecordInput'][] }) =>
      unwrap(
        api.PUT('/api/v1/meetings/{meetingId}/attendance', {
          params: { path: { meetingId } },
          body: { records },
        }),
      ),
  );
}

// The personal calendar-feed token (not group data: it is the caller's own credential).
export function useCalendarToken() {
  const api = useApi();
  return useQuery({
    queryKey: ['me', 'calendar-token'],
    queryFn: () => unwrap(api.GET('/api/v1/me/calendar-token')),
    staleTime: Infinity,
  });
}

export function useRotateCalendarToken() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.GET('/api/v1/me/calendar-token', { params: { query: { rotate: true } } })),
    onSuccess: (data) => queries.setQueryData(['me', 'calendar-token'], data),
  });
}

export function useCreateMeeting(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['CreateMeetingDto']) =>
    unwrap(api.POST('/api/v1/groups/{groupId}/meetings', { params: { path: { groupId } }, body })),
  );
}
