import { describe, expect, it } from 'vitest';
import { testI18n } from '@/test/i18n';
import type { Agreement } from './api';
import { describeRecurrence, nestAgreements, reviewReminders } from './agreement-logic';

const agreement = (id: string, parentAgreementId: string | null = null) =>
  ({ id, parentAgreementId, title: id }) as Agreement;

describe('nestAgreements', () => {
  it('puts a site agreement under its national MoU, and keeps the order', () => {
    const tree = nestAgreements([agreement('site', 'mou'), agreement('mou'), agreement('other')]);
    expect(tree.map((n) => n.agreement.id)).toEqual(['mou', 'other']);
    expect(tree[0].children.map((n) => n.agreement.id)).toEqual(['site']);
  });

  it('leaves a child whose parent the caller cannot see at the top', () => {
    const tree = nestAgreements([agreement('site', 'hidden')]);
    expect(tree.map((n) => n.agreement.id)).toEqual(['site']);
  });
});

describe('reviewReminders', () => {
  it('are 60, 30 and 7 days before, upcoming until their day', () => {
    expect(reviewReminders('2027-03-01', '2027-01-30')).toEqual([
      { daysBefore: 60, on: '2026-12-31', upcoming: false },
      { daysBefore: 30, on: '2027-01-30', upcoming: false },
      { daysBefore: 7, on: '2027-02-22', upcoming: true },
    ]);
  });
});

describe('describeRecurrence', () => {
  it('says a quarterly rule in words, in English and French', async () => {
    const en = await testI18n('en', ['common', 'agreements']);
    expect(describeRecurrence('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1', en.t, 'en-GB')).toBe(
      'Every 3 months, on day 1',
    );
    expect(describeRecurrence('FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4', en.t, 'en-GB')).toBe(
      'Every week, on Monday and Thursday, 4 times',
    );
    const fr = await testI18n('fr', ['common', 'agreements']);
    expect(describeRecurrence('FREQ=YEARLY', fr.t, 'fr-FR')).toBe('Chaque année');
  });

  it('shows a rule it cannot say as the rule itself', async () => {
    const en = await testI18n('en', ['common', 'agreements']);
    expect(describeRecurrence('FREQ=MONTHLY;BYSETPOS=-1;BYDAY=FR', en.t, 'en-GB')).toBe(
      'FREQ=MONTHLY;BYSETPOS=-1;BYDAY=FR',
    );
  });
});
