import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import { FormError, Page, QueryState, Section, TextField } from '@/components';
import { formatInstant } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import { useChangePassword, useEndSession, useMe, useMySessions } from './api';
import { MIN_PASSWORD_LENGTH } from './reset-password-page';

function ChangePassword() {
  const { t } = useTranslation('account');
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const problem = change.error
    ? describeProblem(change.error, t, { 429: 'account:password.throttled' })
    : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
        },
      },
    );
  };

  return (
    <Section title={t('password.title')} id="account-password">
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        {change.isSuccess ? (
          <p role="status" className="notice">
            {t('password.done')}
          </p>
        ) : null}
        <TextField
          label={t('fields.currentPassword')}
          type="password"
          name="current-password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={problem?.fields.currentPassword}
        />
        <TextField
          label={t('fields.newPassword')}
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={t('passwordHint', { count: MIN_PASSWORD_LENGTH })}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={problem?.fields.newPassword}
        />
        <p className="muted small">{t('password.signsOutOthers')}</p>
        <button type="submit" className="button button--primary" disabled={change.isPending}>
          {t('password.submit')}
        </button>
      </form>
    </Section>
  );
}

function Sessions({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation('account');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const sessions = useMySessions();
  const end = useEndSession();
  const problem = end.error ? describeProblem(end.error, t) : null;
  return (
    <Section title={t('sessions.title')} id="account-sessions">
      <FormError message={problem?.message} />
      <QueryState query={sessions}>
        {(list: Schemas['SessionListDto']) => (
          <ul className="card-list">
            {list.items.map((s) => {
              const device = s.userAgent ?? t('sessions.unknownDevice');
              return (
                <li key={s.id} className="card">
                  <h3>
                    {device}
                    {s.current ? <span className="badge">{t('sessions.current')}</span> : null}
                  </h3>
                  <p className="muted small">
                    {t('sessions.meta', {
                      network: s.ipPrefix ?? t('sessions.unknownNetwork'),
                      created: formatInstant(s.createdAt, timeZone, locale),
                      lastUsed: formatInstant(s.lastUsedAt, timeZone, locale),
                    })}
                  </p>
                  {s.current ? null : (
                    <button
                      type="button"
                      className="button"
                      disabled={end.isPending}
                      aria-label={t('sessions.endNamed', { device })}
                      onClick={() => end.mutate(s.id)}
                    >
                      {t('sessions.end')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
    </Section>
  );
}

// Admins manage who speaks for the organisation on its page.
function Organisations({ user }: { user: Schemas['MeDto'] }) {
  const { t } = useTranslation('account');
  const active = user.affiliations.filter((a) => a.status === 'active');
  return (
    <Section title={t('organisations')} id="account-organisations">
      {active.length === 0 ? (
        <p className="muted">{t('noOrganisations')}</p>
      ) : (
        <ul>
          {active.map((a) => (
            <li key={a.affiliationId}>
              {a.role === 'admin' ? (
                <Link to="/organisations/$organisationId" params={{ organisationId: a.organisationId }}>
                  {a.organisationName}
                </Link>
              ) : (
                a.organisationName
              )}{' '}
              <span className="muted small">{a.role === 'admin' ? t('orgAdmin') : t('orgMember')}</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function AccountPage() {
  const { t } = useTranslation('account');
  const me = useMe();
  return (
    <Page title={t('title')}>
      <QueryState query={me}>
        {(user: Schemas['MeDto']) => (
          <>
            <p className="muted">{t('signedInAs', { email: user.email })}</p>
            <Organisations user={user} />
            <ChangePassword />
            <Sessions timeZone={user.timeZone ?? 'UTC'} />
          </>
        )}
      </QueryState>
    </Page>
  );
}
