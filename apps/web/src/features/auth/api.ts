import { useMutation } from '@tanstack/react-query';
import { unwrap } from '@/api';
import { useServices } from '@/app/services';

export function useSignIn() {
  const { api, session } = useServices();
  return useMutation({
    mutationFn: async (body: { email: string; password: string }) => {
      const tokens = await unwrap(api.POST('/api/v1/auth/login', { body }));
      session.signIn(tokens);
      return tokens;
    },
  });
}

// Registers, then signs in with the same credentials.
export function useRegister() {
  const { api, session } = useServices();
  return useMutation({
    mutationFn: async (body: { email: string; password: string; displayName: string }) => {
      await unwrap(api.POST('/api/v1/auth/register', { body }));
      const tokens = await unwrap(
        api.POST('/api/v1/auth/login', { body: { email: body.email, password: body.password } }),
      );
      session.signIn(tokens);
      return tokens;
    },
  });
}
