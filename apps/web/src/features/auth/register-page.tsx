import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { FormError, Page, TextField } from '@/components';
import { useRegister } from './api';

export const MIN_PASSWORD_LENGTH = 12;

export function RegisterPage() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const { next } = useSearch({ from: '/public/register' });
  const register = useRegister();
  const [form, setForm] = useState({ displayName: '', email: '', password: '' });
  const problem = register.error
    ? describeProblem(register.error, t, { 409: 'auth:register.taken', 403: 'auth:register.closed' })
    : null;
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate(form, { onSuccess: () => void navigate({ to: next ?? '/' }) });
  };

  return (
    <Page title={t('register.title')}>
      <form className="form card" onSubmit={submit}>
        <FormError message={problem?.message} />
        <TextField
          label={t('fields.displayName')}
          name="displayName"
          autoComplete="name"
          required
          maxLength={120}
          value={form.displayName}
          onChange={set('displayName')}
          error={problem?.fields.displayName}
        />
        <TextField
          label={t('fields.email')}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={problem?.fields.email}
        />
        <TextField
          label={t('fields.password')}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={t('register.passwordHint', { count: MIN_PASSWORD_LENGTH })}
          value={form.password}
          onChange={set('password')}
          error={problem?.fields.password}
        />
        <button type="submit" className="button button--primary" disabled={register.isPending}>
          {t('register.submit')}
        </button>
      </form>
      <p>
        {t('register.haveAccount')}{' '}
        <Link to="/sign-in" search={{ next }}>
          {t('register.signIn')}
        </Link>
      </p>
    </Page>
  );
}
