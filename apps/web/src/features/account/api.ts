import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/api';
import { useApi } from '@/app/services';

export const sessionsKey = ['me', 'sessions'] as const;

export function useRequestPasswordReset() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: { email: string }) => unwrap(api.POST('/api/v1/auth/password-reset', { body })),
  });
}

export function useConfirmPasswordReset() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: { token: string; newPassword: string }) =>
      unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body })),
  });
}

export { useMe } from '@/features/preferences';

export function useMySessions() {
  const api = useApi();
  return useQuery({ queryKey: sessionsKey, queryFn: () => unwrap(api.GET('/api/v1/me/sessions')) });
}

export function useEndSession() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id } } })),
    onSettled: () => queries.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useChangePassword() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      unwrap(api.POST('/api/v1/me/password', { body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: sessionsKey }),
  });
}
