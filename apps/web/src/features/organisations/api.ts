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
