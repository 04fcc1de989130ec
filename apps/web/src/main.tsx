import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { FEATURES } from './app/router';
import { createServices } from './app/services';
import { browserLanguage, createI18n } from './i18n/i18n';
import './styles.css';

const services = createServices({
  baseUrl: window.location.origin,
  i18n: createI18n(browserLanguage()),
  handlers: FEATURES.flatMap((f) => (f.realtime ? [f.realtime] : [])),
  storage: window.localStorage,
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
