import { missingKinds, RECOMMENDED_KINDS } from './stakeholder-map.service';

describe('missingKinds', () => {
  it('lists every recommended kind for an empty group', () =>
    expect(missingKinds([])).toEqual([...RECOMMENDED_KINDS]));
  it('drops represented kinds and ignores kinds the toolkit does not list', () =>
    expect(missingKinds(['company', 'civil_society', 'other', 'international_organisation'])).toEqual([
      'public_security',
      'host_government',
      'local_authority',
      'womens_group',
      'indigenous_peoples',
    ]));
});
