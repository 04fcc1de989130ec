import type { RouterContext } from '@/app/route-parents';

// A route's loader that fetches the feature's catalogue alongside the route's code, so the
// screen does not wait for one and then the other.
export const withCatalogues =
  (...namespaces: string[]) =>
  ({ context }: { context: RouterContext }) =>
    context.services.i18n.loadNamespaces(namespaces);
