import {
  canTransition,
  implementationRate,
  planProgress,
  RECOMMENDATION_STATUSES,
  RecommendationStatus,
  TERMINAL_STATUSES,
} from './recommendation-status';

describe('recommendation status transitions', () => {
  it.each([
    ['open', 'in_progress'],
    ['open', 'implemented'],
    ['open', 'dropped'],
    ['in_progress', 'implemented'],
    ['in_progress', 'partially_implemented'],
    ['in_progress', 'not_implemented'],
    ['in_progress', 'dropped'],
  ] as [RecommendationStatus, RecommendationStatus][])('%s → %s is allowed', (from, to) =>
    expect(canTransition(from, to)).toBe(true),
  );

  it('never reopens work in progress', () => expect(canTransition('in_progress', 'open')).toBe(false));

  it('never leaves a terminal status', () => {
    for (const from of TERMINAL_STATUSES) {
      for (const to of RECOMMENDATION_STATUSES) expect(canTransition(from, to)).toBe(false);
    }
  });
});

describe('planProgress', () => {
  const open = { status: 'open' as const, progress: 0 };
  const started = { status: 'in_progress' as const, progress: 40 };
  const done = { status: 'implemented' as const, progress: 100 };

  it('a note alone changes nothing, even when closed', () => {
    expect(planProgress(started, {})).toEqual({ ok: true, status: 'in_progress', progress: 40 });
    expect(planProgress(done, {})).toEqual({ ok: true, status: 'implemented', progress: 100 });
    expect(planProgress(done, { status: 'implemented', progress: 100 })).toEqual({
      ok: true,
      status: 'implemented',
      progress: 100,
    });
  });

  it('reporting progress starts an open recommendation', () =>
    expect(planProgress(open, { progress: 10 })).toEqual({ ok: true, status: 'in_progress', progress: 10 }));

  it('refuses progress on a recommendation explicitly kept open', () =>
    expect(planProgress(open, { status: 'open', progress: 10 })).toMatchObject({
      ok: false,
      status: 400,
      field: 'progress',
    }));

  it('implemented means 100 %', () => {
    expect(planProgress(started, { status: 'implemented' })).toEqual({
      ok: true,
      status: 'implemented',
      progress: 100,
    });
    expect(planProgress(started, { status: 'implemented', progress: 80 })).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it('keeps the progress reached when closing otherwise', () =>
    expect(planProgress(started, { status: 'partially_implemented' })).toEqual({
      ok: true,
      status: 'partially_implemented',
      progress: 40,
    }));

  it('refuses impossible transitions and changes to a closed recommendation (409)', () => {
    expect(planProgress(started, { status: 'open' })).toMatchObject({ ok: false, status: 409 });
    expect(planProgress(done, { status: 'in_progress' })).toMatchObject({ ok: false, status: 409 });
    expect(planProgress(done, { progress: 50 })).toMatchObject({ ok: false, status: 409 });
    expect(planProgress({ status: 'dropped', progress: 0 }, { status: 'implemented' })).toMatchObject({
      ok: false,
      status: 409,
    });
  });
});

describe('implementationRate', () => {
  it('is implemented over closed-with-a-verdict, ignoring dropped ones', () =>
    expect(implementationRate({ implemented: 2, partiallyImplemented: 1, notImplemented: 1 })).toBe(0.5));
  it('is null when nothing is closed', () =>
    expect(implementationRate({ implemented: 0, partiallyImplemented: 0, notImplemented: 0 })).toBeNull());
  it('rounds to three decimals', () =>
    expect(implementationRate({ implemented: 1, partiallyImplemented: 2, notImplemented: 0 })).toBe(0.333));
});
