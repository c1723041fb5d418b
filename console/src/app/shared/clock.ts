import { computed, Injectable, signal, type OnDestroy } from '@angular/core';

/**
 * One ticking clock for every timer on screen: a signal of the time on the API's clock, updated each
 * second. Timers count from the API's timestamps, so the browser's own clock is corrected by the
 * offset learned from the API's responses (`serverClockInterceptor`).
 */
@Injectable({ providedIn: 'root' })
export class Clock implements OnDestroy {
  private readonly tick = signal(Date.now());
  private readonly offset = signal(0);
  readonly now = computed(() => this.tick() + this.offset());
  private readonly timer = setInterval(() => this.tick.set(Date.now()), 1000);

  /** The API's time now, to the millisecond (`now` moves once a second). */
  current(): number {
    return Date.now() + this.offset();
  }

  /** How far the API's clock is ahead of this browser's, in ms. */
  learn(offset: number): void {
    if (offset !== this.offset()) this.offset.set(offset);
  }

  ngOnDestroy(): void {
    clearInterval(this.timer);
  }
}
