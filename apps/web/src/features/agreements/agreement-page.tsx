import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { Dialog, FormError, Page, QueryState, Section, SelectField, TextField } from '@/components';
import { GroupDate, PartyName, StatusBadge, VerifiedBadge } from './agreement-bits';
import type { AgreementContext } from './agreement-context';
import {
  CLAUSE_KEYS,
  LIVE_STATUSES,
  REQUESTABLE,
  useAgreement,
  useAgreements,
  useCatalogue,
  useChangeStatus,
  useGroupInfo,
  useMyOrganisationId,
  type Agreement,
  type AgreementStatus,
} from './api';
import { ImplementationsSection } from './implementations-section';
import { LegalSection, ObligationsSection, ReviewsSection } from './monitoring-sections';
import { NonComplianceSection } from './non-compliance-section';
import { VersionsSection } from './versions-section';

import './agreements.css';

// One agreement: what it is and who is party to it, its coverage of clauses a)–j), its text and
// what implements it (training, equipment decisions, contributions), its text and versions, legal
// basis, obligations, reviews and non-compliance reports. A summary viewer sees the first four
// only (the API answers 404 for the rest).
export function AgreementPage() {
  const { groupId, agreementId } = useParams({ from: '/app/groups/$groupId/agreements/$agreementId' });
  const agreement = useAgreement(groupId, agreementId);
  const group = useGroupInfo(groupId);
  const myOrganisationId = useMyOrganisationId(groupId);
  return (
    <QueryState query={agreement}>
      {(a: Agreement) => {
        const role = group.data?.myRole;
        const ctx: AgreementContext = {
          groupId,
          agreement: a,
          zone: group.data?.timezone ?? 'UTC',
          full: a.access === 'full',
          canEdit: a.isParty && role !== 'observer' && role !== undefined,
          myOrganisationId,
          canReport:
            role !== 'observer' &&
            role !== undefined &&
            [...LIVE_STATUSES, 'terminated', 'expired'].includes(a.status),
          canAdvanceReports:
            (a.isParty && role !== 'observer') || role === 'focal_point' || Boolean(group.data?.iAmCoChair),
        };
        return <AgreementScreen ctx={ctx} />;
      }}
    </QueryState>
  );
}

function AgreementScreen({ ctx }: { ctx: AgreementContext }) {
  const { t } = useTranslation('agreements');
  const { agreement: a, groupId } = ctx;
  return (
    <Page title={a.title} actions={ctx.canEdit ? <StatusDialog ctx={ctx} /> : null}>
      <p>
        <Link to="/groups/$groupId/agreements" params={{ groupId }}>
          {t('backToList')}
        </Link>
      </p>
      {!ctx.full ? <p className="notice">{t('summaryOnly')}</p> : null}
      <Overview ctx={ctx} />
      <PartiesSection ctx={ctx} />
      <CoverageSection ctx={ctx} />
      <ImplementationsSection ctx={ctx} />
      {ctx.full ? (
        <>
          <VersionsSection ctx={ctx} />
          <LegalSection ctx={ctx} />
          <ObligationsSection ctx={ctx} />
          <ReviewsSection ctx={ctx} />
        </>
      ) : null}
      <NonComplianceSection ctx={ctx} />
    </Page>
  );
}

function Overview({ ctx }: { ctx: AgreementContext }) {
  const { t } = useTranslation('agreements');
  const { agreement: a, groupId, zone } = ctx;
  const all = useAgreements(groupId);
  const parent = a.parentAgreementId ? all.data?.items.find((x) => x.id === a.parentAgreementId) : undefined;
  const children = all.data?.items.filter((x) => x.parentAgreementId === a.id) ?? [];
  return (
    <Section
      title={t('overview.title')}
      id="agreement-overview"
      actions={
        ctx.canEdit && (a.level === 'national' || a.level === 'regional') ? (
          <Link
            to="/groups/$groupId/agreements/new"
            params={{ groupId }}
            search={{ parentAgreementId: a.id }}
            className="button"
          >
            {t('overview.mirror')}
          </Link>
        ) : null
      }
    >
      <dl className="facts">
        <dt>{t('fields.status')}</dt>
        <dd>
          <StatusBadge status={a.status} />
        </dd>
        <dt>{t('fields.kind')}</dt>
        <dd>{t(`kind.${a.kind}`)}</dd>
        <dt>{t('fields.level')}</dt>
        <dd>{t(`level.${a.level}`)}</dd>
        <dt>{t('fields.visibility')}</dt>
        <dd>{t(`visibility.${a.visibility}`)}</dd>
        {a.parentAgreementId ? (
          <>
            <dt>{t('fields.parent')}</dt>
            <dd>
              <Link
                to="/groups/$groupId/agreements/$agreementId"
                params={{ groupId, agreementId: a.parentAgreementId }}
              >
                {parent?.title ?? t('overview.parentLink')}
              </Link>
            </dd>
          </>
        ) : null}
        {children.length ? (
          <>
            <dt>{t('overview.mirroredBy')}</dt>
            <dd>
              <ul className="plain-list">
                {children.map((c) => (
                  <li key={c.id}>
                    <Link
                      to="/groups/$groupId/agreements/$agreementId"
                      params={{ groupId, agreementId: c.id }}
                    >
                      {c.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>{t('fields.sites')}</dt>
        <dd>{a.sites.length ? a.sites.map((s) => s.name).join(', ') : t('notSet')}</dd>
        <dt>{t('fields.effectiveFrom')}</dt>
        <dd>
          <GroupDate date={a.effectiveFrom} zone={zone} />
        </dd>
        <dt>{t('fields.expiresOn')}</dt>
        <dd>
          <GroupDate date={a.expiresOn} zone={zone} />
        </dd>
        <dt>{t('fields.signedOn')}</dt>
        <dd>
          <GroupDate date={a.signedOn} zone={zone} />
        </dd>
        <dt>{t('fields.inForceSince')}</dt>
        <dd>
          <GroupDate date={a.inForceSince} zone={zone} />
        </dd>
        <dt>{t('fields.reviewInterval')}</dt>
        <dd>{t('overview.months', { count: a.reviewIntervalMonths })}</dd>
        <dt>{t('fields.nextReview')}</dt>
        <dd>
          <GroupDate date={a.nextReviewOn} zone={zone} />
          {a.reviewOverdue ? <span className="badge badge--warn">{t('review.overdue')}</span> : null}
        </dd>
      </dl>
    </Section>
  );
}

function PartiesSection({ ctx }: { ctx: AgreementContext }) {
  const { t } = useTranslation('agreements');
  const { agreement: a } = ctx;
  return (
    <Section title={t('parties.title')} id="agreement-parties">
      <ul className="card-list">
        {a.parties.map((p) => (
          <li key={p.id} className="card">
            <p className="agreement-card-title">
              <PartyName party={p} /> <VerifiedBadge verified={p.organisation.verified} />
            </p>
            <p className="muted">
              {t(`role.${p.role}`)} ·{' '}
              {p.signatureRequired
                ? p.signed
                  ? t('parties.signed')
                  : t('parties.notSigned')
                : t('parties.noSignatureRequired')}
            </p>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function CoverageSection({ ctx }: { ctx: AgreementContext }) {
  const { t, i18n } = useTranslation('agreements');
  const { coverage } = ctx.agreement;
  const catalogue = useCatalogue(coverage.edition, i18n.resolvedLanguage ?? i18n.language);
  const edition = catalogue.data?.editions.find((e) => e.key === coverage.edition);
  return (
    <Section title={t('coverage.title')} id="agreement-coverage">
      <p className="muted">
        {t('coverage.summary', { covered: coverage.covered.length, total: CLAUSE_KEYS.length })}{' '}
        {edition ? t('coverage.edition', { edition: edition.title }) : null}
      </p>
      <ul className="coverage-list" aria-label={t('coverage.checklist')}>
        {CLAUSE_KEYS.map((key) => {
          const covered = coverage.covered.includes(key);
          const item = catalogue.data?.items.find((c) => c.key === key);
          return (
            <li key={key}>
              <span className={`badge ${covered ? 'badge--ok' : 'badge--warn'}`}>
                {covered ? t('coverage.covered') : t('coverage.missing')}
              </span>
              <span>
                <strong>{t('clauseKey', { key })}</strong> {item?.heading}
                {!covered && item ? <span className="small muted"> — {item.guidance}</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

function StatusDialog({ ctx }: { ctx: AgreementContext }) {
  const { t } = useTranslation('agreements');
  const { agreement: a } = ctx;
  const choices = REQUESTABLE[a.status];
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState<AgreementStatus | ''>('');
  const [reason, setReason] = useState('');
  const change = useChangeStatus(ctx.groupId, a.id);
  if (choices.length === 0) return null;
  const target = to || choices[0];
  const problem = change.error
    ? describeProblem(change.error, t, { 409: 'agreements:status.conflict' })
    : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate(
      { to: target, reason },
      {
        onSuccess: () => {
          setOpen(false);
          setReason('');
        },
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={change.reset}
      title={t('status.change')}
      trigger={
        <button type="button" className="button">
          {t('status.change')}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <SelectField
          label={t('status.to')}
          value={target}
          onChange={(e) => setTo(e.target.value as AgreementStatus)}
          options={choices.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <TextField
          label={t('status.reason')}
          required
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={problem?.fields.reason}
        />
        <button type="submit" className="button button--primary" disabled={change.isPending}>
          {t('status.submit')}
        </button>
      </form>
    </Dialog>
  );
}
