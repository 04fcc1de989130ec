import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

const Indicators = lazy(() =>
  import('./agreement-indicators').then((m) => ({ default: m.AgreementIndicators })),
);

// What other features (the co-chair's dashboard) import: the indicators load with their own
// chunk and catalogue when first shown, so the shell's bundle does not carry them.
export function AgreementIndicators({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          {t('loading')}
        </p>
      }
    >
      <Indicators groupId={groupId} />
    </Suspense>
  );
}
