import { Injectable, signal, type OnDestroy } from '@angular/core';

/** One ticking clock for every timer on screen: a signal of the time, updated each second. */
@Injectable({ providedIn: 'root' })
export class Clock implements OnDestroy {
  private readonly tick = signal(Date.now());
  readonly now = this.tick.asReadonly();
  private readonly timer = setInterval(() => this.tick.set(Date.now()), 1000);

  ngOnDestroy(): void {
    clearInterval(this.timer);
  }
}
