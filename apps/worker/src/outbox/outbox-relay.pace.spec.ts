import { OutboxRelay, RELAY_PACE_MS } from './outbox-relay.service';

// The pacing of relay passes (the passes themselves are tested end to end in test/realtime*.ts).
describe('OutboxRelay pacing', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  function relayWithPasses() {
    const relay = new OutboxRelay(
      ...([{}, {}, {}, {}] as unknown as ConstructorParameters<typeof OutboxRelay>),
    );
    const startedAt: number[] = [];
    jest.spyOn(relay, 'relayBatch').mockImplementation(async () => {
      startedAt.push(Date.now());
      await new Promise((r) => setTimeout(r, 1)); // a pass takes a little while
      return 1;
    });
    return { relay, startedAt };
  }

  it('relays a lone event at once', async () => {
    const { relay, startedAt } = relayWithPasses();
    relay.wake('events');
    await jest.advanceTimersByTimeAsync(0);
    expect(startedAt).toEqual([1_000_000]);
  });

  it('folds the wake-ups of a burst into passes at least RELAY_PACE_MS apart', async () => {
    const { relay, startedAt } = relayWithPasses();
    for (let i = 0; i < 20; i++) {
      relay.wake('events');
      await jest.advanceTimersByTimeAsync(1);
    }
    await jest.advanceTimersByTimeAsync(100);
    expect(startedAt.length).toBeGreaterThan(1);
    expect(startedAt.length).toBeLessThanOrEqual(Math.ceil(20 / RELAY_PACE_MS) + 1);
    for (let i = 1; i < startedAt.length; i++)
      expect(startedAt[i] - startedAt[i - 1]).toBeGreaterThanOrEqual(RELAY_PACE_MS);
  });

  it('relays again at once after a quiet spell', async () => {
    const { relay, startedAt } = relayWithPasses();
    relay.wake('events');
    await jest.advanceTimersByTimeAsync(RELAY_PACE_MS * 5);
    relay.wake('events');
    await jest.advanceTimersByTimeAsync(0);
    expect(startedAt).toEqual([1_000_000, 1_000_000 + RELAY_PACE_MS * 5]);
  });
});
