import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { appLayoutRoute } from '@/app/route-parents';
import { withCatalogues } from '@/i18n/route-catalogues';

const minutesRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/meetings/$meetingId/minutes',
  // The language switch: ?locale= (unset: the minutes as written).
  validateSearch: (s: Record<string, unknown>): { locale?: string } => ({
    locale: typeof s.locale === 'string' ? s.locale : undefined,
  }),
  loader: withCatalogues('meetings', 'minutes', 'attachments', 'documents'),
  component: lazyRouteComponent(() => import('./minutes-page'), 'MinutesPage'),
});

// minutes.* are group events: the ['group', id] invalidation refreshes the minutes queries (an
// editor with unsaved text keeps it; see minutes-page.tsx).
export const minutesFeature = { name: 'minutes', routes: [minutesRoute] as const } satisfies Feature;
