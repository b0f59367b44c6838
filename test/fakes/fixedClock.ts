import type { Clock } from '../../src/clock';

/** A clock that stays where the test puts it. */
export class FixedClock implements Clock {
  constructor(private current: Date = new Date('2026-11-23T10:00:00+01:00')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date | string): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
