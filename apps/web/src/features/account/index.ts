import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { appLayoutRoute, publicLayoutRoute } from '@/app/route-parents';
import { withCatalogues } from '@/i18n/route-catalogues';

// Signed out: ask for a reset link, then choose a new password from it (docs/SESSIONS.md).
const forgotPasswordRoute = createRoute({
  getParentRoute: () => publicLayoutRoute,
  path: '/forgot-password',
  loader: withCatalogues('account'),
  component: lazyRouteComponent(() => import('./forgot-password-page'), 'ForgotPasswordPage'),
});

// The token arrives as ?token= from the e-mail; the page takes it and removes it from the URL.
const resetPasswordRoute = createRoute({
  getParentRoute: () => publicLayoutRoute,
  path: '/reset-password',
  loader: withCatalogues('account'),
  component: lazyRouteComponent(() => import('./reset-password-page'), 'ResetPasswordPage'),
});

// Signed in: change password, my sessions.
const accountRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/account',
  loader: withCatalogues('account'),
  component: lazyRouteComponent(() => import('./account-page'), 'AccountPage'),
});

export const accountFeature = {
  name: 'account',
  publicRoutes: [forgotPasswordRoute, resetPasswordRoute] as const,
  routes: [accountRoute] as const,
} satisfies Feature;
