import { useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import { CheckboxField, Dialog, FormError, QueryState, Section, SelectField, TextField } from '@/components';
import { formatCalendarDate, formatInstant, todayIn } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import {
  canManage,
  CONSTITUENCIES,
  useAppointCoChair,
  useCoChairs,
  useEndCoChairTerm,
  useGroup,
  useMembers,
  type Constituency,
  type Group,
} from './api';

type Term = Schemas['CoChairTermDto'];

// Sitting co-chairs, appointment (a handover when the constituency's seat is taken) and history.
export function CoChairsPage() {
  const { t, i18n } = useTranslation('groups');
  const { groupId } = useParams({ from: '/app/groups/$groupId/co-chairs' });
  const group = useGroup(groupId);
  const terms = useCoChairs(groupId);
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const manage = canManage(group.data);

  return (
    <QueryState query={terms}>
      {(data: Schemas['CoChairTermsDto']) => (
        <>
          <Section
            title={t('coChairs.current')}
            id="co-chairs-current"
            actions={
              manage && group.data ? <AppointDialog group={group.data} sitting={data.current} /> : null
            }
          >
            {data.current.length === 0 ? (
              <p className="muted">{t('coChairs.noneSitting')}</p>
            ) : (
              <ul className="card-list">
                {data.current.map((term) => (
                  <li key={term.id} className="card">
                    <p>
                      <strong>{term.displayName ?? t('coChairs.unknownPerson')}</strong>
                      <span className="muted">
                        {t('coChairs.ofOrganisation', { organisation: term.organisation.name })}
                      </span>
                    </p>
                    <p className="muted">
                      {t('coChairs.constituencySince', {
                        constituency: t(`constituency.${term.constituency}`),
                        date: formatCalendarDate(term.startsOn, locale),
                      })}
                    </p>
                    {manage ? <EndTermDialog groupId={groupId} term={term} /> : null}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={t('coChairs.history')} id="co-chairs-history">
            {data.past.length === 0 ? (
              <p className="muted">{t('coChairs.noHistory')}</p>
            ) : (
              <table className="table">
                <caption className="visually-hidden">{t('coChairs.history')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('coChairs.person')}</th>
                    <th scope="col">{t('fields.constituency')}</th>
                    <th scope="col">{t('coChairs.from')}</th>
                    <th scope="col">{t('coChairs.until')}</th>
                    <th scope="col">{t('coChairs.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.past.map((term) => (
                    <tr key={term.id}>
                      <td>
                        {t('coChairs.personAt', {
                          name: term.displayName ?? t('coChairs.unknownPerson'),
                          organisation: term.organisation.name,
                        })}
                      </td>
                      <td>{t(`constituency.${term.constituency}`)}</td>
                      <td>{formatCalendarDate(term.startsOn, locale)}</td>
                      <td>
                        {term.endedAt && group.data
                          ? formatInstant(term.endedAt, group.data.timezone, locale, { dateOnly: true })
                          : ''}
                      </td>
                      <td>{term.endReason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
        </>
      )}
    </QueryState>
  );
}

function AppointDialog({ group, sitting }: { group: Group; sitting: Term[] }) {
  const { t } = useTranslation('groups');
  const [open, setOpen] = useState(false);
  const members = useMembers(group.id, { status: 'active' });
  const appoint = useAppointCoChair(group.id);
  const [memberId, setMemberId] = useState('');
  const [constituency, setConstituency] = useState<Constituency>('company');
  const [startsOn, setStartsOn] = useState(() => todayIn(group.timezone));
  const [replace, setReplace] = useState(false);
  const seatTaken = sitting.find((s) => s.constituency === constituency);
  const problem = appoint.error
    ? describeProblem(appoint.error, t, {
        409: 'groups:coChairs.conflict',
        400: 'groups:coChairs.notEligible',
      })
    : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    appoint.mutate(
      { memberId, constituency, startsOn, replace },
      {
        onSuccess: () => {
          setOpen(false);
          setReplace(false);
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={appoint.reset}
      title={t('coChairs.appointTitle')}
      description={t(`policy.${group.coChairPolicy}Explained`)}
      trigger={
        <button type="button" className="button button--primary">
          {t('coChairs.appoint')}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <SelectField
          label={t('fields.member')}
          required
          value={memberId}
          onChange={(e) => setMemberId(e.target.value)}
          options={[
            { value: '', label: t('coChairs.chooseMember') },
            ...(members.data?.items ?? []).map((m) => ({
              value: m.id,
              label: t('coChairs.memberOption', {
                name: m.displayName || m.email,
                organisation: m.organisation.name,
              }),
            })),
          ]}
          error={problem?.fields.memberId}
        />
        <SelectField
          label={t('fields.constituency')}
          value={constituency}
          onChange={(e) => setConstituency(e.target.value as Constituency)}
          options={CONSTITUENCIES.map((c) => ({ value: c, label: t(`constituency.${c}`) }))}
          error={problem?.fields.constituency}
        />
        <TextField
          label={t('fields.startsOn')}
          type="date"
          required
          value={startsOn}
          onChange={(e) => setStartsOn(e.target.value)}
          error={problem?.fields.startsOn}
        />
        {seatTaken ? (
          <CheckboxField
            label={t('coChairs.handover', { name: seatTaken.displayName ?? t('coChairs.unknownPerson') })}
            checked={replace}
            onChange={(e) => setReplace(e.target.checked)}
          />
        ) : null}
        <button type="submit" className="button button--primary" disabled={appoint.isPending}>
          {replace ? t('coChairs.handoverSubmit') : t('coChairs.appointSubmit')}
        </button>
      </form>
    </Dialog>
  );
}

function EndTermDialog({ groupId, term }: { groupId: string; term: Term }) {
  const { t } = useTranslation('groups');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const end = useEndCoChairTerm(groupId);
  const name = term.displayName ?? t('coChairs.unknownPerson');
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={t('coChairs.endTitle', { name })}
      trigger={
        <button type="button" className="button button--danger-quiet">
          {t('coChairs.end', { name })}
        </button>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          end.mutate({ termId: term.id, reason }, { onSuccess: () => setOpen(false) });
        }}
      >
        <FormError message={end.error ? describeProblem(end.error, t).message : null} />
        <TextField
          label={t('coChairs.reason')}
          required
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={end.error ? describeProblem(end.error, t).fields.reason : undefined}
        />
        <button type="submit" className="button button--danger" disabled={end.isPending}>
          {t('coChairs.endConfirm')}
        </button>
      </form>
    </Dialog>
  );
}
