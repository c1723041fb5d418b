import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, input, output, viewChild } from '@angular/core';

let nextId = 0;

/**
 * A modal in the browser's own <dialog> (focus kept inside, Escape cancels, the page behind inert):
 * the heading names it, the projected content describes it and holds its buttons.
 */
@Component({
  selector: 'parley-admin-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog [attr.aria-labelledby]="id" [attr.aria-describedby]="id + '-body'" (cancel)="dismissed.emit()">
      <h2 [id]="id">{{ heading() }}</h2>
      <div class="body" [id]="id + '-body'"><ng-content /></div>
    </dialog>
  `,
  styles: `
    dialog { border: 0; border-radius: 14px; padding: 22px 24px 20px; width: 460px; max-width: calc(100vw - 32px); box-shadow: 0 24px 60px rgba(15,23,42,.3); color: var(--text); }
    dialog::backdrop { background: rgba(15,23,42,.45); }
    h2 { font-size: 17px; margin: 0 0 10px; }
    .body { display: flex; flex-direction: column; gap: 14px; font-size: 14px; }
  `,
})
export class AdminDialog {
  readonly heading = input.required<string>();
  readonly dismissed = output<void>();
  protected readonly id = `admin-dialog-${++nextId}`;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  constructor() {
    afterNextRender(() => this.dialog().nativeElement.showModal());
  }
}
