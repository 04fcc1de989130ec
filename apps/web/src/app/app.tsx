import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { Suspense, useEffect, useMemo } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createAppRouter } from './router';
import { ServicesProvider, type Services } from './services';

export function App({ services }: { services: Services }) {
  const router = useMemo(() => createAppRouter(services), [services]);
  const { session, i18n } = services;

  useEffect(() => {
    const onStorage = (e: StorageEvent) => session.storageChanged(e.key, e.newValue);
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [session]);

  useEffect(() => {
    const setLang = (lng: string) => document.documentElement.setAttribute('lang', lng);
    setLang(i18n.resolvedLanguage ?? i18n.language);
    i18n.on('languageChanged', setLang);
    return () => i18n.off('languageChanged', setLang);
  }, [i18n]);

  return (
    <ServicesProvider services={services}>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={services.queries}>
          <Suspense fallback={null}>
            <RouterProvider router={router} />
          </Suspense>
        </QueryClientProvider>
      </I18nextProvider>
    </ServicesProvider>
  );
}
