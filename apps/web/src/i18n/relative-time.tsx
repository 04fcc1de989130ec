import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from './languages';

// "3 hours ago" for recent instants, in the reader's language; the exact instant in the tooltip.
export function RelativeTime({ instant }: { instant: string }) {
  const { i18n } = useTranslation();
  const [now] = useState(() => Date.now());
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const seconds = Math.round((new Date(instant).getTime() - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const [unit, size] = units.find(([, s]) => Math.abs(seconds) >= s) ?? ['second', 1];
  const text = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(
    Math.round(seconds / size),
    unit,
  );
  return (
    <time dateTime={instant} className="muted small">
      {text}
    </time>
  );
}
