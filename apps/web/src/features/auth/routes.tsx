import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { withCatalogues } from '@/i18n/route-catalogues';
import { publicLayoutRoute } from '@/app/route-parents';

export interface SignInSearch {
  next?: string;
}

// Only same-site paths, so a crafted link cannot send someone elsewhere after signing in.
export function safeNext(next: unknown): string | undefined {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : undefined;
}

export const signInRoute = createRoute({
  getParentRoute: () => publicLayoutRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): SignInSearch => ({ next: safeNext(search.next) }),
  loader: withCatalogues('auth'),
  component: lazyRouteComponent(() => import('./sign-in-page'), 'SignInPage'),
});

export const registerRoute = createRoute({
  getParentRoute: () => publicLayoutRoute,
  path: '/register',
  validateSearch: (search: Record<string, unknown>): SignInSearch => ({ next: safeNext(search.next) }),
  loader: withCatalogues('auth'),
  component: lazyRouteComponent(() => import('./register-page'), 'RegisterPage'),
});

export const authRoutes = [signInRoute, registerRoute] as const;
