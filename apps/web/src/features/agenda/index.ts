import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { appLayoutRoute } from '@/app/route-parents';
import { withCatalogues } from '@/i18n/route-catalogues';

const agendaRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/meetings/$meetingId/agenda',
  // The language switch: ?locale= (unset: the agenda as written).
  validateSearch: (s: Record<string, unknown>): { locale?: string } => ({
    locale: typeof s.locale === 'string' ? s.locale : undefined,
  }),
  loader: withCatalogues('meetings', 'agenda', 'documents'),
  component: lazyRouteComponent(() => import('./agenda-page'), 'AgendaPage'),
});

// agenda.updated / agenda.published are group events: the ['group', id] invalidation refreshes
// the agenda queries.
export const agendaFeature = { name: 'agenda', routes: [agendaRoute] as const } satisfies Feature;
