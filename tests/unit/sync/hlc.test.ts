import { describe, expect, it } from 'vitest';
import { acceptable, compareStamps, HybridClock, MAX_CLOCK_LEAD_S } from '@/utils/sync/hlc';

const NOW = Date.UTC(2026, 10, 1);

describe('hybrid logical clock', () => {
  it('ticks strictly upwards, even when the wall clock goes back', () => {
    const clock = new HybridClock('aaaa');
    const first = clock.tick(NOW);
    const second = clock.tick(NOW);
    const third = clock.tick(NOW - 60_000);
    expect(compareStamps(second, first)).toBeGreaterThan(0);
    expect(compareStamps(third, second)).toBeGreaterThan(0);
    expect(third.wall).toBe(first.wall);
  });

  it('a stamp taken after receiving a remote one is past it, though the local wall clock is behind', () => {
    const clock = new HybridClock('aaaa');
    const remote = { wall: NOW / 1000 + 3_600, counter: 4, device: 'zzzz' };
    expect(clock.receive(remote, NOW)).toBe(true);
    const next = clock.tick(NOW);
    expect(compareStamps(next, remote)).toBeGreaterThan(0);
    expect(next.device).toBe('aaaa');
  });

  it('does not take in a stamp more than a day ahead of its clock', () => {
    const clock = new HybridClock('aaaa');
    const far = { wall: NOW / 1000 + MAX_CLOCK_LEAD_S + 1, counter: 0, device: 'zzzz' };
    expect(acceptable(far, NOW)).toBe(false);
    expect(clock.receive(far, NOW)).toBe(false);
    expect(clock.tick(NOW).wall).toBe(NOW / 1000);
    expect(acceptable({ ...far, wall: far.wall - 1 }, NOW)).toBe(true);
  });

  it('orders equal wall times by counter, then by device id', () => {
    expect(compareStamps({ wall: 5, counter: 1, device: 'a' }, { wall: 5, counter: 0, device: 'b' })).toBeGreaterThan(0);
    expect(compareStamps({ wall: 5, counter: 0, device: 'b' }, { wall: 5, counter: 0, device: 'a' })).toBeGreaterThan(0);
    expect(compareStamps({ wall: 5, counter: 0, device: 'a' }, { wall: 5, counter: 0, device: 'a' })).toBe(0);
  });
});
