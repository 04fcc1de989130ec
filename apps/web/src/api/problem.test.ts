import { describe, expect, it } from 'vitest';
import { testI18n } from '@/test/i18n';
import { ApiProblem, describeProblem } from './problem';

async function translator(language: string) {
  const i18n = await testI18n(language, ['common', 'auth']);
  return i18n.t.bind(i18n);
}

const conflict = new ApiProblem({
  status: 409,
  type: 'https://roundtable.dev/problems/conflict',
  title: 'Conflict',
  detail: 'an organisation with this name exists already',
});

describe('describeProblem', () => {
  it('turns the problem type and status into text in the user’s language', async () => {
    expect(describeProblem(conflict, await translator('en')).message).toBe(
      'This conflicts with a change made meanwhile. Reload and try again.',
    );
    expect(describeProblem(conflict, await translator('fr')).message).toBe(
      'Ceci entre en conflit avec une modification faite entre-temps. Rechargez et réessayez.',
    );
    expect(describeProblem(conflict, await translator('sw')).message).toMatch(/^Hili linakinzana/);
  });

  it('lets a screen name its own text for a status', async () => {
    const t = await translator('fr');
    const refused = new ApiProblem({ status: 401, type: 'https://roundtable.dev/problems/unauthorized' });
    expect(describeProblem(refused, t, { 401: 'auth:signIn.refused' }).message).toBe(
      "L'adresse e-mail ou le mot de passe est incorrect.",
    );
  });

  it('puts field errors next to their fields', async () => {
    const t = await translator('en');
    const invalid = new ApiProblem({
      status: 400,
      type: 'https://roundtable.dev/problems/bad-request',
      errors: [
        { field: 'password', message: 'password must be at least 12 characters' },
        { field: 'nickname', message: 'unknown field' },
      ],
    });
    const text = describeProblem(invalid, t);
    expect(text.message).toBe('Some of the information is not valid. Check the highlighted fields.');
    expect(text.fields).toEqual({
      password: 'Not accepted: password must be at least 12 characters',
      nickname: 'This field is not expected.',
    });
  });

  it('falls back to the status, then to a generic text; no answer at all is a network problem', async () => {
    const t = await translator('en');
    expect(describeProblem(new ApiProblem({ status: 404, type: 'about:blank' }), t).message).toBe(
      'This was not found, or you may not see it.',
    );
    expect(describeProblem(new ApiProblem({ status: 418 }), t).message).toBe(
      'That did not work. Please try again.',
    );
    expect(describeProblem(new ApiProblem({ status: 0 }), t).message).toMatch(/could not be reached/);
    expect(describeProblem(new TypeError('Failed to fetch'), t).message).toMatch(/could not be reached/);
  });
});
