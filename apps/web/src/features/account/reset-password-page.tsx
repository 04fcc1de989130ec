import { Link } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { FormError, Page, TextField } from '@/components';
import { useConfirmPasswordReset } from './api';

export const MIN_PASSWORD_LENGTH = 12;

// The reset token from the e-mailed link (?token=), read once.
function tokenFromLocation(): string | null {
  return new URLSearchParams(window.location.search).get('token');
}

export function ResetPasswordPage() {
  const { t } = useTranslation('account');
  const [token] = useState(tokenFromLocation);
  const confirm = useConfirmPasswordReset();
  const [password, setPassword] = useState('');

  // The token is a credential: off the address bar (and so out of the history) at once.
  useEffect(() => {
    if (new URLSearchParams(window.location.search).has('token'))
      window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);

  const problem = confirm.error ? describeProblem(confirm.error, t, { 400: 'account:reset.invalid' }) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token) confirm.mutate({ token, newPassword: password });
  };

  if (confirm.isSuccess)
    return (
      <Page title={t('reset.title')}>
        <div className="card" role="status">
          <p>{t('reset.done')}</p>
          <Link to="/sign-in" search={{}} className="button button--primary">
            {t('reset.signIn')}
          </Link>
        </div>
      </Page>
    );

  return (
    <Page title={t('reset.title')}>
      {token ? (
        <form className="form card" onSubmit={submit}>
          <FormError message={problem?.message} />
          <TextField
            label={t('fields.newPassword')}
            type="password"
            name="new-password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            hint={t('passwordHint', { count: MIN_PASSWORD_LENGTH })}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={problem?.fields.newPassword}
          />
          <p className="muted">{t('reset.signsOut')}</p>
          <button type="submit" className="button button--primary" disabled={confirm.isPending}>
            {t('reset.submit')}
          </button>
        </form>
      ) : (
        <p className="form-error" role="alert">
          {t('reset.noToken')}
        </p>
      )}
      <p>
        <Link to="/forgot-password">{t('reset.again')}</Link>
      </p>
    </Page>
  );
}
