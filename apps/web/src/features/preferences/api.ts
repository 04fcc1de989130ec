import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@/api';
import { useApi } from '@/app/services';

export const meKey = ['me'] as const;

export function useMe() {
  const api = useApi();
  return useQuery({ queryKey: meKey, queryFn: () => unwrap(api.GET('/api/v1/me')) });
}

export function useUpdateMe() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateMeDto']) => unwrap(api.PATCH('/api/v1/me', { body })),
    onSuccess: (me) => {
      queries.setQueryData(meKey, me);
      return queries.invalidateQueries({ queryKey: meKey });
    },
  });
}
