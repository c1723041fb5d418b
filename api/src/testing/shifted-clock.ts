/**
 * Preloaded (`node --require`) into an API process by tests that need hours to
 * pass in seconds: the process's wall clock reads the real time plus the
 * milliseconds written in the file named by PARLEY_TEST_CLOCK_FILE, re-read
 * every 20 ms, like a machine whose clock is set forward. Timers still run in
 * real time; no Parley code is replaced. Not loaded outside such tests.
 */
import { readFileSync } from 'node:fs';

const file = process.env.PARLEY_TEST_CLOCK_FILE;
if (file) {
  const RealDate = Date;
  let offset = 0;
  const read = () => {
    try {
      offset = Number(readFileSync(file, 'utf8')) || 0;
    } catch {
      // Being rewritten: keep the last offset.
    }
  };
  read();
  setInterval(read, 20).unref();
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}
