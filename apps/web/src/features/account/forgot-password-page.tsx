import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { FormError, Page, TextField } from '@/components';
import { useRequestPasswordReset } from './api';

export function ForgotPasswordPage() {
  const { t } = useTranslation('account');
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const problem = request.error
    ? describeProblem(request.error, t, { 429: 'account:forgot.throttled' })
    : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate({ email });
  };

  return (
    <Page title={t('forgot.title')}>
      {request.isSuccess ? (
        <div className="card" role="status">
          <p>{t('forgot.sent', { email })}</p>
          <p className="muted">{t('forgot.sentHint')}</p>
        </div>
      ) : (
        <form className="form card" onSubmit={submit}>
          <p>{t('forgot.intro')}</p>
          <FormError message={problem?.message} />
          <TextField
            label={t('fields.email')}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={problem?.fields.email}
          />
          <button type="submit" className="button button--primary" disabled={request.isPending}>
            {t('forgot.submit')}
          </button>
        </form>
      )}
      <p>
        <Link to="/sign-in" search={{}}>
          {t('backToSignIn')}
        </Link>
      </p>
    </Page>
  );
}
