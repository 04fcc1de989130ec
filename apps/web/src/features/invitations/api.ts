import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/api';
import { useApi } from '@/app/services';

export const invitationsKey = ['invitations'] as const;

export function useInvitations() {
  const api = useApi();
  return useQuery({
    queryKey: invitationsKey,
    // Open invitations are few: the first page (up to 200) holds them all.
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/me/invitations', { params: { query: { limit: 200 } } }))).items,
  });
}

export function useAnswerInvitation() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: 'accept' | 'decline' }) =>
      answer === 'accept'
        ? unwrap(
            api.POST('/api/v1/me/invitations/{membershipId}/accept', {
              params: { path: { membershipId: id } },
            }),
          )
        : unwrap(
            api.POST('/api/v1/me/invitations/{membershipId}/decline', {
              params: { path: { membershipId: id } },
            }),
          ),
    onSuccess: () =>
      Promise.all([
        queries.invalidateQueries({ queryKey: invitationsKey }),
        queries.invalidateQueries({ queryKey: ['groups'] }),
        queries.invalidateQueries({ queryKey: ['me'] }),
      ]),
  });
}
