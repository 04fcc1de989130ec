import {
  auditOf,
  eventsOf,
  GroupFixture,
  groupFixture,
  insertIncident,
  insertMeeting,
  insertRecommendation,
  insertSeries,
} from './support/agenda-fixtures';
import { createTestApp, expectProblem, TestApp, TestUser } from './support/test-app';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

describe('agendas', () => {
  let t: TestApp;
  let f: GroupFixture;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    f = await groupFixture(t);
  });

  const agenda = (u: TestUser, meetingId: string) =>
    t.api().get(`/api/v1/meetings/${meetingId}/agenda`).set(u.auth);
  const addItem = (u: TestUser, meetingId: string, body: Record<string, unknown>) =>
    t.api().post(`/api/v1/meetings/${meetingId}/agenda/items`).set(u.auth).send(body);
  const item = (
    u: TestUser,
    method: 'post' | 'patch' | 'delete',
    path: string,
    body?: Record<string, unknown>,
  ) => t.api()[method](`/api/v1/agenda-items/${path}`).set(u.auth).send(body);

  it('starts every agenda with the two standing items, created once on first access', async () => {
    const meetingId = await insertMeeting(t, f.group.id, inDays(5));
    const [first, second] = await Promise.all([agenda(f.focal, meetingId), agenda(f.observer, meetingId)]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body).toEqual(expect.objectContaining({ meetingId, status: 'draft', publishedAt: null }));
    expect(
      first.body.items.map((i: { kind: string; title: string; standing: boolean; status: string }) => [
        i.kind,
        i.title,
        i.standing,
        i.status,
      ]),
    ).toEqual([
      ['incident_roundtable', 'Security incident updates', true, 'accepted'],
      ['recommendation_review', 'Follow-up of recommendations', true, 'accepted'],
    ]);
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual(
      first.body.items.map((i: { id: string }) => i.id),
    );
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM agenda_items WHERE meeting_id = $1`, [
      meetingId,
    ]);
    expect(n).toBe(2);
    // Reading is not a change.
    expect(await eventsOf(t, f.group.id, 'agenda.updated')).toEqual([]);
  });

  it('hides agendas from outsiders and unknown meetings (404)', async () => {
    const meetingId = await insertMeeting(t, f.group.id, inDays(5));
    expectProblem(await agenda(f.outsider, meetingId), 404);
    expectProblem(await agenda(f.focal, '00000000-0000-4000-8000-000000000000'), 404);
    expectProblem(await agenda(f.focal, 'not-a-uuid'), 404);
    expectProblem(await addItem(f.outsider, meetingId, { title: 'x' }), 404);
    const { body } = await agenda(f.focal, meetingId);
    expectProblem(await item(f.outsider, 'patch', body.items[0].id, { title: 'x' }), 404);
    expectProblem(await item(f.outsider, 'post', `${body.items[0].id}/defer`), 404);
    expectProblem(
      await t.api().post(`/api/v1/meetings/${meetingId}/agenda/publish`).set(f.outsider.auth),
      404,
    );
  });

  it('lists incidents reported since the previous meeting, filtered by what each caller may see', async () => {
    await insertMeeting(t, f.group.id, inDays(-10));
    await insertMeeting(t, f.group.id, inDays(-3), { status: 'cancelled' }); // a cancelled meeting does not close the window
    const meetingId = await insertMeeting(t, f.group.id, inDays(5));
    await insertIncident(t, f.group.id, f.focal, f.orgs.company, {
      title: 'Before the previous meeting',
      createdAt: inDays(-20),
    });
    const open = await insertIncident(t, f.group.id, f.focal, f.orgs.company, {
      title: 'Road blockade',
      createdAt: inDays(-5),
    });
    const restricted = await insertIncident(t, f.group.id, f.member, f.orgs.police, {
      title: 'Arrest at the gate',
      confidentiality: 'restricted',
    });
    const shared = await insertIncident(t, f.group.id, f.member, f.orgs.police, {
      title: 'Shared with the NGO',
      confidentiality: 'restricted',
      sharedWith: [f.orgs.ngo],
    });
    await insertIncident(t, f.group.id, f.focal, f.orgs.company, {
      title: 'After the meeting',
      createdAt: inDays(6),
    });

    const roundtable = async (u: TestUser) => {
      const res = await agenda(u, meetingId);
      expect(res.status).toBe(200);
      return res.body.items.find((i: { kind: string }) => i.kind === 'incident_roundtable');
    };
    const focalView = await roundtable(f.focal);
    expect(focalView.incidentIds).toEqual([open]);
    expect(focalView.incidents).toEqual([
      expect.objectContaining({ id: open, title: 'Road blockade', severity: 'high' }),
    ]);
    expect(JSON.stringify(focalView)).not.toContain('Arrest');
    expect((await roundtable(f.member)).incidentIds).toEqual([open, restricted, shared]);
    expect((await roundtable(f.coChair)).incidentIds).toEqual([open, shared]);
    expect((await roundtable(f.observer)).incidentIds).toEqual([open, restricted, shared]); // same organisation as the reporter
  });

  it("links the review item to the group's open and overdue recommendations", async () => {
    const meetingId = await insertMeeting(t, f.group.id, inDays(5));
    const overdue = await insertRecommendation(t, f.group.id, {
      title: 'Train guards',
      dueDate: '2020-01-01',
    });
    const inProgress = await insertRecommendation(t, f.group.id, {
      title: 'Grievance desk',
      dueDate: '2099-01-01',
      status: 'in_progress',
    });
    await insertRecommendation(t, f.group.id, {
      title: 'Done already',
      dueDate: '2020-01-01',
      status: 'implemented',
    });
    const other = await groupFixture(t);
    await insertRecommendation(t, other.group.id, { title: 'Other group', dueDate: '2020-01-01' });

    const res = await agenda(f.member, meetingId);
    const review = res.body.items.find((i: { kind: string }) => i.kind === 'recommendation_review');
    expect(review.recommendations).toEqual([
      expect.objectContaining({ id: overdue, status: 'open', dueDate: '2020-01-01', overdue: true }),
      expect.objectContaining({ id: inProgress, status: 'in_progress', overdue: false }),
    ]);
  });

  it('accepts items added by the focal point or a co-chair, takes proposals from members, refuses observers', async () => {
    const meetingId = await insertMeeting(t, f.group.id, inDays(5));
    const byFocal = await addItem(f.focal, meetingId, {
      title: 'Artisanal miners',
      kind: 'challenge',
      durationMinutes: 30,
      presenterMemberId: f.memberIds.member,
    });
    expect(byFocal.status).toBe(201);
    expect(byFocal.body).toEqual(
      expect.objectContaining({
        status: 'accepted',
        kind: 'challenge',
        durationMinutes: 30,
        presenterMemberId: f.memberIds.member,
        position: 3,
        standing: false,
      }),
    );
    const byCoChair = await addItem(f.coChair, meetingId, {
      title: 'Women in security',
      kind: 'presentation',
    });
    expect(byCoChair.body.status).toBe('accepted');
    const byMember = await addItem(f.member, meetingId, { title: 'Checkpoint conduct' });
    expect(byMember.status).toBe(201);
    expect(byMember.body).toEqual(
      expect.objectContaining({ status: 'proposed', kind: 'other', proposedByMemberId: f.memberIds.member }),
    );
    expectProblem(await addItem(f.observer, meetingId, { title: 'Observer item' }), 403);

    const list = await agenda(f.observer, meetingId);
    expect(list.body.items.map((i: { title: string }) => i.title)).toEqual([
      'Security incident updates',
      'Follow-up of recommendations',
      'Artisanal miners',
      'Women in security',
      'Checkpoint conduct',
    ]);
    const events = await eventsOf(t, f.group.id, 'agenda.updated');
    expect(events.map((e) => e.data.action)).toEqual(['item_added', 'item_added', 'item_proposed']);
    expect(await auditOf(t, f.group.id, 'agenda.updated')).toHaveLength(3);
  });

  it('rejects invalid items with field errors', async () => {
    const meetingId = await insertMeeting(t, f.group.id, inDays(5));
    for (const [body, field] of [
      [{}, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: 'x', kind: 'party' }, 'kind'],
      [{ title: 'x', durationMinutes: 0 }, 'durationMinutes'],
      [{ title: 'x', colour: 'red' }, 'colour'],
      [{ title: 'x', incidentIds: ['nope'] }, 'incidentIds'],
      [{ title: 'x', presenterMemberId: '11111111-1111-4111-8111-111111111111' }, 'presenterMemberId'],
      [{ title: 'x', recommendationIds: ['11111111-1111-4111-8111-111111111111'] }, 'recommendationIds'],
    ] as const) {
      const res = await addItem(f.focal, meetingId, body);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });

  it('treats an incident the caller may not see like one that does not exist, and filters links per viewer', async () => {
    const meetingId = await insertMeeting(t, f.group.id, inDays(5));
    const restricted = await insertIncident(t, f.group.id, f.member, f.orgs.police, {
      title: 'Detention of a leader',
      confidentiality: 'restricted',
    });
    const open = await insertIncident(t, f.group.id, f.focal, f.orgs.company, { title: 'Open incident' });
    const hidden = await addItem(f.focal, meetingId, { title: 'x', incidentIds: [restricted] });
    const unknown = await addItem(f.focal, meetingId, {
      title: 'x',
      incidentIds: ['11111111-1111-4111-8111-111111111111'],
    });
    expectProblem(hidden, 400);
    expectProblem(unknown, 400);
    expect(hidden.body.errors).toEqual([{ field: 'incidentIds', message: `unknown incident ${restricted}` }]);
    expect(hidden.body.detail).toBe(unknown.body.detail);

    const proposal = await addItem(f.member, meetingId, {
      title: 'Detention follow-up',
      incidentIds: [restricted, open],
    });
    expect(proposal.status).toBe(201);
    expect(proposal.body.incidentIds).toEqual([restricted, open]);
    const accepted = await item(f.focal, 'post', `${proposal.body.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.incidentIds).toEqual([open]);
    expect(JSON.stringify(accepted.body)).not.toContain('Detention of a leader');

    // The focal point replaces the links it can see; the hidden link stays.
    const other = await insertIncident(t, f.group.id, f.focal, f.orgs.company, {
      title: 'Another open incident',
    });
    const patched = await item(f.focal, 'patch', proposal.body.id, { incidentIds: [other] });
    expect(patched.status).toBe(200);
    expect(patched.body.incidentIds).toEqual([other]);
    const memberView = (await agenda(f.member, meetingId)).body.items.find(
      (i: { id: string }) => i.id === proposal.body.id,
    );
    expect(memberView.incidentIds.sort()).toEqual([restricted, other].sort());
    const focalView = (await agenda(f.focal, meetingId)).body.items.find(
      (i: { id: string }) => i.id === proposal.body.id,
    );
    expect(focalView.incidentIds).toEqual([other]);
  });

  it('accepts and rejects proposals (focal point or co-chair only)', async () => {
    const meetingId = await insertMeeting(t, f.group.id, inDays(5));
    const a = await addItem(f.member, meetingId, { title: 'Proposal A' });
    const b = await addItem(f.member, meetingId, { title: 'Proposal B' });
    expectProblem(await item(f.member, 'post', `${a.body.id}/accept`), 403);
    expectProblem(await item(f.observer, 'post', `${a.body.id}/reject`, { reason: 'no' }), 403);
    const accepted = await item(f.coChair, 'post', `${a.body.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual(expect.objectContaining({ status: 'accepted', position: 3 }));
    expectProblem(await item(f.focal, 'post', `${a.body.id}/accept`), 409);
    expectProblem(await item(f.focal, 'post', `${a.body.id}/reject`, { reason: 'late' }), 409);
    const badReject = await item(f.focal, 'post', `${b.body.id}/reject`, {});
    expectProblem(badReject, 400);
    expect(badReject.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'reason' })]),
    );
    const rejected = await item(f.focal, 'post', `${b.body.id}/reject`, {
      reason: 'Covered under the roundtable',
    });
    expect(rejected.body).toEqual(
      expect.objectContaining({ status: 'rejected', rejectReason: 'Covered under the roundtable' }),
    );
    expectProblem(await item(f.focal, 'post', `${b.body.id}/accept`), 409);
    const actions = (await eventsOf(t, f.group.id, 'agenda.updated')).map((e) => e.data.action);
    expect(actions).toEqual(['item_proposed', 'item_proposed', 'item_accepted', 'item_rejected']);
  });

  it('lets the focal point, a co-chair or the proposer (while proposed) edit and remove items', async () => {
    const meetingId = await insertMeeting(t, f.group.id, inDays(5));
    const own = await addItem(f.member, meetingId, { title: 'Mine' });
    const edited = await item(f.member, 'patch', own.body.id, {
      title: 'Mine, renamed',
      durationMinutes: 15,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual(
      expect.objectContaining({ title: 'Mine, renamed', durationMinutes: 15, changedAfterPublish: false }),
    );
    expectProblem(await item(f.coChair, 'patch', own.body.id, { title: null }), 400);

    const othersProposal = await addItem(f.member, meetingId, { title: 'Theirs' });
    const other = await addItem(f.focal, meetingId, { title: 'Focal item' });
    expectProblem(await item(f.member, 'patch', other.body.id, { title: 'hijack' }), 403);
    expectProblem(await item(f.member, 'delete', other.body.id), 403);
    expectProblem(await item(f.observer, 'patch', othersProposal.body.id, { title: 'x' }), 403);

    await item(f.focal, 'post', `${own.body.id}/accept`);
    expectProblem(await item(f.member, 'patch', own.body.id, { title: 'after acceptance' }), 403);

    const standing = (await agenda(f.focal, meetingId)).body.items[0];
    const renamed = await item(f.focal, 'patch', standing.id, {
      title: 'Incident roundtable',
      durationMinutes: 45,
    });
    expect(renamed.body).toEqual(
      expect.objectContaining({ title: 'Incident roundtable', kind: 'incident_roundtable', standing: true }),
    );
    expectProblem(await item(f.focal, 'patch', standing.id, { kind: 'other' }), 400);
    expectProblem(await item(f.focal, 'delete', standing.id), 409);

    const removed = await item(f.member, 'delete', othersProposal.body.id);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ id: othersProposal.body.id, deleted: true });
    expect((await item(f.coChair, 'delete', other.body.id)).status).toBe(200);
    expectProblem(await item(f.focal, 'patch', other.body.id, { title: 'gone' }), 404);
    const titles = (await agenda(f.focal, meetingId)).body.items.map((i: { title: string }) => i.title);
    expect(titles).toEqual(['Incident roundtable', 'Follow-up of recommendations', 'Mine, renamed']);
  });

  it('reorders only with every accepted item listed exactly once', async () => {
    const meetingId = await insertMeeting(t, f.group.id, inDays(5));
    const { body } = await agenda(f.focal, meetingId);
    const [incidents, review] = body.items.map((i: { id: string }) => i.id);
    const challenge = (await addItem(f.focal, meetingId, { title: 'Challenge', kind: 'challenge' })).body.id;
    const proposal = (await addItem(f.member, meetingId, { title: 'Proposal' })).body.id;
    const order = (u: TestUser, itemIds: unknown) =>
      t.api().put(`/api/v1/meetings/${meetingId}/agenda/order`).set(u.auth).send({ itemIds });

    expectProblem(await order(f.focal, [incidents, review]), 400);
    expectProblem(await order(f.focal, [incidents, review, challenge, challenge]), 400);
    expectProblem(await order(f.focal, [incidents, review, challenge, proposal]), 400);
    expectProblem(await order(f.focal, 'all'), 400);
    expectProblem(await order(f.member, [challenge, review, incidents]), 403);
    const res = await order(f.coChair, [challenge, review, incidents]);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([challenge, review, incidents, proposal]);
    expect(
      (await agenda(f.observer, meetingId)).body.items
        .map((i: { position: number }) => i.position)
        .slice(0, 3),
    ).toEqual([1, 2, 3]);
    expect((await eventsOf(t, f.group.id, 'agenda.updated')).map((e) => e.data.action)).toContain(
      'reordered',
    );
  });

  it('publishes, then marks later changes changedAfterPublish until republished', async () => {
    const meetingId = await insertMeeting(t, f.group.id, inDays(5));
    const keep = (await addItem(f.focal, meetingId, { title: 'Unchanged' })).body.id;
    const change = (await addItem(f.focal, meetingId, { title: 'Will change' })).body.id;
    const publish = (u: TestUser) => t.api().post(`/api/v1/meetings/${meetingId}/agenda/publish`).set(u.auth);
    expectProblem(await publish(f.member), 403);
    expectProblem(await publish(f.observer), 403);
    const published = await publish(f.focal);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(Date.parse(published.body.publishedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(published.body.items.every((i: { changedAfterPublish: boolean }) => !i.changedAfterPublish)).toBe(
      true,
    );

    await item(f.focal, 'patch', change, { description: 'Now with a presenter' });
    const added = await addItem(f.coChair, meetingId, { title: 'Late addition' });
    expect(added.body.changedAfterPublish).toBe(true);
    const proposal = await addItem(f.member, meetingId, { title: 'Late proposal' });
    const after = (await agenda(f.member, meetingId)).body;
    expect(after.status).toBe('published');
    const flags = Object.fromEntries(
      after.items.map((i: { id: string; changedAfterPublish: boolean }) => [i.id, i.changedAfterPublish]),
    );
    expect(flags[keep]).toBe(false);
    expect(flags[change]).toBe(true);
    expect(flags[proposal.body.id]).toBe(true);

    const again = await publish(f.coChair);
    expect(again.body.items.every((i: { changedAfterPublish: boolean }) => !i.changedAfterPublish)).toBe(
      true,
    );
    const events = await eventsOf(t, f.group.id, 'agenda.published');
    expect(events.map((e) => [e.entity_id, e.data.republished])).toEqual([
      [meetingId, false],
      [meetingId, true],
    ]);
    expect(await auditOf(t, f.group.id, 'agenda.published')).toEqual([
      expect.objectContaining({ entity_id: meetingId, actor_user_id: f.focal.id }),
      expect.objectContaining({ entity_id: meetingId, actor_user_id: f.coChair.id }),
    ]);
  });

  it("defers an item to the next meeting of the same series, else the group's next meeting", async () => {
    const series = await insertSeries(t, f.group.id);
    const meetingId = await insertMeeting(t, f.group.id, inDays(5), { seriesId: series });
    const adHoc = await insertMeeting(t, f.group.id, inDays(10)); // earlier, but not in the series
    await insertMeeting(t, f.group.id, inDays(20), { seriesId: series, status: 'cancelled' });
    const nextInSeries = await insertMeeting(t, f.group.id, inDays(35), { seriesId: series });
    await insertMeeting(t, f.group.id, inDays(65), { seriesId: series });
    const rec = await insertRecommendation(t, f.group.id, { title: 'Rec', dueDate: '2099-01-01' });
    const restricted = await insertIncident(t, f.group.id, f.member, f.orgs.police, {
      title: 'Restricted',
      confidentiality: 'restricted',
    });
    const proposal = await addItem(f.member, meetingId, {
      title: 'Not reached',
      incidentIds: [restricted],
      recommendationIds: [rec],
    });
    await item(f.focal, 'post', `${proposal.body.id}/accept`);

    expectProblem(await item(f.member, 'post', `${proposal.body.id}/defer`), 403);
    const standing = (await agenda(f.focal, meetingId)).body.items[0].id;
    expectProblem(await item(f.focal, 'post', `${standing}/defer`), 409);

    const moved = await item(f.focal, 'post', `${proposal.body.id}/defer`);
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual(
      expect.objectContaining({
        meetingId: nextInSeries,
        status: 'accepted',
        title: 'Not reached',
        deferredFromItemId: proposal.body.id,
        recommendationIds: [rec],
      }),
    );
    expect(moved.body.incidentIds).toEqual([]); // hidden from the focal point, but moved along
    const target = (await agenda(f.member, nextInSeries)).body.items;
    expect(target.map((i: { title: string }) => i.title)).toEqual([
      'Security incident updates',
      'Follow-up of recommendations',
      'Not reached',
    ]);
    expect(target[2].incidentIds).toEqual([restricted]);
    const source = (await agenda(f.focal, meetingId)).body.items.find(
      (i: { id: string }) => i.id === proposal.body.id,
    );
    expect(source).toEqual(
      expect.objectContaining({ status: 'deferred', deferredToMeetingId: nextInSeries }),
    );
    expectProblem(await item(f.focal, 'post', `${proposal.body.id}/defer`), 409);
    expectProblem(await item(f.focal, 'delete', proposal.body.id), 409);

    // Without a series: the group's next scheduled meeting by start.
    const loose = (await addItem(f.focal, adHoc, { title: 'Ad hoc item' })).body.id;
    const movedLoose = await item(f.focal, 'post', `${loose}/defer`);
    expect(movedLoose.body.meetingId).toBe(nextInSeries);

    // No later meeting → 409.
    const last = await insertMeeting(t, f.group.id, inDays(400));
    const stuck = (await addItem(f.focal, last, { title: 'Nowhere to go' })).body.id;
    expectProblem(await item(f.focal, 'post', `${stuck}/defer`), 409);
    const deferrals = (await eventsOf(t, f.group.id, 'agenda.updated')).filter((e) =>
      String(e.data.action).startsWith('item_deferred'),
    );
    expect(deferrals.map((e) => e.data.meetingId)).toEqual([meetingId, nextInSeries, adHoc, nextInSeries]);
  });

  it('documents every agenda route in OpenAPI', async () => {
    const res = await t.api().get('/api/docs-json');
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/api/v1/meetings/{meetingId}/agenda',
      '/api/v1/meetings/{meetingId}/agenda/items',
      '/api/v1/meetings/{meetingId}/agenda/order',
      '/api/v1/meetings/{meetingId}/agenda/publish',
      '/api/v1/agenda-items/{itemId}',
      '/api/v1/agenda-items/{itemId}/accept',
      '/api/v1/agenda-items/{itemId}/reject',
      '/api/v1/agenda-items/{itemId}/defer',
    ]) {
      expect(paths).toContain(p);
    }
    expect(res.body.components.schemas.AgendaItemDto.properties.changedAfterPublish).toBeDefined();
  });
});
