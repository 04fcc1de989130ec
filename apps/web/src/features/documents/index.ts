import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { appLayoutRoute } from '@/app/route-parents';
import { withCatalogues } from '@/i18n/route-catalogues';

// Group documents and their translations (issue 16). Document and translation events are group
// events, so the default ['group', id] invalidation refreshes every screen here.
const libraryRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/documents',
  loader: withCatalogues('documents'),
  component: lazyRouteComponent(() => import('./documents-page'), 'DocumentsPage'),
});

const documentRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/documents/$documentId',
  // The language switch: ?locale= (unset: the server negotiates).
  validateSearch: (s: Record<string, unknown>): { locale?: string } => ({
    locale: typeof s.locale === 'string' ? s.locale : undefined,
  }),
  loader: withCatalogues('documents'),
  component: lazyRouteComponent(() => import('./document-page'), 'DocumentPage'),
});

const editorRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/documents/$documentId/translate/$locale',
  loader: withCatalogues('documents'),
  component: lazyRouteComponent(() => import('./translation-editor-page'), 'TranslationEditorPage'),
});

export const documentsFeature = {
  name: 'documents',
  routes: [libraryRoute, documentRoute, editorRoute] as const,
} satisfies Feature;

export {
  ContentLanguageSwitch,
  groupSourceLocale,
  useGroupTranslations,
  useTranslationsOf,
} from './content-language';
