import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import {
  CheckboxField,
  Dialog,
  FormError,
  Page,
  QueryState,
  Section,
  SelectField,
  TextField,
} from '@/components';
import { AgreementIndicators } from './agreement-indicators';
import { GroupDate, StatusBadge } from './agreement-bits';
import { nestAgreements, type AgreementNode } from './agreement-logic';
import {
  SITE_KINDS,
  useAgreements,
  useCreateSite,
  useGroupInfo,
  useGroupOrganisations,
  useMyOrganisationId,
  useSites,
  type SiteKind,
} from './api';

import './agreements.css';

// The group's agreements (each site agreement under its national MoU), their indicators and sites.
export function AgreementsPage() {
  const { t } = useTranslation('agreements');
  const { groupId } = useParams({ from: '/app/groups/$groupId/agreements' });
  const group = useGroupInfo(groupId);
  const agreements = useAgreements(groupId);
  const zone = group.data?.timezone ?? 'UTC';
  const canCreate = Boolean(group.data?.myRole && group.data.myRole !== 'observer');
  return (
    <Page
      title={t('list.title')}
      actions={
        canCreate ? (
          <Link
            to="/groups/$groupId/agreements/new"
            params={{ groupId }}
            search={{}}
            className="button button--primary"
          >
            {t('list.new')}
          </Link>
        ) : null
      }
    >
      <p>
        <Link to="/groups/$groupId" params={{ groupId }}>
          {t('backToGroup', { name: group.data?.name ?? '' })}
        </Link>
      </p>
      <Section title={t('list.heading')} id="agreements-list">
        <QueryState query={agreements}>
          {(page: Schemas['AgreementPageDto']) =>
            page.items.length === 0 ? (
              <p className="muted">{t('list.empty')}</p>
            ) : (
              <AgreementTree
                nodes={nestAgreements(page.items)}
                groupId={groupId}
                zone={zone}
                label={t('list.heading')}
              />
            )
          }
        </QueryState>
      </Section>
      <AgreementIndicators groupId={groupId} />
      <SitesSection groupId={groupId} canAdd={canCreate} />
    </Page>
  );
}

function AgreementTree({
  nodes,
  groupId,
  zone,
  label,
}: {
  nodes: AgreementNode[];
  groupId: string;
  zone: string;
  label: string;
}) {
  const { t } = useTranslation('agreements');
  return (
    <ul className="agreement-tree" aria-label={label}>
      {nodes.map(({ agreement: a, children }) => (
        <li key={a.id} className="card agreement-card">
          <p className="agreement-card-title">
            <Link to="/groups/$groupId/agreements/$agreementId" params={{ groupId, agreementId: a.id }}>
              {a.title}
            </Link>{' '}
            <StatusBadge status={a.status} />
            {a.reviewOverdue ? <span className="badge badge--warn">{t('review.overdue')}</span> : null}
          </p>
          <p className="muted">
            {t('list.kindLevel', { kind: t(`kind.${a.kind}`), level: t(`level.${a.level}`) })} ·{' '}
            {t(`visibility.${a.visibility}`)} · {a.parties.map((p) => p.organisation.name).join(', ')}
          </p>
          <p className="small">
            {t('list.nextReview')} <GroupDate date={a.nextReviewOn} zone={zone} />
            {a.sites.length
              ? ` · ${t('list.sites', { sites: a.sites.map((s) => s.name).join(', ') })}`
              : null}
          </p>
          {children.length ? (
            <AgreementTree
              nodes={children}
              groupId={groupId}
              zone={zone}
              label={t('list.mirroredBy', { title: a.title })}
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function SitesSection({ groupId, canAdd }: { groupId: string; canAdd: boolean }) {
  const { t } = useTranslation('agreements');
  const sites = useSites(groupId);
  return (
    <Section
      title={t('sites.title')}
      id="agreement-sites"
      actions={canAdd ? <AddSiteDialog groupId={groupId} /> : null}
    >
      <QueryState query={sites}>
        {(page: Schemas['SitePageDto']) =>
          page.items.length === 0 ? (
            <p className="muted">{t('sites.empty')}</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">{t('sites.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sites.name')}</th>
                  <th scope="col">{t('sites.kind')}</th>
                  <th scope="col">{t('sites.operator')}</th>
                  <th scope="col">{t('sites.publicSecurity')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      {s.name}
                      {s.region ? (
                        <span className="muted">{t('sites.region', { region: s.region })}</span>
                      ) : null}
                    </td>
                    <td>{t(`siteKind.${s.kind}`)}</td>
                    <td>{s.operatorOrganisation.name}</td>
                    <td>{s.publicSecurityPresent ? t('yes') : t('no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </Section>
  );
}

function AddSiteDialog({ groupId }: { groupId: string }) {
  const { t } = useTranslation('agreements');
  const [open, setOpen] = useState(false);
  const organisations = useGroupOrganisations(groupId);
  const mine = useMyOrganisationId(groupId);
  const create = useCreateSite(groupId);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SiteKind>('mine');
  const [region, setRegion] = useState('');
  const [operator, setOperator] = useState('');
  const [publicSecurity, setPublicSecurity] = useState(true);
  const problem = create.error ? describeProblem(create.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        name,
        kind,
        region: region || undefined,
        operatorOrganisationId: operator || mine || '',
        publicSecurityPresent: publicSecurity,
      },
      {
        onSuccess: () => {
          setOpen(false);
          setName('');
          setRegion('');
        },
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={create.reset}
      title={t('sites.add')}
      trigger={
        <button type="button" className="button">
          {t('sites.add')}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <TextField
          label={t('sites.name')}
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={problem?.fields.name}
        />
        <SelectField
          label={t('sites.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as SiteKind)}
          options={SITE_KINDS.map((k) => ({ value: k, label: t(`siteKind.${k}`) }))}
        />
        <TextField
          label={t('sites.regionLabel')}
          maxLength={200}
          value={region}
          onChange={(e) => setRegion(e.target.value)}
        />
        <SelectField
          label={t('sites.operator')}
          value={operator || mine || ''}
          onChange={(e) => setOperator(e.target.value)}
          options={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          error={problem?.fields.operatorOrganisationId}
        />
        <CheckboxField
          label={t('sites.publicSecurityPresent')}
          checked={publicSecurity}
          onChange={(e) => setPublicSecurity(e.target.checked)}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('sites.addSubmit')}
        </button>
      </form>
    </Dialog>
  );
}
