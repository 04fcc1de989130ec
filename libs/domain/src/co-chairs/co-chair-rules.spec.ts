import { Candidate, planAppointment, SittingTerm } from './co-chair-rules';

const term = (
  id: string,
  organisationId: string,
  constituency: SittingTerm['constituency'],
  startsOn = '2027-01-01',
): SittingTerm => ({
  id,
  membershipId: `m-${id}`,
  organisationId,
  constituency,
  startsOn,
  createdAt: `${startsOn}T00:00:00.000Z`,
});
const company: Candidate = {
  membershipId: 'new',
  organisationId: 'org-c',
  organisationKind: 'company',
  constituency: 'company',
};
const ngo: Candidate = {
  membershipId: 'new',
  organisationId: 'org-n',
  organisationKind: 'womens_group',
  constituency: 'civil_society',
};

describe('planAppointment under company_and_civil_society', () => {
  const p = 'company_and_civil_society' as const;

  it('accepts a fitting organisation kind for an empty seat', () => {
    expect(planAppointment(p, company, [], false)).toEqual({ ok: true, endTermIds: [] });
    expect(planAppointment(p, ngo, [term('a', 'org-x', 'company')], false)).toEqual({
      ok: true,
      endTermIds: [],
    });
  });

  it('refuses an organisation kind that does not fit the constituency (400)', () => {
    expect(planAppointment(p, { ...company, organisationKind: 'public_security' }, [], false)).toMatchObject({
      ok: false,
      status: 400,
      field: 'constituency',
    });
    expect(planAppointment(p, { ...ngo, constituency: 'company' }, [], false)).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it('refuses a second co-chair for the same seat (409) unless replace, which ends the sitting term', () => {
    const sitting = [term('a', 'org-other', 'company'), term('b', 'org-n2', 'civil_society')];
    expect(planAppointment(p, company, sitting, false)).toMatchObject({ ok: false, status: 409 });
    expect(planAppointment(p, company, sitting, true)).toEqual({ ok: true, endTermIds: ['a'] });
  });

  it('refuses a second sitting co-chair from the same organisation', () => {
    expect(planAppointment(p, company, [term('a', 'org-c', 'company')], false)).toMatchObject({
      ok: false,
      status: 409,
    });
  });

  it('refuses to appoint a member who already sits', () => {
    const t = { ...term('a', 'org-c', 'company'), membershipId: 'new' };
    expect(planAppointment(p, company, [t], true)).toMatchObject({ ok: false, status: 409 });
  });
});

describe('planAppointment under any_two_organisations', () => {
  const p = 'any_two_organisations' as const;
  const police: Candidate = {
    membershipId: 'new',
    organisationId: 'org-p',
    organisationKind: 'public_security',
    constituency: 'civil_society',
  };

  it('accepts any organisation kind, up to two sitting co-chairs', () => {
    expect(planAppointment(p, police, [term('a', 'org-x', 'civil_society')], false)).toEqual({
      ok: true,
      endTermIds: [],
    });
  });

  it('refuses a third co-chair (409) and, with replace, ends the same-constituency term', () => {
    const sitting = [
      term('a', 'org-x', 'company', '2026-01-01'),
      term('b', 'org-y', 'civil_society', '2026-06-01'),
    ];
    expect(planAppointment(p, police, sitting, false)).toMatchObject({ ok: false, status: 409 });
    expect(planAppointment(p, police, sitting, true)).toEqual({ ok: true, endTermIds: ['b'] });
  });

  it('with replace and no same-constituency term, ends the longest-serving term', () => {
    const sitting = [
      term('late', 'org-x', 'company', '2026-06-01'),
      term('early', 'org-y', 'company', '2026-01-01'),
    ];
    expect(planAppointment(p, police, sitting, true)).toEqual({ ok: true, endTermIds: ['early'] });
  });

  it('never two from one organisation; replace hands over within the organisation', () => {
    const sitting = [term('a', 'org-p', 'company'), term('b', 'org-y', 'civil_society')];
    expect(planAppointment(p, police, sitting, false)).toMatchObject({ ok: false, status: 409 });
    expect(planAppointment(p, police, sitting, true)).toEqual({ ok: true, endTermIds: ['a'] });
  });
});
