/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { INestApplicationContext } from '@nestjs/common';
import { AgreementJobs } from '@roundtable/domain';
import {
  addDays,
  agreementInForce,
  agreementWorld,
  AgreementWorld,
  agreeVersion,
  createAgreement,
  signAll,
  todayIn,
} from './support/agreements';
import { createTestWorker } from './support/realtime';
import { createTestApp, expectProblem, TestApp, TestUser } from './support/test-app';

// GET /groups/{groupId}/agreements/indicators against a seeded set with known answers, for a
// party member (who sees everything), members who see the parties agreement not at all and the
// summary agreement's content not at all, and an NGO whose own restricted report only it sees.
describe('agreement indicators', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let w: AgreementWorld;

  const post = (path: string, u: TestUser, body: Record<string, unknown>) =>
    t.api().post(`/api/v1${path}`).set(u.auth).send(body);
  const indicators = (u: TestUser) =>
    t.api().get(`/api/v1/groups/${w.groupId}/agreements/indicators`).set(u.auth);

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker({ AGREEMENT_JOBS_INTERVAL_MS: '3600000' });
    w = await agreementWorld(t);
    const jobs = worker.get(AgreementJobs);
    const run = (id: string) => jobs.runFor(id);
    const today = await todayIn(t);
    const site = async (name: string, publicSecurityPresent: boolean) =>
      (
        await post(`/groups/${w.groupId}/sites`, w.mine, {
          name,
          kind: 'mine',
          operatorOrganisationId: w.orgs.mine,
          publicSecurityPresent,
        })
      ).body.id as string;
    const [s1, s2, s3, s4, s5] = [
      await site('S1', true),
      await site('S2', true),
      await site('S3', true),
      await site('S4', false),
      await site('S5', true),
    ];

    // A: group, in force since 2020, review overdue, full coverage, at S1.
    const a = await agreementInForce(t, w, run, { title: 'A', visibility: 'group', siteIds: [s1] });
    // B: summary, in force since 10 days, clauses a–e only, at S2 and S4 (no public security there).
    const b = await createAgreement(t, w, w.mine, {
      title: 'B',
      visibility: 'summary',
      siteIds: [s2, s4],
      effectiveFrom: addDays(today, -10),
    });
    const vb = (await t.api().get(`/api/v1/agreement-versions/${b.body.currentVersion.id}`).set(w.mine.auth))
      .body;
    await t
      .api()
      .put(`/api/v1/agreement-versions/${vb.id}`)
      .set(w.mine.auth)
      .send({
        clauses: vb.clauses.slice(0, 5).map((c: any) => ({ key: c.key, heading: c.heading, body: c.body })),
        expectedRevision: 1,
      });
    await agreeVersion(t, w, vb.id);
    await signAll(t, w, vb.id, addDays(today, -10));
    await run(b.id);
    // C: parties only, in force since 2020 (review overdue), at S5.
    const c = await agreementInForce(t, w, run, { title: 'C', visibility: 'parties', siteIds: [s5] });
    // D: group, still a draft, at S3.
    await createAgreement(t, w, w.mine, { title: 'D', visibility: 'group', siteIds: [s3] });
    // E: group, in force, then under review after a "revise" review (next review a year away).
    const e = await agreementInForce(t, w, run, { title: 'E', visibility: 'group' });
    expect(
      (await post(`/agreements/${e.id}/reviews`, w.police, { outcome: 'revise', note: 'Revise' })).status,
    ).toBe(201);

    // Obligations: A met, A overdue, A open (due later); B overdue; C met.
    const obligation = async (agreementId: string, dueDate: string, status?: string) => {
      const res = await post(`/agreements/${agreementId}/obligations`, w.mine, {
        clauseKey: 'd',
        title: 'Obligation',
        responsibleOrganisationId: w.orgs.police,
        dueDate,
      });
      if (status) await post(`/obligations/${res.body.id}/progress`, w.police, { note: 'Done', status });
    };
    await obligation(a.id, addDays(today, -30), 'met');
    await obligation(a.id, addDays(today, -1));
    await obligation(a.id, addDays(today, 30));
    await obligation(b.id, addDays(today, -5));
    await obligation(c.id, addDays(today, -5), 'met');

    // Reports, their acknowledgement and resolution backdated to known durations.
    const report = async (
      agreementId: string,
      by: TestUser,
      steps: string[],
      days: { ack?: number; resolved?: number },
      extra: Record<string, unknown> = {},
    ) => {
      const res = await post(`/agreements/${agreementId}/non-compliance`, by, {
        clauseKeys: ['a'],
        description: 'Breach',
        severity: 'medium',
        confidentiality: 'group',
        ...extra,
      });
      expect(res.status).toBe(201);
      for (const to of steps)
        expect((await post(`/non-compliance/${res.body.id}/status`, w.police, { to, note: to })).status).toBe(
          200,
        );
      await t.ds.query(
        `UPDATE non_compliance_reports SET created_at = created_at - interval '30 days',
           acknowledged_at = CASE WHEN acknowledged_at IS NULL THEN NULL ELSE created_at - interval '30 days' + make_interval(days => $2) END,
           resolved_at = CASE WHEN resolved_at IS NULL THEN NULL ELSE created_at - interval '30 days' + make_interval(days => $3) END
         WHERE id = $1`,
        [res.body.id, days.ack ?? 0, days.resolved ?? 0],
      );
    };
    await report(a.id, w.ngo, [], {}); // n1: open
    await report(a.id, w.ngo, ['acknowledged'], { ack: 2 }); // n2: open, acknowledged after 2 days
    await report(a.id, w.local, ['acknowledged', 'action_agreed', 'resolved'], { ack: 1, resolved: 5 }); // n3
    await report(b.id, w.ngo, ['dismissed'], {}); // n4: closed, never acknowledged
    await report(
      c.id,
      w.mine,
      ['acknowledged', 'raised_with_authorities', 'action_agreed', 'resolved'],
      { ack: 4, resolved: 10 },
      { confidentiality: 'restricted', sharedWithOrganisationIds: [w.orgs.police] },
    ); // n5: parties agreement
    await post(`/agreements/${a.id}/non-compliance`, w.ngo, {
      clauseKeys: ['c'],
      description: 'Only the NGO knows',
      severity: 'critical',
      confidentiality: 'restricted',
    }); // n6: the NGO's own
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const coverage = (full: number, partial: number) =>
    ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((key, i) => {
      const n = i < 5 ? full : partial;
      return { key, agreements: n, share: Math.round((n / full) * 1000) / 1000 };
    });

  it('counts everything for a party member', async () => {
    const res = await indicators(w.police);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      agreementsInForce: 4, // A, B, C, E (under review still applies); D is a draft
      sites: { withPublicSecurity: 4, withAgreementInForce: 3, share: 0.75 }, // S1, S2, S5 of S1, S2, S3, S5
      clauseCoverage: coverage(4, 3), // B lacks f–j
      reviewsOverdue: 2, // A and C
      obligations: { total: 5, met: 2, overdue: 2 },
      nonCompliance: { open: 2, closed: 3, medianDaysToAcknowledge: 2, medianDaysToResolve: 7.5 },
    });
  });

  it.each([
    ['a non-party member', 'local'],
    ['the focal point', 'focal'],
  ] as const)(
    'counts only what %s may see: no parties agreement, no summary content',
    async (_label, who) => {
      const res = await indicators(w[who]);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        agreementsInForce: 3, // A, B, E
        sites: { withPublicSecurity: 4, withAgreementInForce: 2, share: 0.5 },
        clauseCoverage: coverage(3, 2),
        reviewsOverdue: 1, // A
        obligations: { total: 3, met: 1, overdue: 1 }, // A's only: B's are content
        nonCompliance: { open: 2, closed: 2, medianDaysToAcknowledge: 1.5, medianDaysToResolve: 5 },
      });
    },
  );

  it('counts the reporting organisation’s own restricted report for it alone', async () => {
    const res = await indicators(w.ngo);
    expect(res.body.nonCompliance).toEqual({
      open: 3,
      closed: 2,
      medianDaysToAcknowledge: 1.5,
      medianDaysToResolve: 5,
    });
    expect(res.body.agreementsInForce).toBe(3);
  });

  it('is 404 for outsiders', async () => {
    expectProblem(await indicators(w.outsider), 404);
  });
});
