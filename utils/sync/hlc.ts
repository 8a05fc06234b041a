/**
 * A hybrid logical clock: every mark a device writes is stamped (wall seconds, counter, device id), and
 * stamps order edits across devices. A stamp taken after receiving another device's stamp is always
 * greater than it, whatever the wall clocks say, so an edit made after seeing an edit wins over it.
 *
 * The bound (`MAX_CLOCK_LEAD_S`, one day): a remote stamp whose wall time leads this device's clock by more
 * than a day is not taken in (`acceptable` says no, and the sync reader holds that device's item back with
 * a reason). Taken in, it would pull every device's clock a year ahead for good, and a device whose clock
 * is wrong would win every concurrent edit for as long as its clock leads. Held back, its edits apply once
 * real time catches up (a clock a day and a half fast: half a day later), or once its clock is fixed and it
 * writes again. Clocks within a day of each other (time zones, drift) are never held back.
 */
import { FUTURE_SKEW_MS } from '../paper/sanitize';

/** One event's place in the order: `wall` in whole seconds since the epoch (seconds keep stamps short). */
export interface Stamp {
  readonly wall: number;
  readonly counter: number;
  /** The writing device's id: the tie-break between equal wall and counter. */
  readonly device: string;
}

export const MAX_CLOCK_LEAD_S = FUTURE_SKEW_MS / 1000;

/** Orders stamps: wall, then counter, then device id. 0 only for the same stamp. */
export function compareStamps(a: Stamp, b: Stamp): number {
  return a.wall - b.wall || a.counter - b.counter || (a.device < b.device ? -1 : a.device > b.device ? 1 : 0);
}

export function maxStamp<T extends Stamp | undefined>(a: T, b: T): T {
  if (!a) return b;
  if (!b) return a;
  return compareStamps(a, b) >= 0 ? a : b;
}

export function wallSeconds(nowMs: number): number {
  return Math.floor(nowMs / 1000);
}

/** Whether a remote stamp may be taken in by a device whose clock reads `nowMs` (see the bound above). */
export function acceptable(remote: Stamp, nowMs: number): boolean {
  return remote.wall <= wallSeconds(nowMs) + MAX_CLOCK_LEAD_S;
}

/** One device's clock. Its state is the last stamp it issued or saw (persist it with `last`). */
export class HybridClock {
  constructor(
    readonly device: string,
    private latest: { wall: number; counter: number } = { wall: 0, counter: 0 },
  ) {}

  get last(): { wall: number; counter: number } {
    return { ...this.latest };
  }

  /** A new stamp for a local edit (one stamp may cover a whole batch of edits made at once). */
  tick(nowMs: number): Stamp {
    const wall = Math.max(this.latest.wall, wallSeconds(nowMs));
    const counter = wall === this.latest.wall ? this.latest.counter + 1 : 0;
    this.latest = { wall, counter };
    return { wall, counter, device: this.device };
  }

  /**
   * Takes in a stamp seen from another device, so the next `tick` is past it. Returns false (and changes
   * nothing) for a stamp past the bound.
   */
  receive(remote: Stamp, nowMs: number): boolean {
    if (!acceptable(remote, nowMs)) return false;
    if (remote.wall > this.latest.wall || (remote.wall === this.latest.wall && remote.counter > this.latest.counter)) {
      this.latest = { wall: remote.wall, counter: remote.counter };
    }
    return true;
  }
}
