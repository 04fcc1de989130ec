import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { CheckboxField, FormError, Page, SelectField, TextField } from '@/components';
import {
  KINDS,
  LEVELS,
  PARTY_ROLES,
  useAgreements,
  useCreateAgreement,
  useGroupOrganisations,
  useMyOrganisationId,
  useSites,
  VISIBILITIES,
  type AgreementKind,
  type AgreementLevel,
  type PartyRole,
  type Visibility,
} from './api';

import './agreements.css';

interface PartyRow {
  organisationId: string;
  role: PartyRole;
  unit: string;
  signatureRequired: boolean;
}

// A new agreement: an MoU, or a site agreement mirroring one (`?parentAgreementId=`), with
// version 1 from the toolkit's template a)–j) or empty.
export function NewAgreementPage() {
  const { t } = useTranslation('agreements');
  const { groupId } = useParams({ from: '/app/groups/$groupId/agreements/new' });
  const { parentAgreementId } = useSearch({ from: '/app/groups/$groupId/agreements/new' });
  const navigate = useNavigate();
  const agreements = useAgreements(groupId);
  const sites = useSites(groupId);
  const organisations = useGroupOrganisations(groupId);
  const mine = useMyOrganisationId(groupId);
  const create = useCreateAgreement(groupId);
  const parent = agreements.data?.items.find((a) => a.id === parentAgreementId);

  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<AgreementKind>(parentAgreementId ? 'site_security_agreement' : 'mou');
  const [level, setLevel] = useState<AgreementLevel>(parentAgreementId ? 'site' : 'national');
  const [parentId, setParentId] = useState(parentAgreementId ?? '');
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [visibility, setVisibility] = useState<Visibility>('summary');
  const [template, setTemplate] = useState(true);
  const [sourceLocale, setSourceLocale] = useState('en');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [interval, setInterval] = useState('12');
  const [parties, setParties] = useState<PartyRow[]>([]);
  // The caller's organisation is always a party (the server requires it): it is the first row.
  const rows: PartyRow[] =
    parties.length === 0 && mine
      ? [{ organisationId: mine, role: 'company', unit: '', signatureRequired: true }]
      : parties;
  const setRow = (i: number, patch: Partial<PartyRow>) =>
    setParties(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const problem = create.error ? describeProblem(create.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        title,
        kind,
        level,
        parentAgreementId: parentId || undefined,
        siteIds: siteIds.length ? siteIds : undefined,
        visibility,
        templateKey: template ? 'dcaf-2.3' : undefined,
        sourceLocale,
        effectiveFrom: effectiveFrom || undefined,
        expiresOn: expiresOn || undefined,
        reviewIntervalMonths: Number(interval),
        parties: rows
          .filter((r) => r.organisationId)
          .map((r) => ({
            organisationId: r.organisationId,
            role: r.role,
            unit: r.unit || undefined,
            signatureRequired: r.signatureRequired,
          })),
      },
      {
        onSuccess: (a) =>
          void navigate({
            to: '/groups/$groupId/agreements/$agreementId',
            params: { groupId, agreementId: a.id },
          }),
      },
    );
  };

  const orgOptions = [
    { value: '', label: t('new.chooseOrganisation') },
    ...(organisations.data ?? []).map((o) => ({
      value: o.id,
      label: t('new.organisationOption', { name: o.name, kind: t(`common:kind.${o.kind}`) }),
    })),
  ];

  return (
    <Page title={parent ? t('new.titleMirror', { parent: parent.title }) : t('new.title')}>
      <p>
        <Link to="/groups/$groupId/agreements" params={{ groupId }}>
          {t('backToList')}
        </Link>
      </p>
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <TextField
          label={t('fields.title')}
          required
          maxLength={300}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={problem?.fields.title}
        />
        <SelectField
          label={t('fields.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as AgreementKind)}
          options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          error={problem?.fields.kind}
        />
        <SelectField
          label={t('fields.level')}
          value={level}
          onChange={(e) => setLevel(e.target.value as AgreementLevel)}
          options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
          error={problem?.fields.level}
        />
        <SelectField
          label={t('fields.parent')}
          hint={t('new.parentHint')}
          value={parentId}
          onChange={(e) => setParentId(e.target.value)}
          options={[
            { value: '', label: t('new.noParent') },
            ...(agreements.data?.items ?? []).map((a) => ({ value: a.id, label: a.title })),
          ]}
          error={problem?.fields.parentAgreementId}
        />
        <fieldset className="field">
          <legend>{t('fields.sites')}</legend>
          {(sites.data?.items ?? []).length === 0 ? <p className="muted">{t('new.noSites')}</p> : null}
          {(sites.data?.items ?? []).map((s) => (
            <CheckboxField
              key={s.id}
              label={s.name}
              checked={siteIds.includes(s.id)}
              onChange={(e) =>
                setSiteIds(e.target.checked ? [...siteIds, s.id] : siteIds.filter((id) => id !== s.id))
              }
            />
          ))}
        </fieldset>
        <fieldset className="field">
          <legend>{t('fields.parties')}</legend>
          {rows.map((row, i) => (
            <div className="party-row" key={i}>
              <SelectField
                label={t('new.partyOrganisation', { n: i + 1 })}
                value={row.organisationId}
                onChange={(e) => setRow(i, { organisationId: e.target.value })}
                options={orgOptions}
              />
              <SelectField
                label={t('new.partyRole', { n: i + 1 })}
                value={row.role}
                onChange={(e) =>
                  setRow(i, {
                    role: e.target.value as PartyRole,
                    signatureRequired: e.target.value !== 'witness',
                  })
                }
                options={PARTY_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              />
              <TextField
                label={t('new.partyUnit', { n: i + 1 })}
                maxLength={200}
                value={row.unit}
                onChange={(e) => setRow(i, { unit: e.target.value })}
              />
              <CheckboxField
                label={t('new.partySignature', { n: i + 1 })}
                checked={row.signatureRequired}
                onChange={(e) => setRow(i, { signatureRequired: e.target.checked })}
              />
              {i > 0 ? (
                <button
                  type="button"
                  className="button button--danger-quiet"
                  onClick={() => setParties(rows.filter((_, j) => j !== i))}
                >
                  {t('new.removeParty', { n: i + 1 })}
                </button>
              ) : null}
            </div>
          ))}
          <button
            type="button"
            className="button"
            onClick={() =>
              setParties([
                ...rows,
                { organisationId: '', role: 'public_security', unit: '', signatureRequired: true },
              ])
            }
          >
            {t('new.addParty')}
          </button>
          {problem?.fields.parties ? <p className="field-error">{problem.fields.parties}</p> : null}
        </fieldset>
        <SelectField
          label={t('fields.visibility')}
          hint={t(`visibilityHint.${visibility}`)}
          value={visibility}
          onChange={(e) => setVisibility(e.target.value as Visibility)}
          options={VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
        />
        <CheckboxField
          label={t('new.template')}
          checked={template}
          onChange={(e) => setTemplate(e.target.checked)}
        />
        <SelectField
          label={t('fields.sourceLocale')}
          value={sourceLocale}
          onChange={(e) => setSourceLocale(e.target.value)}
          options={[
            { value: 'en', label: t('locale.en') },
            { value: 'fr', label: t('locale.fr') },
            { value: 'fr-CD', label: t('locale.fr-CD') },
            { value: 'sw', label: t('locale.sw') },
          ]}
          error={problem?.fields.sourceLocale}
        />
        <TextField
          label={t('fields.effectiveFrom')}
          type="date"
          value={effectiveFrom}
          onChange={(e) => setEffectiveFrom(e.target.value)}
          error={problem?.fields.effectiveFrom}
        />
        <TextField
          label={t('fields.expiresOn')}
          type="date"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
          error={problem?.fields.expiresOn}
        />
        <TextField
          label={t('fields.reviewInterval')}
          type="number"
          min={1}
          max={120}
          required
          value={interval}
          onChange={(e) => setInterval(e.target.value)}
          error={problem?.fields.reviewIntervalMonths}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('new.submit')}
        </button>
      </form>
    </Page>
  );
}
