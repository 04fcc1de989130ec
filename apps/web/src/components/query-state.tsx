import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';

// Loading and error states of a query, the same on every screen.
export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <p className="muted" role="status">
        {t('loading')}
      </p>
    );
  }
  if (query.isError) {
    return (
      <p className="form-error" role="alert">
        {describeProblem(query.error, t).message}
      </p>
    );
  }
  return <>{children(query.data)}</>;
}
