import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@/api';
import { useApi } from '@/app/services';
import { groupKey } from '@/realtime/realtime';

export type Group = Schemas['GroupDto'];
export type Member = Schemas['MemberDto'];
export type Role = Schemas['InviteMemberDto']['role'];
export type Constituency = Schemas['AppointCoChairDto']['constituency'];
export type CoChairPolicy = NonNullable<Schemas['CreateGroupDto']['coChairPolicy']>;

export const ROLES: readonly Role[] = ['focal_point', 'member', 'observer'];
export const CONSTITUENCIES: readonly Constituency[] = ['company', 'civil_society'];
export const CO_CHAIR_POLICIES: readonly CoChairPolicy[] = [
  'company_and_civil_society',
  'any_two_organisations',
];

export const myGroupsKey = ['groups'] as const;
const keys = {
  group: (id: string) => [...groupKey(id), 'detail'] as const,
  members: (id: string, filter: object) => [...groupKey(id), 'members', filter] as const,
  coChairs: (id: string) => [...groupKey(id), 'co-chairs'] as const,
  stakeholderMap: (id: string) => [...groupKey(id), 'stakeholder-map'] as const,
};

// May invite, change roles and appoint co-chairs: the focal point or a sitting co-chair (the
// server decides; this only hides controls that would be refused).
export function canManage(group: Group | undefined): boolean {
  return Boolean(group && (group.myRole === 'focal_point' || group.iAmCoChair));
}

export function useMyGroups() {
  const api = useApi();
  return useQuery({
    queryKey: myGroupsKey,
    queryFn: () => unwrap(api.GET('/api/v1/groups', { params: { query: { limit: 200 } } })),
  });
}

export function useGroup(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.group(groupId),
    queryFn: () => unwrap(api.GET('/api/v1/groups/{groupId}', { params: { path: { groupId } } })),
  });
}

export function useCreateGroup() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateGroupDto']) => unwrap(api.POST('/api/v1/groups', { body })),
    onSuccess: () =>
      Promise.all([
        queries.invalidateQueries({ queryKey: myGroupsKey }),
        queries.invalidateQueries({ queryKey: ['me'] }),
      ]),
  });
}

export type MemberStatus = 'active' | 'invited' | 'all';

export function useMembers(groupId: string, filter: { organisationKind?: string; status?: MemberStatus }) {
  const api = useApi();
  return useQuery({
    queryKey: keys.members(groupId, filter),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/members', {
          params: {
            path: { groupId },
            query: {
              limit: 200,
              status: filter.status,
              organisationKind: filter.organisationKind as
                Schemas['CreateOrganisationDto']['kind'] | undefined,
            },
          },
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

export function useInviteMember(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['InviteMemberDto']) =>
    unwrap(api.POST('/api/v1/groups/{groupId}/members', { params: { path: { groupId } }, body })),
  );
}

export function useUpdateMember(groupId: string) {
  const api = useApi();
  return useGroupMutation(
    groupId,
    ({ memberId, ...body }: Schemas['UpdateMemberDto'] & { memberId: string }) =>
      unwrap(
        api.PATCH('/api/v1/groups/{groupId}/members/{memberId}', {
          params: { path: { groupId, memberId } },
          body,
        }),
      ),
  );
}

export function useEndMembership(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, ({ memberId, reason }: { memberId: string; reason?: string }) =>
    unwrap(
      api.DELETE('/api/v1/groups/{groupId}/members/{memberId}', {
        params: { path: { groupId, memberId }, query: { reason: reason || undefined } },
      }),
    ),
  );
}

export function useCoChairs(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.coChairs(groupId),
    queryFn: () => unwrap(api.GET('/api/v1/groups/{groupId}/co-chairs', { params: { path: { groupId } } })),
  });
}

export function useAppointCoChair(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['AppointCoChairDto']) =>
    unwrap(api.POST('/api/v1/groups/{groupId}/co-chairs', { params: { path: { groupId } }, body })),
  );
}

export function useEndCoChairTerm(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, ({ termId, reason }: { termId: string; reason: string }) =>
    unwrap(
      api.POST('/api/v1/groups/{groupId}/co-chairs/{termId}/end', {
        params: { path: { groupId, termId } },
        body: { reason },
      }),
    ),
  );
}

export function useStakeholderMap(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.stakeholderMap(groupId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/groups/{groupId}/stakeholder-map', { params: { path: { groupId } } })),
  });
}
