import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { testI18n } from '@/test/i18n';
import { fromRrule, toRrule, type RuleForm } from './recurrence';
import { RuleBuilder } from './rule-builder';

let i18n: Awaited<ReturnType<typeof testI18n>>;
beforeAll(async () => {
  i18n = await testI18n('en', ['common', 'meetings']);
});

// The builder as a series form holds it: the stored RRULE in, the RRULE written out.
function Harness({
  rrule,
  zone = 'Europe/Paris',
  onRule,
}: {
  rrule: string;
  zone?: string;
  onRule?: (r: string) => void;
}) {
  const [rule, setRule] = useState<RuleForm>(() => fromRrule(rrule));
  return (
    <RuleBuilder
      value={rule}
      onChange={(next) => {
        setRule(next);
        onRule?.(toRrule(next));
      }}
      startDate="2027-02-01"
      startTime="10:00"
      timezone={zone}
    />
  );
}

const renderBuilder = (props: Parameters<typeof Harness>[0]) =>
  render(
    <I18nextProvider i18n={i18n}>
      <Harness {...props} />
    </I18nextProvider>,
  );

describe('RuleBuilder', () => {
  it('shows a stored rule in the form, and the next meetings in the group zone across DST', () => {
    renderBuilder({ rrule: 'FREQ=MONTHLY;BYDAY=1TU' });
    expect(screen.getByLabelText('Repeats')).toHaveValue('monthlyWeekday');
    expect(screen.getByLabelText('Which')).toHaveValue('1');
    expect(screen.getByLabelText('Weekday')).toHaveValue('TU');
    expect(screen.getByText('FREQ=MONTHLY;BYDAY=1TU')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Next meetings (Europe/Paris)' });
    const items = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items.slice(0, 3)).toEqual([
      'Tue, 2 Feb 2027, 10:00 (Europe/Paris)',
      'Tue, 2 Mar 2027, 10:00 (Europe/Paris)',
      'Tue, 6 Apr 2027, 10:00 (Europe/Paris)', // after the change to summer time: still 10:00
    ]);
    // …and the instants really differ by the offset change (09:00Z, then 08:00Z).
    const times = within(list)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('time')?.getAttribute('dateTime'));
    expect(times.slice(1, 3)).toEqual(['2027-03-02T09:00:00.000Z', '2027-04-06T08:00:00.000Z']);
  });

  it('writes the RRULE as the form changes: last Thursday, then every 4 weeks', async () => {
    const written: string[] = [];
    const user = userEvent.setup();
    renderBuilder({ rrule: 'FREQ=MONTHLY;BYDAY=1TU', onRule: (r) => written.push(r) });
    await user.selectOptions(screen.getByLabelText('Which'), 'Last');
    await user.selectOptions(screen.getByLabelText('Weekday'), 'Thursday');
    expect(written.at(-1)).toBe('FREQ=MONTHLY;BYDAY=-1TH');
    expect(screen.getAllByRole('listitem')[0]).toHaveTextContent('Thu, 25 Feb 2027, 10:00 (Europe/Paris)');

    await user.selectOptions(screen.getByLabelText('Repeats'), 'Every few weeks');
    expect(written.at(-1)).toBe('FREQ=WEEKLY;INTERVAL=4;BYDAY=TH');
    expect(screen.getByLabelText('Every how many weeks')).toHaveValue(4);
    expect(
      screen
        .getAllByRole('listitem')
        .slice(0, 2)
        .map((li) => li.textContent),
    ).toEqual(['Thu, 4 Feb 2027, 10:00 (Europe/Paris)', 'Thu, 4 Mar 2027, 10:00 (Europe/Paris)']);
  });

  it('keeps a rule it cannot express as written, without inventing a preview', () => {
    renderBuilder({ rrule: 'FREQ=MONTHLY;BYDAY=TU,TH;BYSETPOS=1' });
    expect(screen.getByLabelText('Repeats')).toHaveValue('custom');
    expect(screen.getByLabelText(/^Recurrence rule/)).toHaveValue('FREQ=MONTHLY;BYDAY=TU,TH;BYSETPOS=1');
    expect(screen.queryByRole('list')).toBeNull();
  });
});
