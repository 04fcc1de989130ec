import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisationSearch } from './api';

// Finds an organisation by name and picks it (a search box and a list box of the matches).
export function OrganisationPicker({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (organisationId: string) => void;
  error?: string;
}) {
  const { t } = useTranslation('organisations');
  const id = useId();
  const [q, setQ] = useState('');
  const search = useOrganisationSearch(q);
  const items = search.data?.items ?? [];
  return (
    <fieldset className={`field organisation-picker${error ? ' field--invalid' : ''}`}>
      <legend>{label}</legend>
      <label htmlFor={`${id}-q`}>{t('picker.search')}</label>
      <input
        id={`${id}-q`}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoComplete="off"
      />
      <label htmlFor={`${id}-select`}>{t('picker.choose')}</label>
      <select
        id={`${id}-select`}
        value={value}
        required
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{items.length ? t('picker.placeholder') : t('picker.noMatch')}</option>
        {items.map((o) => (
          <option key={o.id} value={o.id}>
            {t('picker.option', { name: o.name, kind: t(`common:kind.${o.kind}`) })}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
