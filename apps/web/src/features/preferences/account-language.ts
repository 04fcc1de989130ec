import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, rememberLanguage } from '@/i18n/languages';
import { useMe } from './api';

// The interface language follows the account: once signed in, the profile's locale (fr-CD →
// fr) wins over what this device remembered.
export function useAccountLanguage(): void {
  const { i18n } = useTranslation();
  const me = useMe();
  const locale = me.data?.locale?.toLowerCase().split('-')[0];
  useEffect(() => {
    if (isLanguage(locale) && locale !== (i18n.resolvedLanguage ?? i18n.language)) {
      rememberLanguage(localStorage, locale);
      void i18n.changeLanguage(locale);
    }
  }, [locale, i18n]);
}
