import { useState, type FormEvent } from 'react';
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
} from '@/components';
import { FilesToggle } from '@/features/attachments';
import { formatInstant } from '@/i18n/format';
import { useLocale } from './agreement-bits';
import type { AgreementContext } from './agreement-context';
import {
  CLAUSE_KEYS,
  REPORT_STEPS,
  SEVERITIES,
  useNonCompliance,
  useReportNonCompliance,
  useReportStep,
  type NonCompliance,
  type NonComplianceStatus,
  type Severity,
} from './api';

// Reports that the agreement is not respected, and their workflow: reported → acknowledged →
// raised with the authorities → action agreed → resolved | unresolved, or dismissed.
export function NonComplianceSection({ ctx }: { ctx: AgreementContext }) {
  const { t } = useTranslation('agreements');
  const locale = useLocale();
  const reports = useNonCompliance(ctx.groupId, ctx.agreement.id);
  return (
    <Section
      title={t('nc.title')}
      id="agreement-non-compliance"
      actions={ctx.canReport ? <ReportDialog ctx={ctx} /> : null}
    >
      <QueryState query={reports}>
        {(page: Schemas['NonCompliancePageDto']) =>
          page.items.length === 0 ? (
            <p className="muted">{t('nc.empty')}</p>
          ) : (
            <ul className="card-list">
              {page.items.map((r) => (
                <li key={r.id} className="card">
                  <p className="agreement-card-title">
                    <span className="badge">{t(`ncStatus.${r.status}`)}</span>
                    <span
                      className={`badge${r.severity === 'high' || r.severity === 'critical' ? ' badge--warn' : ''}`}
                    >
                      {t(`severity.${r.severity}`)}
                    </span>
                    {r.confidentiality === 'restricted' ? (
                      <span className="badge badge--muted">{t('nc.restricted')}</span>
                    ) : null}
                  </p>
                  <p>{r.description}</p>
                  <p className="muted small">
                    {t('nc.clauses', { keys: r.clauseKeys.join(', ') || t('notSet') })}
                    {r.site ? ` · ${t('nc.site', { site: r.site.name })}` : null}
                    {' · '}
                    {r.anonymous && !r.reporter
                      ? t('nc.anonymous')
                      : r.reporter
                        ? t('nc.reportedBy', {
                            name: r.reporter.displayName,
                            organisation: r.reporter.organisation.name,
                          })
                        : t('nc.reporterHidden')}
                    {' · '}
                    {formatInstant(r.createdAt, ctx.zone, locale)}
                  </p>
                  {r.incidents.length ? (
                    <p className="small">
                      {t('nc.incidents', { titles: r.incidents.map((i) => i.title).join(', ') })}
                    </p>
                  ) : null}
                  {r.steps.length ? (
                    <ol className="steps" aria-label={t('nc.stepsLabel')}>
                      {r.steps.map((s) => (
                        <li key={s.id}>
                          {t('nc.stepLine', {
                            to: t(`ncStatus.${s.statusTo}`),
                            at: formatInstant(s.at, ctx.zone, locale),
                            note: s.note,
                          })}
                        </li>
                      ))}
                    </ol>
                  ) : null}
                  {ctx.canAdvanceReports && REPORT_STEPS[r.status].length ? (
                    <StepDialog ctx={ctx} report={r} />
                  ) : null}
                  {/* Evidence, as visible as the report; members who are not observers add it. */}
                  <FilesToggle
                    ownerPath={`non-compliance/${r.id}`}
                    timeZone={ctx.zone}
                    canUpload={ctx.canReport}
                  />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}

function ReportDialog({ ctx }: { ctx: AgreementContext }) {
  const { t } = useTranslation('agreements');
  const { agreement: a } = ctx;
  const report = useReportNonCompliance(ctx.groupId, a.id);
  const [open, setOpen] = useState(false);
  const [clauseKeys, setClauseKeys] = useState<string[]>([]);
  const [siteId, setSiteId] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [restricted, setRestricted] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  const problem = report.error ? describeProblem(report.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    report.mutate(
      {
        clauseKeys,
        siteId: siteId || undefined,
        description,
        severity,
        confidentiality: restricted ? 'restricted' : 'group',
        anonymous,
      },
      {
        onSuccess: () => {
          setOpen(false);
          setDescription('');
          setClauseKeys([]);
        },
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={report.reset}
      title={t('nc.report')}
      description={t('nc.reportHint')}
      trigger={
        <button type="button" className="button button--primary">
          {t('nc.report')}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <fieldset className="field">
          <legend>{t('nc.clausesLegend')}</legend>
          {CLAUSE_KEYS.map((k) => (
            <CheckboxField
              key={k}
              label={t('clauseKey', { key: k })}
              checked={clauseKeys.includes(k)}
              onChange={(e) =>
                setClauseKeys(e.target.checked ? [...clauseKeys, k] : clauseKeys.filter((x) => x !== k))
              }
            />
          ))}
          {problem?.fields.clauseKeys ? <p className="field-error">{problem.fields.clauseKeys}</p> : null}
        </fieldset>
        {a.sites.length ? (
          <SelectField
            label={t('nc.siteLabel')}
            value={siteId}
            onChange={(e) => setSiteId(e.target.value)}
            options={[
              { value: '', label: t('nc.noSite') },
              ...a.sites.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
        ) : null}
        <TextAreaField
          label={t('nc.description')}
          required
          maxLength={10000}
          rows={5}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={problem?.fields.description}
        />
        <SelectField
          label={t('nc.severity')}
          value={severity}
          onChange={(e) => setSeverity(e.target.value as Severity)}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
        />
        <CheckboxField
          label={t('nc.restrictedLabel')}
          checked={restricted}
          onChange={(e) => setRestricted(e.target.checked)}
        />
        <CheckboxField
          label={t('nc.anonymousLabel')}
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
        />
        <button type="submit" className="button button--primary" disabled={report.isPending}>
          {t('nc.submit')}
        </button>
      </form>
    </Dialog>
  );
}

function StepDialog({ ctx, report: r }: { ctx: AgreementContext; report: NonCompliance }) {
  const { t } = useTranslation('agreements');
  const step = useReportStep(ctx.groupId);
  const choices = REPORT_STEPS[r.status];
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState<NonComplianceStatus | ''>('');
  const [note, setNote] = useState('');
  const target = to || choices[0];
  const problem = step.error ? describeProblem(step.error, t, { 409: 'agreements:nc.conflict' }) : null;
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={step.reset}
      title={t('nc.respond')}
      trigger={
        <button type="button" className="button">
          {t('nc.respond')}
        </button>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          step.mutate(
            { reportId: r.id, to: target, note },
            {
              onSuccess: () => {
                setOpen(false);
                setTo('');
                setNote('');
              },
            },
          );
        }}
      >
        <FormError message={problem?.message} />
        <SelectField
          label={t('nc.to')}
          value={target}
          onChange={(e) => setTo(e.target.value as NonComplianceStatus)}
          options={choices.map((s) => ({ value: s, label: t(`ncStatus.${s}`) }))}
        />
        <TextAreaField
          label={t('nc.note')}
          required
          maxLength={4000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={problem?.fields.note}
        />
        <button type="submit" className="button button--primary" disabled={step.isPending}>
          {t('nc.stepSubmit')}
        </button>
      </form>
    </Dialog>
  );
}
