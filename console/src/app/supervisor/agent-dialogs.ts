import { ChangeDetectionStrategy, Component, inject, input, output, signal, type OnInit } from '@angular/core';
import { ChatApi } from '../agent/chat-api';
import { describeError } from '../core/errors';
import { I18n } from '../core/i18n/i18n.service';
import { Modal } from './modal';
import { LOGOUT_AGENT, PAUSE_AGENT } from './supervisor.operations';

/** Pauses an agent with one of the installation's reasons. */
@Component({
  selector: 'parley-pause-dialog',
  imports: [Modal],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-modal [heading]="t('board.pauseTitle', { name: agent().name })" [describedBy]="false" (closed)="done.emit()">
      <form (submit)="pause($event)" class="form">
        <p>{{ t('board.pauseIntro') }}</p>
        <label class="field">
          <span>{{ t('board.pauseReason') }}</span>
          <select [value]="reason()" (change)="reason.set($any($event.target).value)">
            @for (option of reasons(); track option) {
              <option [value]="option" [selected]="option === reason()">{{ option }}</option>
            }
            <option value="" [selected]="reason() === ''">{{ t('board.pauseNoReason') }}</option>
          </select>
        </label>
        @if (error()) { <p class="alert" role="alert">{{ error() }}</p> }
        <div class="actions">
          <button type="button" class="button" (click)="done.emit()">{{ t('common.cancel') }}</button>
          <button type="submit" class="button primary" [disabled]="busy()">{{ t('board.pauseConfirm') }}</button>
        </div>
      </form>
    </parley-modal>
  `,
  styles: `
    .form { display: flex; flex-direction: column; gap: 14px; }
    p { margin: 0; color: #334155; }
    .actions { display: flex; justify-content: flex-end; gap: 8px; }
  `,
})
export class PauseDialog implements OnInit {
  private readonly api = inject(ChatApi);
  protected readonly t = inject(I18n).t;
  readonly agent = input.required<{ id: string; name: string }>();
  readonly reasons = input.required<string[]>();
  readonly done = output<void>();
  protected readonly reason = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal('');

  ngOnInit(): void {
    this.reason.set(this.reasons()[0] ?? '');
  }

  protected async pause(event: Event): Promise<void> {
    event.preventDefault();
    this.busy.set(true);
    this.error.set('');
    try {
      await this.api.mutate(PAUSE_AGENT, { agentId: this.agent().id, reason: this.reason() || null });
      this.done.emit();
    } catch (error) {
      this.error.set(describeError(error, this.t));
      this.busy.set(false);
    }
  }
}

/** Logs an agent out after a confirmation: their sessions end and their chats go back to the queue. */
@Component({
  selector: 'parley-logout-dialog',
  imports: [Modal],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-modal [heading]="t('board.logoutTitle', { name: agent().name })" (closed)="done.emit()">
      <p>{{ chats() > 0 ? t('board.logoutChats', { count: chats() }) : t('board.logoutNoChats') }}</p>
      @if (error()) { <p class="alert" role="alert">{{ error() }}</p> }
      <div class="actions">
        <button type="button" class="button" (click)="done.emit()">{{ t('common.cancel') }}</button>
        <button type="button" class="button danger" [disabled]="busy()" (click)="logout()">{{ t('board.logoutConfirm') }}</button>
      </div>
    </parley-modal>
  `,
  styles: `
    p { margin: 0; color: #334155; }
    .actions { display: flex; justify-content: flex-end; gap: 8px; }
    .button.danger { background: #b91c1c; border-color: #b91c1c; color: #fff; }
    .button.danger:hover { background: #991b1b; }
  `,
})
export class LogoutDialog {
  private readonly api = inject(ChatApi);
  protected readonly t = inject(I18n).t;
  readonly agent = input.required<{ id: string; name: string }>();
  readonly chats = input(0);
  readonly done = output<void>();
  protected readonly busy = signal(false);
  protected readonly error = signal('');

  protected async logout(): Promise<void> {
    this.busy.set(true);
    this.error.set('');
    try {
      await this.api.mutate(LOGOUT_AGENT, { agentId: this.agent().id });
      this.done.emit();
    } catch (error) {
      this.error.set(describeError(error, this.t));
      this.busy.set(false);
    }
  }
}
