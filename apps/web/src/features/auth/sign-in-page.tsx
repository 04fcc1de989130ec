import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { FormError, Page, TextField } from '@/components';
import { useSignIn } from './api';

export function SignInPage() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const { next } = useSearch({ from: '/public/sign-in' });
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const problem = signIn.error
    ? describeProblem(signIn.error, t, { 401: 'auth:signIn.refused', 429: 'auth:signIn.locked' })
    : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: () => void navigate({ to: next ?? '/' }) });
  };

  return (
    <Page title={t('signIn.title')}>
      <form className="form card" onSubmit={submit} noValidate={false}>
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
        <TextField
          label={t('fields.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={problem?.fields.password}
        />
        <button type="submit" className="button button--primary" disabled={signIn.isPending}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('signIn.forgot')}</Link>
      </p>
      <p>
        {t('signIn.noAccount')}{' '}
        <Link to="/register" search={{ next }}>
          {t('signIn.register')}
        </Link>
      </p>
    </Page>
  );
}
