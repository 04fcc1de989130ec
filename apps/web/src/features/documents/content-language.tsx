import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unwrap, type Schemas } from '@/api';
import { useApi } from '@/app/services';
import { SelectField } from '@/components';
import { groupKey } from '@/realtime/realtime';

export type TranslatableType =
  | 'document'
  | 'minutes'
  | 'agenda_item'
  | 'recommendation'
  | 'agreement_clause'
  | 'agreement_annex';
export type TranslationSummary = Schemas['TranslationSummaryDto'];

// A source's translations (GET /translations/{type}/{id}), under the group's key so a
// translation.updated event refreshes the switch.
export function useTranslationsOf(groupId: string, entityType: TranslatableType, entityId: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...groupKey(groupId), 'translations', entityType, entityId] as const,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/translations/{entityType}/{entityId}', {
          params: { path: { entityType, entityId } },
        }),
      ),
  });
}

// The group's translations of one kind (one request for a whole agenda), filtered to `ids`,
// one entry per locale: stale when any of them is.
export function useGroupTranslations(groupId: string, entityType: TranslatableType, ids: readonly string[]) {
  const api = useApi();
  const query = useQuery({
    queryKey: [...groupKey(groupId), 'translations', entityType] as const,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/translations', {
          params: { path: { groupId }, query: { entityType } },
        }),
      ),
  });
  const wanted = new Set(ids);
  const byLocale = new Map<string, TranslationSummary>();
  for (const tr of query.data?.items ?? []) {
    if (!wanted.has(tr.entityId)) continue;
    const seen = byLocale.get(tr.locale);
    byLocale.set(tr.locale, seen ? { ...seen, stale: seen.stale || tr.stale } : tr);
  }
  return [...byLocale.values()].sort((a, b) => a.locale.localeCompare(b.locale));
}

// The language switch of a content page (minutes, agenda, recommendation; the document page has
// its own): the text as written or one of its translations (?locale=), and a notice saying the
// text shown is a courtesy translation, or a stale one.
export function ContentLanguageSwitch({
  sourceLocale,
  answered,
  stale,
  translations,
  onChange,
}: {
  sourceLocale: string;
  // The language the server answered in (the negotiated `locale`).
  answered: string;
  stale: boolean;
  translations: readonly Pick<TranslationSummary, 'locale' | 'status' | 'stale'>[];
  onChange: (locale: string) => void;
}) {
  const { t } = useTranslation('documents');
  const known = translations.some((tr) => tr.locale === answered) || answered === sourceLocale;
  return (
    <div className="content-language">
      {translations.length === 0 ? (
        <p className="muted small">{t('switch.noTranslations', { source: sourceLocale })}</p>
      ) : (
        <SelectField
          label={t('document.language')}
          value={known ? answered : sourceLocale}
          onChange={(e) => onChange(e.target.value)}
          options={[
            { value: sourceLocale, label: t('document.sourceOption', { locale: sourceLocale }) },
            ...translations.map((tr) => ({
              value: tr.locale,
              label: tr.stale
                ? t('switch.staleOption', { locale: tr.locale, status: t(`status.${tr.status}`) })
                : t('document.translationOption', { locale: tr.locale, status: t(`status.${tr.status}`) }),
            })),
          ]}
        />
      )}
      {answered !== sourceLocale ? (
        <p role="status">
          <span className="badge badge--muted">{t('switch.courtesy')}</span>{' '}
          {stale ? <span className="badge badge--accent">{t('switch.stale')}</span> : null}{' '}
          <span className="muted small">
            {stale
              ? t('document.staleNotice', { locale: answered, source: sourceLocale })
              : t('document.translationNotice', { locale: answered, source: sourceLocale })}
          </span>
        </p>
      ) : null}
    </div>
  );
}

// The language a group's minutes, agenda items and recommendations are written in: its first
// language (English when it lists none), as the server decides.
export const groupSourceLocale = (languages: readonly string[] | undefined): string => languages?.[0] ?? 'en';
