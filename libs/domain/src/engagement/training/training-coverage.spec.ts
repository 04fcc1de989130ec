import { trainingCoverage } from './training-coverage';
import { minimumTopics } from './training-topics.catalogue';

describe('trainingCoverage', () => {
  const force = (asOf: string, headcount: number) => ({ siteId: 's', headcount, asOf, nextRotationOn: null });
  const session = (heldOn: string, total: number, topics: string[] = [], women = 0) => ({
    heldOn,
    total,
    women,
    topics,
  });

  it('counts only sessions since the last rotation against the assigned headcount', () => {
    const c = trainingCoverage(
      '3rd',
      [force('2027-01-01', 25), force('2027-03-01', 15)],
      [session('2027-02-01', 20), session('2027-03-01', 18, [], 4), session('2027-04-10', 12, [], 3)],
    );
    expect(c).toMatchObject({
      lastRotationOn: '2027-03-01',
      headcount: 40,
      trainedSinceRotation: 30,
      womenSinceRotation: 7,
      ratio: 0.75,
    });
  });

  it('lists the minimum topics of the edition covered and missing', () => {
    const c = trainingCoverage(
      '2nd',
      [],
      [session('2027-01-01', 5, ['first_aid', 'use_of_force', 'crowd_management'])],
    );
    expect(c.headcount).toBeNull();
    expect(c.ratio).toBeNull();
    expect(c.topicsCovered).toEqual(['use_of_force', 'first_aid']);
    expect(c.topicsMissing).toEqual(
      minimumTopics('2nd').filter((k) => !['use_of_force', 'first_aid'].includes(k)),
    );
  });

  it('the editions differ: first aid is a minimum topic of the 2nd only, gender of the 3rd only', () => {
    expect(minimumTopics('2nd')).toContain('first_aid');
    expect(minimumTopics('3rd')).not.toContain('first_aid');
    expect(minimumTopics('3rd')).toContain('gender_and_sgbv');
    expect(minimumTopics('2nd')).not.toContain('gender_and_sgbv');
  });

  it('a zero headcount gives no ratio rather than a division by zero', () => {
    expect(trainingCoverage('3rd', [force('2027-01-01', 0)], [session('2027-02-01', 3)]).ratio).toBeNull();
  });
});
