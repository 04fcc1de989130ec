import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@/api';
import { useApi } from '@/app/services';
import { groupKey } from '@/realtime/realtime';

export type Incident = Schemas['IncidentDto'];
export type IncidentUpdate = Schemas['IncidentUpdateDto'];
export type Category = Incident['category'];
export type Severity = Incident['severity'];
export type IncidentStatus = Incident['status'];
export type Confidentiality = Incident['confidentiality'];

export const CATEGORIES: readonly Category[] = [
  'community_protest',
  'artisanal_mining',
  'theft_or_intrusion',
  'use_of_force_public_security',
  'use_of_force_private_security',
  'arrest_or_detention',
  'sexual_violence',
  'environmental',
  'other',
];
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
export const STATUSES: readonly IncidentStatus[] = ['open', 'monitoring', 'closed'];
export const CONFIDENTIALITIES: readonly Confidentiality[] = ['group', 'restricted'];

// What the list asks for; kept in the screen's state only (never the URL: `q` may be incident
// content).
export interface IncidentFilter {
  severity?: Severity;
  category?: Category;
  status?: IncidentStatus;
  from?: string; // instants
  to?: string;
  q?: string;
}

// Everything here hangs under ['group', id], so each incident event of the group (which the
// server sends only to those who may see it) refreshes what is on screen.
const keys = {
  all: (groupId: string) => [...groupKey(groupId), 'incidents'] as const,
  list: (groupId: string, filter: IncidentFilter, limit: number) =>
    [...groupKey(groupId), 'incidents', 'list', filter, limit] as const,
  one: (groupId: string, id: string) => [...groupKey(groupId), 'incidents', 'one', id] as const,
  updates: (groupId: string, id: string) => [...groupKey(groupId), 'incidents', 'updates', id] as const,
  accessLog: (groupId: string, id: string) => [...groupKey(groupId), 'incidents', 'access-log', id] as const,
};

// Keyset pages ("load more"): the server's cursor, never an offset.
export function useIncidents(groupId: string, filter: IncidentFilter, limit = 25) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: keys.list(groupId, filter, limit),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/incidents', {
          params: {
            path: { groupId },
            query: { ...filter, q: filter.q || undefined, limit, cursor: pageParam },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useIncident(groupId: string, incidentId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.one(groupId, incidentId),
    queryFn: () => unwrap(api.GET('/api/v1/incidents/{incidentId}', { params: { path: { incidentId } } })),
  });
}

export function useIncidentUpdates(groupId: string, incidentId: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: keys.updates(groupId, incidentId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/incidents/{incidentId}/updates', {
          params: { path: { incidentId }, query: { limit: 100, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAccessLog(groupId: string, incidentId: string, enabled: boolean) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: keys.accessLog(groupId, incidentId),
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/incidents/{incidentId}/access-log', {
          params: { path: { incidentId }, query: { limit: 50, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function useGroupMutation<V, R>(groupId: string, fn: (v: V) => Promise<R>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.all(groupId) }),
  });
}

export function useReportIncident(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['CreateIncidentDto']) =>
    unwrap(api.POST('/api/v1/groups/{groupId}/incidents', { params: { path: { groupId } }, body })),
  );
}

export function useChangeIncident(groupId: string, incidentId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['UpdateIncidentDto']) =>
    unwrap(api.PATCH('/api/v1/incidents/{incidentId}', { params: { path: { incidentId } }, body })),
  );
}

export function usePostUpdate(groupId: string, incidentId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['CreateIncidentUpdateDto']) =>
    unwrap(api.POST('/api/v1/incidents/{incidentId}/updates', { params: { path: { incidentId } }, body })),
  );
}

export { useMe } from '@/features/preferences';
