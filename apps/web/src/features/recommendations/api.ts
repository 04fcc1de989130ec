import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@/api';
import { useApi } from '@/app/services';
import { groupKey } from '@/realtime/realtime';

export type Recommendation = Schemas['RecommendationDto'];
export type RecommendationDetail = Schemas['RecommendationDetailDto'];
export type RecommendationStatus = Recommendation['status'];
export type Priority = Recommendation['priority'];
export type Summary = Schemas['RecommendationSummaryDto'];
export type ImpactRating = Schemas['AssessImpactDto']['rating'];

export const STATUSES: readonly RecommendationStatus[] = [
  'open',
  'in_progress',
  'implemented',
  'partially_implemented',
  'not_implemented',
  'dropped',
];
export const TERMINAL: readonly RecommendationStatus[] = [
  'implemented',
  'partially_implemented',
  'not_implemented',
  'dropped',
];
export const PRIORITIES: readonly Priority[] = ['low', 'medium', 'high'];
export const IMPACT_RATINGS: readonly ImpactRating[] = ['none', 'low', 'moderate', 'high'];

export const isTerminal = (s: RecommendationStatus) => TERMINAL.includes(s);

// The statuses a progress report may move to from here (recommendation-status.ts on the server).
export function nextStatuses(s: RecommendationStatus): RecommendationStatus[] {
  if (s === 'open') return ['in_progress', ...TERMINAL];
  if (s === 'in_progress') return [...TERMINAL];
  return [];
}

export interface RecommendationFilter {
  status?: RecommendationStatus;
  organisationId?: string;
  overdue?: boolean;
  meetingId?: string;
}

const keys = {
  all: (groupId: string) => [...groupKey(groupId), 'recommendations'] as const,
  list: (groupId: string, filter: RecommendationFilter) =>
    [...groupKey(groupId), 'recommendations', 'list', filter] as const,
  one: (groupId: string, id: string) => [...groupKey(groupId), 'recommendations', 'one', id] as const,
  summary: (groupId: string) => [...groupKey(groupId), 'recommendations', 'summary'] as const,
  meetings: (groupId: string) => [...groupKey(groupId), 'meetings', 'for-recommendations'] as const,
};

export function useRecommendations(groupId: string, filter: RecommendationFilter, limit = 50) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: keys.list(groupId, filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/recommendations', {
          params: { path: { groupId }, query: { ...filter, limit, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

// `locale`: the language switch; unset, the server negotiates (Accept-Language, the group's
// languages, the source).
export function useRecommendation(groupId: string, recommendationId: string, locale?: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...keys.one(groupId, recommendationId), locale ?? ''] as const,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/recommendations/{recommendationId}', {
          params: { path: { recommendationId }, query: locale ? { locale } : {} },
        }),
      ),
  });
}

export function useRecommendationSummary(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.summary(groupId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/groups/{groupId}/recommendations/summary', { params: { path: { groupId } } })),
  });
}

// The group's meetings (most recent 200), to pick where a recommendation was made.
export function useGroupMeetings(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.meetings(groupId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/meetings', {
          params: { path: { groupId }, query: { limit: 200 } },
        }),
      ),
  });
}

function useGroupMutation<V, R>(groupId: string, fn: (v: V) => Promise<R>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.all(groupId) }),
  });
}

export function useCreateRecommendation(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['CreateRecommendationDto']) =>
    unwrap(api.POST('/api/v1/groups/{groupId}/recommendations', { params: { path: { groupId } }, body })),
  );
}

export function useReportProgress(groupId: string, recommendationId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['ReportProgressDto']) =>
    unwrap(
      api.POST('/api/v1/recommendations/{recommendationId}/progress', {
        params: { path: { recommendationId } },
        body,
      }),
    ),
  );
}

export function useAssessImpact(groupId: string, recommendationId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['AssessImpactDto']) =>
    unwrap(
      api.POST('/api/v1/recommendations/{recommendationId}/impact', {
        params: { path: { recommendationId } },
        body,
      }),
    ),
  );
}

export { useMe } from '@/features/preferences';
