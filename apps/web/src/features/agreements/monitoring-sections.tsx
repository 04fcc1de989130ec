import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import {
  CheckboxField,
  Dialog,
  FormError,
  QueryState,
  Section,
  SelectField,
  TextAreaField,
  TextField,
} from '@/components';
import { formatCalendarDate, todayIn } from '@/i18n/format';
import { GroupDate, useLocale } from './agreement-bits';
import type { AgreementContext } from './agreement-context';
import { describeRecurrence, reviewReminders } from './agreement-logic';
import {
  LEGAL_KINDS,
  REVIEW_OUTCOMES,
  useAddLegalReference,
  useAddObligation,
  useAddReview,
  useLegalReferences,
  useObligations,
  useReportProgress,
  useRequestReview,
  useReviews,
  type LegalKind,
  type Obligation,
  type ReviewOutcome,
} from './api';

// A dialog holding one form: open button, problem text, submit; closes on success.
function FormDialog({
  title,
  open: openLabel,
  submit,
  pending,
  error,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  open: string;
  submit: string;
  pending: boolean;
  error: string | null | undefined;
  onSubmit: (done: () => void) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={onClose}
      title={title}
      trigger={
        <button type="button" className="button">
          {openLabel}
        </button>
      }
    >
      <form
        className="form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit(() => setOpen(false));
        }}
      >
        <FormError message={error} />
        {children}
        <button type="submit" className="button button--primary" disabled={pending}>
          {submit}
        </button>
      </form>
    </Dialog>
  );
}

export function LegalSection({ ctx }: { ctx: AgreementContext }) {
  const { t } = useTranslation('agreements');
  const refs = useLegalReferences(ctx.groupId, ctx.agreement.id, ctx.full);
  const add = useAddLegalReference(ctx.groupId, ctx.agreement.id);
  const [kind, setKind] = useState<LegalKind>('statute');
  const [citation, setCitation] = useState('');
  const [url, setUrl] = useState('');
  const [clauseKey, setClauseKey] = useState('');
  const problem = add.error ? describeProblem(add.error, t) : null;
  return (
    <Section
      title={t('legal.title')}
      id="agreement-legal"
      actions={
        ctx.canEdit ? (
          <FormDialog
            title={t('legal.add')}
            open={t('legal.add')}
            submit={t('legal.submit')}
            pending={add.isPending}
            error={problem?.message}
            onClose={() => add.reset()}
            onSubmit={(done) =>
              add.mutate(
                { kind, citation, url: url || undefined, clauseKey: clauseKey || undefined },
                {
                  onSuccess: () => {
                    done();
                    setCitation('');
                    setUrl('');
                  },
                },
              )
            }
          >
            <SelectField
              label={t('legal.kind')}
              value={kind}
              onChange={(e) => setKind(e.target.value as LegalKind)}
              options={LEGAL_KINDS.map((k) => ({ value: k, label: t(`legalKind.${k}`) }))}
            />
            <TextField
              label={t('legal.citation')}
              required
              maxLength={500}
              value={citation}
              onChange={(e) => setCitation(e.target.value)}
              error={problem?.fields.citation}
            />
            <TextField
              label={t('legal.url')}
              type="url"
              maxLength={2000}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              error={problem?.fields.url}
            />
            <TextField
              label={t('legal.clauseKey')}
              maxLength={20}
              value={clauseKey}
              onChange={(e) => setClauseKey(e.target.value)}
              error={problem?.fields.clauseKey}
            />
          </FormDialog>
        ) : null
      }
    >
      <QueryState query={refs}>
        {(page: Schemas['LegalReferencePageDto']) =>
          page.items.length === 0 ? (
            <p className="muted">{t('legal.empty')}</p>
          ) : (
            <ul className="plain-list">
              {page.items.map((r) => (
                <li key={r.id}>
                  <span className="badge">{t(`legalKind.${r.kind}`)}</span>{' '}
                  {r.url ? (
                    <a href={r.url} rel="noreferrer noopener" target="_blank">
                      {r.citation}
                    </a>
                  ) : (
                    r.citation
                  )}
                  {r.clauseKey ? (
                    <span className="muted"> · {t('clauseKey', { key: r.clauseKey })}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}

export function ObligationsSection({ ctx }: { ctx: AgreementContext }) {
  const { t } = useTranslation('agreements');
  const locale = useLocale();
  const { agreement: a, groupId, zone } = ctx;
  const obligations = useObligations(groupId, a.id, ctx.full);
  const add = useAddObligation(groupId, a.id);
  const [clauseKey, setClauseKey] = useState('');
  const [title, setTitle] = useState('');
  const [responsible, setResponsible] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [rrule, setRrule] = useState('');
  const problem = add.error ? describeProblem(add.error, t) : null;
  const canAdd = ctx.canEdit && Boolean(a.currentVersion);
  return (
    <Section
      title={t('obligations.title')}
      id="agreement-obligations"
      actions={
        canAdd ? (
          <FormDialog
            title={t('obligations.add')}
            open={t('obligations.add')}
            submit={t('obligations.submit')}
            pending={add.isPending}
            error={problem?.message}
            onClose={() => add.reset()}
            onSubmit={(done) =>
              add.mutate(
                {
                  clauseKey: clauseKey || a.coverage.covered[0] || 'a',
                  title,
                  responsibleOrganisationId: responsible || a.parties[0].organisation.id,
                  dueDate: dueDate || undefined,
                  rrule: rrule || undefined,
                },
                {
                  onSuccess: () => {
                    done();
                    setTitle('');
                    setRrule('');
                    setDueDate('');
                  },
                },
              )
            }
          >
            <SelectField
              label={t('obligations.clause')}
              value={clauseKey || a.coverage.covered[0] || 'a'}
              onChange={(e) => setClauseKey(e.target.value)}
              options={a.coverage.covered.map((k) => ({ value: k, label: t('clauseKey', { key: k }) }))}
              error={problem?.fields.clauseKey}
            />
            <TextField
              label={t('obligations.titleField')}
              required
              maxLength={300}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              error={problem?.fields.title}
            />
            <SelectField
              label={t('obligations.responsible')}
              value={responsible || a.parties[0].organisation.id}
              onChange={(e) => setResponsible(e.target.value)}
              options={a.parties.map((p) => ({ value: p.organisation.id, label: p.organisation.name }))}
            />
            <TextField
              label={t('obligations.dueDate', { zone })}
              type="date"
              value={dueDate}
              onChange={(e) => setDueDate(e.target.value)}
              error={problem?.fields.dueDate}
            />
            <TextField
              label={t('obligations.rrule')}
              hint={rrule ? describeRecurrence(rrule, t, locale) : t('obligations.rruleHint')}
              maxLength={500}
              value={rrule}
              onChange={(e) => setRrule(e.target.value)}
              error={problem?.fields.rrule}
            />
          </FormDialog>
        ) : null
      }
    >
      <QueryState query={obligations}>
        {(page: Schemas['ObligationPageDto']) =>
          page.items.length === 0 ? (
            <p className="muted">{t('obligations.empty')}</p>
          ) : (
            <ul className="card-list">
              {page.items.map((o) => (
                <li key={o.id} className="card">
                  <p className="agreement-card-title">
                    {o.title} <span className="badge">{t(`obligationStatus.${o.status}`)}</span>
                    {o.overdue ? <span className="badge badge--warn">{t('obligations.overdue')}</span> : null}
                  </p>
                  <p className="muted">
                    {t('obligations.line', {
                      clause: t('clauseKey', { key: o.clauseKey }),
                      organisation: o.responsibleOrganisation.name,
                      progress: o.progress,
                    })}
                  </p>
                  <p className="small">
                    {o.rrule ? `${describeRecurrence(o.rrule, t, locale)} · ` : null}
                    {t('obligations.nextDue')} <GroupDate date={o.nextDueOn} zone={zone} />
                  </p>
                  {ctx.canEdit && !['met', 'not_met', 'partially_met', 'waived'].includes(o.status) ? (
                    <ProgressDialog groupId={groupId} obligation={o} />
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}

function ProgressDialog({ groupId, obligation: o }: { groupId: string; obligation: Obligation }) {
  const { t } = useTranslation('agreements');
  const report = useReportProgress(groupId);
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState(String(o.progress));
  const [fulfils, setFulfils] = useState(false);
  const problem = report.error ? describeProblem(report.error, t) : null;
  return (
    <FormDialog
      title={t('obligations.progressTitle', { title: o.title })}
      open={t('obligations.progress', { title: o.title })}
      submit={t('obligations.progressSubmit')}
      pending={report.isPending}
      error={problem?.message}
      onClose={() => report.reset()}
      onSubmit={(done) =>
        report.mutate(
          {
            obligationId: o.id,
            note,
            progress: Number(progress),
            fulfilsCurrentDue: o.rrule ? fulfils : undefined,
          },
          {
            onSuccess: () => {
              done();
              setNote('');
            },
          },
        )
      }
    >
      <TextAreaField
        label={t('obligations.note')}
        required
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={problem?.fields.note}
      />
      <TextField
        label={t('obligations.percent')}
        type="number"
        min={0}
        max={100}
        value={progress}
        onChange={(e) => setProgress(e.target.value)}
        error={problem?.fields.progress}
      />
      {o.rrule ? (
        <CheckboxField
          label={t('obligations.fulfils')}
          checked={fulfils}
          onChange={(e) => setFulfils(e.target.checked)}
        />
      ) : null}
    </FormDialog>
  );
}

export function ReviewsSection({ ctx }: { ctx: AgreementContext }) {
  const { t } = useTranslation('agreements');
  const locale = useLocale();
  const { agreement: a, groupId, zone } = ctx;
  const reviews = useReviews(groupId, a.id, ctx.full);
  const addReview = useAddReview(groupId, a.id);
  const request = useRequestReview(groupId, a.id);
  const [outcome, setOutcome] = useState<ReviewOutcome>('reaffirmed');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const live = ['in_force', 'under_review', 'suspended'].includes(a.status);
  const reminders = a.nextReviewOn ? reviewReminders(a.nextReviewOn, todayIn(zone)) : [];
  const reviewProblem = addReview.error
    ? describeProblem(addReview.error, t, { 409: 'agreements:review.conflict' })
    : null;
  const requestProblem = request.error ? describeProblem(request.error, t) : null;
  return (
    <Section
      title={t('review.title')}
      id="agreement-reviews"
      actions={
        ctx.canEdit && live ? (
          <span className="button-row">
            <FormDialog
              title={t('review.record')}
              open={t('review.record')}
              submit={t('review.submit')}
              pending={addReview.isPending}
              error={reviewProblem?.message}
              onClose={() => addReview.reset()}
              onSubmit={(done) =>
                addReview.mutate(
                  { outcome, note },
                  {
                    onSuccess: () => {
                      done();
                      setNote('');
                    },
                  },
                )
              }
            >
              <SelectField
                label={t('review.outcome')}
                value={outcome}
                onChange={(e) => setOutcome(e.target.value as ReviewOutcome)}
                options={REVIEW_OUTCOMES.map((o) => ({ value: o, label: t(`reviewOutcome.${o}`) }))}
              />
              <TextAreaField
                label={t('review.note')}
                required
                maxLength={4000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                error={reviewProblem?.fields.note}
              />
            </FormDialog>
            <FormDialog
              title={t('review.request')}
              open={t('review.request')}
              submit={t('review.requestSubmit')}
              pending={request.isPending}
              error={requestProblem?.message}
              onClose={() => request.reset()}
              onSubmit={(done) =>
                request.mutate(
                  { reason },
                  {
                    onSuccess: () => {
                      done();
                      setReason('');
                    },
                  },
                )
              }
            >
              <TextAreaField
                label={t('review.reason')}
                hint={t('review.reasonHint')}
                required
                maxLength={2000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                error={requestProblem?.fields.reason}
              />
            </FormDialog>
          </span>
        ) : null
      }
    >
      <p>
        {t('fields.nextReview')} <GroupDate date={a.nextReviewOn} zone={zone} />
        {a.reviewOverdue ? <span className="badge badge--warn">{t('review.overdue')}</span> : null}
      </p>
      {reminders.length ? (
        <>
          <h3>{t('review.reminders')}</h3>
          <ul className="plain-list">
            {reminders.map((r) => (
              <li key={r.daysBefore}>
                {t('review.reminderLine', {
                  count: r.daysBefore,
                  date: formatCalendarDate(r.on, locale),
                  zone,
                })}{' '}
                <span className={`badge${r.upcoming ? ' badge--accent' : ' badge--muted'}`}>
                  {r.upcoming ? t('review.upcoming') : t('review.due')}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{t('review.noSchedule')}</p>
      )}
      <QueryState query={reviews}>
        {(d: { reviews: Schemas['ReviewDto'][]; requests: Schemas['ReviewRequestDto'][] }) => (
          <>
            {d.requests.filter((r) => !r.reviewId).length ? (
              <>
                <h3>{t('review.openRequests')}</h3>
                <ul className="plain-list">
                  {d.requests
                    .filter((r) => !r.reviewId)
                    .map((r) => (
                      <li key={r.id}>{r.reason}</li>
                    ))}
                </ul>
              </>
            ) : null}
            <h3>{t('review.past')}</h3>
            {d.reviews.length === 0 ? (
              <p className="muted">{t('review.none')}</p>
            ) : (
              <ul className="plain-list">
                {d.reviews.map((r) => (
                  <li key={r.id}>
                    <GroupDate date={r.reviewedOn} zone={zone} /> ·{' '}
                    <strong>{t(`reviewOutcome.${r.outcome}`)}</strong> · {r.note}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
    </Section>
  );
}
