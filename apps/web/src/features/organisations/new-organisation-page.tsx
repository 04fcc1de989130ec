import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { CheckboxField, FormError, Page, SelectField, TextField } from '@/components';
import { ORGANISATION_KINDS, useCreateOrganisation, type OrganisationKind } from './api';

export function NewOrganisationPage() {
  const { t } = useTranslation('organisations');
  const navigate = useNavigate();
  const { next } = useSearch({ from: '/app/organisations/new' });
  const create = useCreateOrganisation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind>('company');
  const [country, setCountry] = useState('');
  const [vps, setVps] = useState(false);
  const problem = create.error
    ? describeProblem(create.error, t, { 409: 'organisations:create.taken' })
    : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, kind, country: country.trim() ? country.trim().toUpperCase() : undefined, vpsParticipant: vps },
      {
        onSuccess: (org) =>
          void navigate({ to: next ?? '/', search: next ? { organisationId: org.id } : undefined }),
      },
    );
  };

  return (
    <Page title={t('create.title')}>
      <form className="form card" onSubmit={submit}>
        <FormError message={problem?.message} />
        <TextField
          label={t('fields.name')}
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={problem?.fields.name}
        />
        <SelectField
          label={t('fields.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as OrganisationKind)}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`common:kind.${k}`) }))}
          error={problem?.fields.kind}
        />
        <TextField
          label={t('fields.country')}
          hint={t('fields.countryHint')}
          maxLength={2}
          pattern="[A-Za-z]{2}"
          value={country}
          onChange={(e) => setCountry(e.target.value)}
          error={problem?.fields.country}
        />
        <CheckboxField
          label={t('fields.vpsParticipant')}
          checked={vps}
          onChange={(e) => setVps(e.target.checked)}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('create.submit')}
        </button>
      </form>
    </Page>
  );
}
