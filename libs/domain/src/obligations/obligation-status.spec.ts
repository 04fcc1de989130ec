import { planObligationProgress, TERMINAL_OBLIGATION_STATUSES } from './obligation-status';

describe('planObligationProgress', () => {
  const open = { status: 'open' as const, progress: 0 };
  const started = { status: 'in_progress' as const, progress: 30 };

  it('a note alone changes nothing', () =>
    expect(planObligationProgress(started, {})).toEqual({ ok: true, status: 'in_progress', progress: 30 }));

  it('progress starts an open obligation', () =>
    expect(planObligationProgress(open, { progress: 20 })).toEqual({
      ok: true,
      status: 'in_progress',
      progress: 20,
    }));

  it('met means 100 %', () => {
    expect(planObligationProgress(started, { status: 'met' })).toEqual({
      ok: true,
      status: 'met',
      progress: 100,
    });
    expect(planObligationProgress(started, { status: 'met', progress: 90 })).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it('may close an open obligation directly, keeping its progress otherwise', () => {
    expect(planObligationProgress(open, { status: 'waived' })).toEqual({
      ok: true,
      status: 'waived',
      progress: 0,
    });
    expect(planObligationProgress(started, { status: 'partially_met' })).toEqual({
      ok: true,
      status: 'partially_met',
      progress: 30,
    });
  });

  it('never reopens (409) and keeps closed obligations closed', () => {
    expect(planObligationProgress(started, { status: 'open' })).toMatchObject({ ok: false, status: 409 });
    for (const status of TERMINAL_OBLIGATION_STATUSES) {
      expect(planObligationProgress({ status, progress: 50 }, { status: 'in_progress' })).toMatchObject({
        ok: false,
        status: 409,
      });
      expect(planObligationProgress({ status, progress: 50 }, { progress: 60 })).toMatchObject({
        ok: false,
        status: 409,
      });
      expect(planObligationProgress({ status, progress: 50 }, {})).toMatchObject({ ok: true, status });
    }
  });

  it('refuses progress on an obligation explicitly kept open', () =>
    expect(planObligationProgress(open, { status: 'open', progress: 5 })).toMatchObject({
      ok: false,
      status: 400,
      field: 'progress',
    }));
});
