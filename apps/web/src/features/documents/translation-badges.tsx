import { useTranslation } from 'react-i18next';
import type { GroupDocument } from './api';

// One badge per translation: its language, its status, and "stale" when the source has changed.
export function TranslationBadges({ translations }: { translations: GroupDocument['translations'] }) {
  const { t } = useTranslation('documents');
  if (translations.length === 0) return <span className="muted">{t('library.noTranslations')}</span>;
  return (
    <ul className="member-badges" aria-label={t('library.translations')}>
      {translations.map((tr) => (
        <li key={tr.locale}>
          <span className={`badge${tr.stale ? ' badge--accent' : ' badge--muted'}`}>
            {tr.stale
              ? t('badge.stale', { locale: tr.locale, status: t(`status.${tr.status}`) })
              : t('badge.current', { locale: tr.locale, status: t(`status.${tr.status}`) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
