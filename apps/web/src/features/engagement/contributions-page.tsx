import { useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { Dialog, FormError, QueryState, Section, SelectField, TextField } from '@/components';
import { formatCalendarDate } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import {
  CONTRIBUTION_KINDS,
  DISCLOSURES,
  useContributions,
  useContributionSummary,
  useGroupOrganisations,
  useRecordContribution,
  type ContributionKind,
  type Disclosure,
} from './api';
import { EngagementFrame } from './engagement-frame';

export function ContributionsPage() {
  const { t, i18n } = useTranslation('engagement');
  const { groupId } = useParams({ from: '/app/groups/$groupId/engagement/contributions' });
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const list = useContributions(groupId);
  const summary = useContributionSummary(groupId);
  const money = (amount: number, currency: string) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  return (
    <EngagementFrame groupId={groupId}>
      <Section title={t('contributions.summaryTitle')} id="contributions-summary">
        <p className="muted">{t('contributions.summaryIntro')}</p>
        <QueryState query={summary}>
          {(s) =>
            s.items.length === 0 ? (
              <p className="muted">{t('contributions.none')}</p>
            ) : (
              <table className="table">
                <caption className="visually-hidden">{t('contributions.summaryTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('contributions.recipient')}</th>
                    <th scope="col">{t('contributions.year')}</th>
                    <th scope="col">{t('contributions.count')}</th>
                    <th scope="col">{t('contributions.totals')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.items.map((row) => (
                    <tr key={`${row.recipientOrganisation.id}-${row.year}`}>
                      <th scope="row">{row.recipientOrganisation.name}</th>
                      <td>{row.year}</td>
                      <td>{row.count}</td>
                      <td>
                        {row.totals.map((x) => money(x.amount, x.currency)).join(' · ') ||
                          t('contributions.inKind')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </Section>
      <Section
        title={t('contributions.title')}
        id="contributions"
        actions={<NewContributionDialog groupId={groupId} />}
      >
        <QueryState query={list}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="muted">{t('contributions.none')}</p>
            ) : (
              <table className="table">
                <caption className="visually-hidden">{t('contributions.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('contributions.recipient')}</th>
                    <th scope="col">{t('contributions.kind')}</th>
                    <th scope="col">{t('contributions.description')}</th>
                    <th scope="col">{t('contributions.amount')}</th>
                    <th scope="col">{t('contributions.period')}</th>
                    <th scope="col">{t('contributions.disclosure')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{c.recipientOrganisation.name}</th>
                      <td>{t(`kind.${c.kind}`)}</td>
                      <td>{c.description}</td>
                      <td>
                        {c.amount !== null && c.currency
                          ? money(c.amount, c.currency)
                          : t('contributions.inKind')}
                      </td>
                      <td>
                        {t('contributions.periodRange', {
                          from: formatCalendarDate(c.periodFrom, locale),
                          to: formatCalendarDate(c.periodTo, locale),
                        })}
                      </td>
                      <td>{t(`disclosure.${c.disclosure}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </Section>
    </EngagementFrame>
  );
}

function NewContributionDialog({ groupId }: { groupId: string }) {
  const { t } = useTranslation('engagement');
  const [open, setOpen] = useState(false);
  const record = useRecordContribution(groupId);
  const organisations = useGroupOrganisations(groupId);
  const orgs = organisations.data ?? [];
  const [recipient, setRecipient] = useState('');
  const [kind, setKind] = useState<ContributionKind>('allowance');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [disclosure, setDisclosure] = useState<Disclosure>('group');
  const recipientId = recipient || orgs.find((o) => o.kind === 'public_security')?.id || orgs[0]?.id || '';
  const problem = record.error ? describeProblem(record.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate(
      {
        recipientOrganisationId: recipientId,
        kind,
        description,
        periodFrom: from,
        periodTo: to,
        disclosure,
        ...(amount.trim() ? { amount: Number(amount), currency: currency.trim().toUpperCase() } : {}),
      },
      {
        onSuccess: () => {
          setOpen(false);
          setDescription('');
          setAmount('');
          record.reset();
        },
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={record.reset}
      title={t('contributions.newTitle')}
      description={t('contributions.newDescription')}
      trigger={
        <button type="button" className="button button--primary">
          {t('contributions.new')}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <SelectField
          label={t('contributions.recipient')}
          value={recipientId}
          onChange={(e) => setRecipient(e.target.value)}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          error={problem?.fields.recipientOrganisationId}
        />
        <SelectField
          label={t('contributions.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as ContributionKind)}
          options={CONTRIBUTION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <TextField
          label={t('contributions.description')}
          required
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={problem?.fields.description}
        />
        <TextField
          label={t('contributions.amount')}
          type="number"
          min={0}
          step="0.01"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={problem?.fields.amount}
        />
        <TextField
          label={t('contributions.currency')}
          value={currency}
          maxLength={3}
          onChange={(e) => setCurrency(e.target.value)}
          error={problem?.fields.currency}
        />
        <TextField
          label={t('contributions.periodFrom')}
          type="date"
          required
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          error={problem?.fields.periodFrom}
        />
        <TextField
          label={t('contributions.periodTo')}
          type="date"
          required
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={problem?.fields.periodTo}
        />
        <SelectField
          label={t('contributions.disclosure')}
          value={disclosure}
          onChange={(e) => setDisclosure(e.target.value as Disclosure)}
          options={DISCLOSURES.map((d) => ({ value: d, label: t(`disclosure.${d}`) }))}
          hint={t('contributions.disclosureHint')}
        />
        <button type="submit" className="button button--primary" disabled={record.isPending}>
          {t('contributions.submit')}
        </button>
      </form>
    </Dialog>
  );
}
