import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/api';
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
