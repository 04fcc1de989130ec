import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@/api';
import { useApi } from '@/app/services';

export type OrganisationKind = Schemas['CreateOrganisationDto']['kind'];

// DESIGN.md "Accounts and organisations", in the order a form offers them.
export const ORGANISATION_KINDS: readonly OrganisationKind[] = [
  'company',
  'private_security_provider',
  'public_security',
  'host_government',
  'home_government',
  'local_authority',
  'community',
  'civil_society',
  'womens_group',
  'indigenous_peoples',
  'international_organisation',
  'other',
];

export const organisationsKey = ['organisations'] as const;

export function useOrganisationSearch(q: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...organisationsKey, { q }],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/organisations', { params: { query: { q: q.trim() || undefined, limit: 50 } } }),
      ),
    placeholderData: (previous) => previous,
  });
}

export function useCreateOrganisation() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateOrganisationDto']) =>
      unwrap(api.POST('/api/v1/organisations', { body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: organisationsKey }),
  });
}

export const organisationKey = (id: string) => ['organisation', id] as const;

export function useOrganisation(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: organisationKey(id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/organisations/{organisationId}', { params: { path: { organisationId: id } } })),
  });
}

type AffiliationStatus = Schemas['AffiliationDto']['status'] | 'open' | 'all';

export function useAffiliations(id: string, status: AffiliationStatus) {
  const api = useApi();
  return useQuery({
    queryKey: [...organisationKey(id), 'affiliations', status],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/organisations/{organisationId}/affiliations', {
          params: { path: { organisationId: id }, query: { status, limit: 100 } },
        }),
      ),
  });
}

export function useOrganisationMemberships(id: string, status: 'pending_organisation' | 'open') {
  const api = useApi();
  return useQuery({
    queryKey: [...organisationKey(id), 'memberships', status],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/organisations/{organisationId}/memberships', {
          params: { path: { organisationId: id }, query: { status, limit: 100 } },
        }),
      ),
  });
}

// Approve or decline a request to speak for the organisation.
export function useDecideAffiliation(organisationId: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ affiliationId, approve }: { affiliationId: string; approve: boolean }) =>
      approve
        ? unwrap(
            api.POST('/api/v1/affiliations/{affiliationId}/approve', {
              params: { path: { affiliationId } },
              body: { role: 'member' },
            }),
          )
        : unwrap(
            api.POST('/api/v1/affiliations/{affiliationId}/reject', {
              params: { path: { affiliationId } },
              body: {},
            }),
          ),
    onSettled: () => queries.invalidateQueries({ queryKey: organisationKey(organisationId) }),
  });
}

// Approve or decline a group membership waiting for the organisation.
export function useDecideMembership(organisationId: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ membershipId, approve }: { membershipId: string; approve: boolean }) =>
      approve
        ? unwrap(
            api.POST('/api/v1/organisations/{organisationId}/memberships/{membershipId}/approve', {
              params: { path: { organisationId, membershipId } },
            }),
          )
        : unwrap(
            api.POST('/api/v1/organisations/{organisationId}/memberships/{membershipId}/reject', {
              params: { path: { organisationId, membershipId } },
              body: {},
            }),
          ),
    onSettled: () => queries.invalidateQueries({ queryKey: organisationKey(organisationId) }),
  });
}
