import { Directive, ElementRef, inject, input } from '@angular/core';
import { NgControl } from '@angular/forms';
import { I18n } from '../core/i18n/i18n.service';
import { localizedControlMessage, localizedServerMessage } from './campaign-problems.i18n';

/**
 * Gives a form control an id from its path ("field-ranges-2-end") and, while it has a problem to
 * show, `aria-invalid` and an `aria-describedby` that points at its <parley-field-error>. Problems
 * are the control's own check (`problem`, shown once touched) or the API's refusal (`server`,
 * shown at once and dropped as soon as the value changes).
 *
 * The state is read through getters rather than signals: reactive forms do not expose signals, and
 * every change that matters (typing, blur, save, the API's answer) refreshes the editor's view.
 */
@Directive({
  selector: '[parleyField]',
  exportAs: 'parleyField',
  host: {
    '[id]': 'id',
    '[attr.aria-invalid]': "message ? 'true' : null",
    '[attr.aria-describedby]': 'describedBy',
  },
})
export class FieldStateDirective {
  /** The id of a hint describing the control, if any. */
  readonly hint = input('', { alias: 'parleyField' });

  private readonly ngControl = inject(NgControl, { self: true });
  private readonly element = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly i18n = inject(I18n);

  /** The form control path, dotted: "welcomeMessage.es". */
  get path(): string {
    return (this.ngControl.path ?? []).join('.');
  }

  get id(): string {
    return `field-${(this.ngControl.path ?? []).join('-')}`;
  }

  get errorId(): string {
    return `${this.id}-error`;
  }

  get message(): string | null {
    const control = this.ngControl.control;
    if (!control || control.disabled || !control.errors) return null;
    const server: unknown = control.errors['server'];
    if (typeof server === 'string') return localizedServerMessage(server, this.i18n.t, this.i18n.language());
    const problem: unknown = control.errors['problem'];
    if (!control.touched) return null;
    return typeof problem === 'string' ? localizedControlMessage(problem, this.i18n.t) : this.i18n.t('problem.check');
  }

  get describedBy(): string | null {
    const ids = [this.hint(), this.message ? this.errorId : ''].filter((id) => id !== '');
    return ids.length > 0 ? ids.join(' ') : null;
  }

  focus(): void {
    this.element.nativeElement.scrollIntoView({ block: 'center' });
    this.element.nativeElement.focus({ preventScroll: true });
  }
}
