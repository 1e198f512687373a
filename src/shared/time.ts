/**
 * The source of "now". Services take it as a dependency so that tests can move time across deadlines;
 * deadline arithmetic itself lives only in src/core/clock.ts.
 */
export interface TimeSource {
  now(): Date;
}

export const systemTime: TimeSource = { now: () => new Date() };

/** A time source for tests and simulations that only moves when told to. */
export class ManualTime implements TimeSource {
  #ms: number;
  constructor(start: Date | string) {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(to: Date | string): void {
    this.#ms = new Date(to).getTime();
  }
  advanceMs(ms: number): void {
    this.#ms += ms;
  }
}
