import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { FormError, QueryState, Section, SelectField, TextAreaField, TextField } from '@/components';
import { Attachments } from '@/features/attachments';
import { ContentLanguageSwitch, useTranslationsOf } from '@/features/documents';
import { canManage, useGroup, type Group } from '@/features/groups';
import { formatCalendarDate, formatInstant } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import {
  IMPACT_RATINGS,
  isTerminal,
  nextStatuses,
  useAssessImpact,
  useMe,
  useRecommendation,
  useReportProgress,
  type ImpactRating,
  type RecommendationDetail,
  type RecommendationStatus,
} from './api';
import { OverdueBadge, ProgressBar } from './recommendation-card';

export function RecommendationPage() {
  const { groupId, recommendationId } = useParams({
    from: '/app/groups/$groupId/recommendations/$recommendationId',
  });
  const { locale } = useSearch({ from: '/app/groups/$groupId/recommendations/$recommendationId' });
  const group = useGroup(groupId);
  const recommendation = useRecommendation(groupId, recommendationId, locale);
  return (
    <QueryState query={group}>
      {(g: Group) => (
        <QueryState query={recommendation}>
          {(r: RecommendationDetail) => <Detail group={g} recommendation={r} />}
        </QueryState>
      )}
    </QueryState>
  );
}

function RecommendationLanguage({
  groupId,
  recommendation: r,
}: {
  groupId: string;
  recommendation: RecommendationDetail;
}) {
  const navigate = useNavigate();
  const translations = useTranslationsOf(groupId, 'recommendation', r.id);
  return (
    <ContentLanguageSwitch
      sourceLocale={r.sourceLocale}
      answered={r.locale}
      stale={r.translationStale}
      translations={translations.data?.items ?? []}
      onChange={(next) =>
        void navigate({
          to: '/groups/$groupId/recommendations/$recommendationId',
          params: { groupId, recommendationId: r.id },
          search: { locale: next },
        })
      }
    />
  );
}

function Detail({ group, recommendation: r }: { group: Group; recommendation: RecommendationDetail }) {
  const { t, i18n } = useTranslation('recommendations');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const me = useMe();
  const myOrganisationId = me.data?.memberships.find((m) => m.groupId === group.id)?.organisationId;
  const mayReport =
    canManage(group) ||
    (group.myRole !== 'observer' && r.responsibleOrganisations.some((o) => o.id === myOrganisationId));
  return (
    <>
      <Section
        title={r.title}
        id="recommendation-facts"
        actions={
          <Link
            to="/groups/$groupId/recommendations"
            params={{ groupId: group.id }}
            className="button button--quiet"
          >
            {t('detail.back')}
          </Link>
        }
      >
        <p className="chip-list">
          <span className="badge">{t(`status.${r.status}`)}</span>
          <span className="badge badge--muted">{t(`priority.${r.priority}`)}</span>
          {r.overdue ? <OverdueBadge /> : null}
        </p>
        <RecommendationLanguage groupId={group.id} recommendation={r} />
        {r.description ? (
          <p className="prewrap" lang={r.locale}>
            {r.description}
          </p>
        ) : null}
        <dl className="facts">
          <dt>{t('fields.dueDate')}</dt>
          <dd>{formatCalendarDate(r.dueDate, locale)}</dd>
          <dt>{t('fields.responsible')}</dt>
          <dd>{r.responsibleOrganisations.map((o) => o.name).join(', ')}</dd>
          <dt>{t('fields.progress')}</dt>
          <dd>
            <ProgressBar value={r.progress} label={t('list.progressLabel', { title: r.title })} />
          </dd>
          <dt>{t('detail.created')}</dt>
          <dd>{formatInstant(r.createdAt, group.timezone, locale)}</dd>
          {r.completedAt ? (
            <>
              <dt>{t('detail.completed')}</dt>
              <dd>{formatInstant(r.completedAt, group.timezone, locale)}</dd>
            </>
          ) : null}
        </dl>
      </Section>
      <Timeline group={group} recommendation={r} />
      {mayReport ? <ProgressForm group={group} recommendation={r} /> : null}
      <ImpactSection group={group} recommendation={r} />
    </>
  );
}

function Timeline({ group, recommendation: r }: { group: Group; recommendation: RecommendationDetail }) {
  const { t, i18n } = useTranslation('recommendations');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const me = useMe();
  return (
    <Section title={t('detail.timeline')} id="recommendation-timeline">
      {r.timeline.length === 0 ? (
        <p className="muted">{t('detail.noTimeline')}</p>
      ) : (
        <ol className="thread">
          {r.timeline.map((e) => (
            <li key={e.id} className="card">
              <p className="muted small">
                <strong>{t(`detail.kind.${e.kind}`)}</strong> · {e.authorName ?? t('detail.unknownAuthor')} ·{' '}
                {formatInstant(e.at, group.timezone, locale)}
              </p>
              {e.statusFrom && e.statusTo && e.statusFrom !== e.statusTo ? (
                <p className="small">
                  {t('detail.statusChange', {
                    from: t(`status.${e.statusFrom}`),
                    to: t(`status.${e.statusTo}`),
                  })}
                </p>
              ) : null}
              {e.progressFrom != null && e.progressTo != null && e.progressFrom !== e.progressTo ? (
                <p className="small">
                  {t('detail.progressChange', { from: e.progressFrom, to: e.progressTo })}
                </p>
              ) : null}
              {e.kind === 'impact' && typeof e.details.rating === 'string' ? (
                <p className="small">{t(`impact.${e.details.rating as ImpactRating}`)}</p>
              ) : null}
              {e.note ? <p className="prewrap">{e.note}</p> : null}
              {e.evidenceUrls.length ? (
                <ul aria-label={t('detail.evidence')}>
                  {e.evidenceUrls.map((u) => (
                    <li key={u}>
                      <a href={u} target="_blank" rel="noopener noreferrer">
                        {u}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
              {e.kind === 'progress' ? (
                <Attachments
                  ownerPath={`recommendation-progress/${e.id}`}
                  timeZone={group.timezone}
                  canUpload={me.data != null && e.authorUserId === me.data.id}
                  headingLevel={3}
                />
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function ProgressForm({ group, recommendation: r }: { group: Group; recommendation: RecommendationDetail }) {
  const { t } = useTranslation('recommendations');
  const report = useReportProgress(group.id, r.id);
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<RecommendationStatus | ''>('');
  const [progress, setProgress] = useState(String(r.progress));
  const [evidence, setEvidence] = useState('');
  const closed = isTerminal(r.status);
  const problem = report.error
    ? describeProblem(report.error, t, { 403: 'recommendations:detail.notAllowed' })
    : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const evidenceUrls = evidence
      .split('\n')
      .map((u) => u.trim())
      .filter(Boolean);
    const value = Number(progress);
    report.mutate(
      {
        note,
        ...(status ? { status } : {}),
        // "implemented" means 100: the server fills it in.
        ...(!closed && status !== 'implemented' && value !== r.progress ? { progress: value } : {}),
        ...(evidenceUrls.length ? { evidenceUrls } : {}),
      },
      {
        onSuccess: (updated) => {
          setNote('');
          setStatus('');
          setEvidence('');
          setProgress(String(updated.progress));
        },
      },
    );
  };
  return (
    <Section title={t('detail.reportTitle')} id="recommendation-progress">
      {closed ? <p className="muted small">{t('detail.closedHint')}</p> : null}
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <TextAreaField
          label={t('fields.note')}
          required
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={problem?.fields.note}
        />
        {!closed ? (
          <div className="field-row">
            <SelectField
              label={t('fields.status')}
              value={status}
              onChange={(e) => setStatus(e.target.value as RecommendationStatus | '')}
              options={[
                { value: '', label: t('detail.keepStatus', { status: t(`status.${r.status}`) }) },
                ...nextStatuses(r.status).map((s) => ({ value: s, label: t(`status.${s}`) })),
              ]}
              error={problem?.fields.status}
            />
            <TextField
              label={t('fields.progress')}
              type="number"
              min={0}
              max={100}
              value={status === 'implemented' ? '100' : progress}
              disabled={status === 'implemented'}
              onChange={(e) => setProgress(e.target.value)}
              error={problem?.fields.progress}
            />
          </div>
        ) : null}
        <TextAreaField
          label={t('fields.evidence')}
          rows={2}
          value={evidence}
          hint={t('fields.evidenceHint')}
          onChange={(e) => setEvidence(e.target.value)}
          error={Object.entries(problem?.fields ?? {}).find(([k]) => k.startsWith('evidenceUrls'))?.[1]}
        />
        <button type="submit" className="button button--primary" disabled={report.isPending}>
          {t('detail.report')}
        </button>
      </form>
    </Section>
  );
}

function ImpactSection({ group, recommendation: r }: { group: Group; recommendation: RecommendationDetail }) {
  const { t } = useTranslation('recommendations');
  const assess = useAssessImpact(group.id, r.id);
  const [rating, setRating] = useState<ImpactRating>('moderate');
  const [note, setNote] = useState('');
  const mayAssess = Boolean(group.iAmCoChair) && isTerminal(r.status);
  const problem = assess.error
    ? describeProblem(assess.error, t, { 403: 'recommendations:detail.impactNotAllowed' })
    : null;
  return (
    <Section title={t('detail.impactTitle')} id="recommendation-impact">
      <p className="muted small">{t('detail.impactHint')}</p>
      <p>
        {r.impact
          ? t('detail.currentImpact', { rating: t(`impact.${r.impact.rating}`), note: r.impact.note })
          : t('detail.noImpact')}
      </p>
      {mayAssess ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            assess.mutate({ rating, note }, { onSuccess: () => setNote('') });
          }}
        >
          <FormError message={problem?.message} />
          <SelectField
            label={t('fields.rating')}
            value={rating}
            onChange={(e) => setRating(e.target.value as ImpactRating)}
            options={IMPACT_RATINGS.map((i) => ({ value: i, label: t(`impact.${i}`) }))}
          />
          <TextAreaField
            label={t('fields.impactNote')}
            required
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={problem?.fields.note}
          />
          <button type="submit" className="button button--primary" disabled={assess.isPending}>
            {t('detail.assess')}
          </button>
        </form>
      ) : null}
    </Section>
  );
}
