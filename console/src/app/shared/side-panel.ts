import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, input, output, viewChild } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';

let nextId = 0;

/**
 * A panel that slides over the right of the page, below the top bar, beside what it is about: not
 * modal (the page stays usable), closed with its ✕ or Escape. Its heading names it.
 */
@Component({
  selector: 'parley-side-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown.escape)': 'closed.emit()' },
  template: `
    <section class="panel" [class.wide]="wide()" role="dialog" aria-modal="false" [attr.aria-labelledby]="headingId" [attr.data-testid]="testId()">
      <header>
        <div class="titles">
          <h2 [id]="headingId" #headingEl tabindex="-1">{{ heading() }}</h2>
          @if (subheading()) { <p>{{ subheading() }}</p> }
        </div>
        <button type="button" class="close" (click)="closed.emit()" [attr.aria-label]="t('panel.close', { name: heading() })">✕</button>
      </header>
      <ng-content />
    </section>
  `,
  styles: `
    .panel { position: fixed; top: 60px; right: 0; bottom: 0; width: 420px; max-width: 100vw; background: #fff; border-left: 1px solid var(--border);
      box-shadow: -16px 0 40px rgba(15,23,42,.14); z-index: 40; display: flex; flex-direction: column; }
    .panel.wide { width: min(880px, calc(100vw - 200px)); }
    header { display: flex; justify-content: space-between; align-items: flex-start; gap: 12px; padding: 16px 18px 12px; border-bottom: 1px solid var(--border); }
    h2 { font-size: 16px; line-height: 1.3; }
    h2:focus { outline: none; }
    .titles p { margin: 2px 0 0; color: #475569; font-size: 12.5px; }
    .close { flex: none; border: 0; background: none; font-size: 15px; cursor: pointer; color: #475569; width: 30px; height: 30px; border-radius: 8px; }
    .close:hover { background: #f1f5f9; color: var(--text); }
    .close:focus-visible { outline: 2px solid var(--accent); }
  `,
})
export class SidePanel {
  protected readonly t = inject(I18n).t;
  readonly heading = input.required<string>();
  readonly subheading = input<string>('');
  readonly testId = input<string | null>(null);
  /** Room for a picture (a monitored screen) rather than a column of text. */
  readonly wide = input(false);
  readonly closed = output<void>();
  protected readonly headingId = `side-panel-${++nextId}`;
  private readonly headingElement = viewChild<ElementRef<HTMLElement>>('headingEl');

  constructor() {
    // Where a keyboard or screen reader user expects to be once the panel opens.
    afterNextRender(() => this.headingElement()?.nativeElement.focus());
  }
}
