import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, input, output, viewChild } from '@angular/core';

let nextId = 0;

/**
 * A modal question in the browser's own <dialog>: it traps the focus, Escape cancels, and the page
 * behind is inert until it closes. The heading names it; the content is projected.
 */
@Component({
  selector: 'parley-modal',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog [attr.aria-labelledby]="headingId" [attr.aria-describedby]="describedBy() ? headingId + '-body' : null" (close)="closed.emit()" (cancel)="closed.emit()">
      <h2 [id]="headingId">{{ heading() }}</h2>
      <div [id]="headingId + '-body'" class="body"><ng-content /></div>
    </dialog>
  `,
  styles: `
    dialog { border: 0; border-radius: 14px; padding: 22px 24px 20px; width: 440px; max-width: calc(100vw - 32px); box-shadow: 0 24px 60px rgba(15,23,42,.3); color: var(--text); }
    dialog::backdrop { background: rgba(15,23,42,.45); }
    h2 { font-size: 17px; margin-bottom: 10px; }
    .body { display: flex; flex-direction: column; gap: 14px; font-size: 14px; }
  `,
})
export class Modal {
  readonly heading = input.required<string>();
  /** Whether the content is the description screen readers should read with the heading. */
  readonly describedBy = input(true);
  readonly closed = output<void>();
  protected readonly headingId = `modal-${++nextId}`;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  constructor() {
    afterNextRender(() => this.dialog().nativeElement.showModal());
  }
}
