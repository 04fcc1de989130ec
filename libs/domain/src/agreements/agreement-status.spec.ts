import {
  AGREEMENT_STATUSES,
  AgreementStatus,
  planAgreementTransition,
  requestableTransitions,
  TERMINAL_AGREEMENT_STATUSES,
} from './agreement-status';

describe('agreement status machine', () => {
  it.each([
    ['draft', 'negotiating'],
    ['draft', 'abandoned'],
    ['negotiating', 'abandoned'],
    ['signed', 'terminated'],
    ['in_force', 'under_review'],
    ['under_review', 'in_force'],
    ['in_force', 'suspended'],
    ['suspended', 'in_force'],
    ['in_force', 'terminated'],
    ['under_review', 'terminated'],
    ['suspended', 'terminated'],
  ] as [AgreementStatus, AgreementStatus][])('a party may move %s → %s', (from, to) =>
    expect(planAgreementTransition(from, to, 'request')).toEqual({ ok: true }),
  );

  it.each([
    ['negotiating', 'signed', 'every party whose signature is required'],
    ['signed', 'in_force', 'effectiveFrom'],
    ['in_force', 'expired', 'expiresOn'],
  ] as [AgreementStatus, AgreementStatus, string][])(
    '%s → %s happens only by itself (%s)',
    (from, to, why) => {
      expect(planAgreementTransition(from, to, 'system')).toEqual({ ok: true });
      const refused = planAgreementTransition(from, to, 'request');
      expect(refused).toMatchObject({ ok: false, detail: expect.stringContaining(why) });
    },
  );

  it.each([
    ['draft', 'signed'],
    ['draft', 'in_force'],
    ['negotiating', 'in_force'],
    ['signed', 'negotiating'],
    ['signed', 'abandoned'],
    ['in_force', 'draft'],
    ['in_force', 'abandoned'],
    ['suspended', 'under_review'],
    ['under_review', 'suspended'],
    ['draft', 'expired'],
  ] as [AgreementStatus, AgreementStatus][])('%s → %s is illegal for anyone', (from, to) => {
    expect(planAgreementTransition(from, to, 'request')).toMatchObject({ ok: false });
    expect(planAgreementTransition(from, to, 'system')).toMatchObject({ ok: false });
  });

  it('never leaves a terminal status', () => {
    for (const from of TERMINAL_AGREEMENT_STATUSES) {
      for (const to of AGREEMENT_STATUSES) {
        expect(planAgreementTransition(from, to, 'system')).toMatchObject({ ok: false });
      }
      expect(requestableTransitions(from)).toEqual([]);
    }
  });

  it('refuses a move to the current status', () =>
    expect(planAgreementTransition('in_force', 'in_force', 'request')).toEqual({
      ok: false,
      detail: 'The agreement is already in_force',
    }));

  it('names what is possible when refusing', () =>
    expect(planAgreementTransition('draft', 'suspended', 'request')).toEqual({
      ok: false,
      detail: 'An agreement cannot go from draft to suspended (from draft: negotiating, abandoned)',
    }));
});
