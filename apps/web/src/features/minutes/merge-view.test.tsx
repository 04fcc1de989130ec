import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { testI18n } from '@/test/i18n';
import type { MinutesFields } from './merge';
import { MergeView } from './merge-view';

let i18n: Awaited<ReturnType<typeof testI18n>>;
beforeAll(async () => {
  i18n = await testI18n('en', ['common', 'minutes']);
});

const base: MinutesFields = { body: 'Opening.', keyIssues: ['Checkpoints'], decisions: [] };
const mine: MinutesFields = {
  body: 'Opening. My notes on the roadblocks.',
  keyIssues: ['Checkpoints'],
  decisions: ['Write to the governor'],
};
const theirs: MinutesFields = {
  body: 'Opening. The co-chair’s summary.',
  keyIssues: ['Checkpoints', 'Arrests'],
  decisions: [],
};

const show = (onSave: (m: MinutesFields) => void) =>
  render(
    <I18nextProvider i18n={i18n}>
      <MergeView base={base} mine={mine} theirs={theirs} theirsBy="Grace" onSave={onSave} />
    </I18nextProvider>,
  );

describe('MergeView (stale save)', () => {
  it('explains, merges one-sided changes and keeps my text for a conflict unless I choose', async () => {
    const onSave = vi.fn();
    show(onSave);
    expect(
      screen.getByText(/Grace saved the minutes while you were writing\. Nothing you typed is lost\./),
    ).toBeVisible();
    expect(screen.getByText(/One part was changed by both of you/)).toBeVisible();
    const body = screen.getByRole('group', { name: /Text of the minutes — changed by both/ });
    expect(within(body).getByText('Opening. The co-chair’s summary.', { selector: 'pre' })).toBeVisible();
    expect(within(body).getByText('Opening. My notes on the roadblocks.', { selector: 'pre' })).toBeVisible();
    expect(within(body).getByRole('radio', { name: 'Keep mine' })).toBeChecked();

    await userEvent.click(screen.getByRole('button', { name: 'Save the merged minutes' }));
    expect(onSave).toHaveBeenLastCalledWith({
      body: 'Opening. My notes on the roadblocks.', // conflict: mine by default
      keyIssues: ['Checkpoints', 'Arrests'], // only they changed it
      decisions: ['Write to the governor'], // only I changed it
    });
  });

  it('lets me keep theirs for one field, or edit the merge', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn();
    show(onSave);
    const body = screen.getByRole('group', { name: /Text of the minutes/ });
    await user.click(within(body).getByRole('radio', { name: 'Keep theirs' }));
    const merged = within(body).getByLabelText('Merged Text of the minutes (you may edit it)');
    expect(merged).toHaveValue('Opening. The co-chair’s summary.');
    await user.type(merged, ' Plus my notes on the roadblocks.');
    await user.click(screen.getByRole('button', { name: 'Save the merged minutes' }));
    expect(onSave).toHaveBeenLastCalledWith(
      expect.objectContaining({ body: 'Opening. The co-chair’s summary. Plus my notes on the roadblocks.' }),
    );
  });
});
