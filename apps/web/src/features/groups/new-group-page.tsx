import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { FormError, Page, SelectField, TextAreaField, TextField } from '@/components';
import { OrganisationPicker } from '@/features/organisations';
import { CO_CHAIR_POLICIES, useCreateGroup, type CoChairPolicy } from './api';

const DEFAULT_ZONE = 'Africa/Lubumbashi';

function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(DEFAULT_ZONE) ? zones : [DEFAULT_ZONE, ...zones];
}

export function NewGroupPage() {
  const { t } = useTranslation('groups');
  const navigate = useNavigate();
  const search = useSearch({ from: '/app/groups/new' });
  const create = useCreateGroup();
  const zones = useMemo(() => timeZones(), []);
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState(search.organisationId ?? '');
  const [timezone, setTimezone] = useState(DEFAULT_ZONE);
  const [description, setDescription] = useState('');
  const [region, setRegion] = useState('');
  const [policy, setPolicy] = useState<CoChairPolicy>('company_and_civil_society');
  const problem = create.error
    ? describeProblem(create.error, t, { 403: 'groups:create.notAffiliated' })
    : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        name,
        organisationId,
        timezone,
        description: description.trim() || undefined,
        region: region.trim() || undefined,
        coChairPolicy: policy,
      },
      { onSuccess: (g) => void navigate({ to: '/groups/$groupId', params: { groupId: g.id } }) },
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
        <OrganisationPicker
          label={t('fields.yourOrganisation')}
          value={organisationId}
          onChange={setOrganisationId}
          error={problem?.fields.organisationId}
        />
        <p className="small">
          <Link to="/organisations/new" search={{ next: '/groups/new' }}>
            {t('create.newOrganisation')}
          </Link>
        </p>
        <SelectField
          label={t('fields.timezone')}
          hint={t('create.timezoneHint')}
          value={timezone}
          onChange={(e) => setTimezone(e.target.value)}
          options={zones.map((z) => ({ value: z, label: z }))}
          error={problem?.fields.timezone}
        />
        <TextField
          label={t('fields.region')}
          maxLength={200}
          value={region}
          onChange={(e) => setRegion(e.target.value)}
          error={problem?.fields.region}
        />
        <TextAreaField
          label={t('fields.description')}
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={problem?.fields.description}
        />
        <SelectField
          label={t('fields.coChairPolicy')}
          hint={t(`policy.${policy}Explained`)}
          value={policy}
          onChange={(e) => setPolicy(e.target.value as CoChairPolicy)}
          options={CO_CHAIR_POLICIES.map((p) => ({ value: p, label: t(`policy.${p}`) }))}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('create.submit')}
        </button>
      </form>
    </Page>
  );
}
