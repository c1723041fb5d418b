import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { FieldStateDirective } from './field-state.directive';

/** The message of one control, where its `aria-describedby` points. */
@Component({
  selector: 'parley-field-error',
  // Eager: the message is read from the control on every refresh of the editor (see FieldStateDirective).
  changeDetection: ChangeDetectionStrategy.Eager,
  template: `
    @if (field().message; as message) {
      <p class="field-error" [id]="field().errorId"><span class="icon" aria-hidden="true">!</span>{{ message }}</p>
    }
  `,
  styles: `
    :host { display: contents; }
    .field-error { display: flex; gap: 6px; align-items: flex-start; margin: 0; color: var(--danger); font-size: 12.5px; font-weight: 500; line-height: 1.4; }
    .icon { flex: none; display: inline-grid; place-items: center; width: 15px; height: 15px; margin-top: 1px; border-radius: 50%; background: var(--danger); color: #fff; font-size: 10px; font-weight: 700; }
  `,
})
export class FieldError {
  readonly field = input.required<FieldStateDirective>();
}
