import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import { choiceValue, parseChoice } from './agent-state';
import { AgentDesk } from './desk.store';

/** Always in the top bar for agents: available, paused for a reason, or logged out of the queues. */
@Component({
  selector: 'parley-agent-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label class="state" [class]="'state ' + desk.state().toLowerCase()">
      <span class="dot" aria-hidden="true"></span>
      <span class="visually-hidden">{{ t('state.label') }}</span>
      <select [value]="value()" (change)="choose($event)" [disabled]="desk.changingState()" [attr.aria-label]="t('state.label')" data-testid="agent-state">
        <option value="AVAILABLE" [selected]="value() === 'AVAILABLE'">{{ t('state.available') }}</option>
        <optgroup [label]="t('state.pause')">
          @for (reason of reasons(); track reason) {
            <option [value]="'PAUSED:' + reason" [selected]="value() === 'PAUSED:' + reason">{{ t('state.pausedFor', { reason }) }}</option>
          }
        </optgroup>
        <option value="OFFLINE" [selected]="value() === 'OFFLINE'">{{ t('state.logOut') }}</option>
      </select>
    </label>
    @if (desk.error()) {
      <span class="error" role="alert">{{ desk.error() }}</span>
    }
  `,
  styles: `
    :host { display: inline-flex; align-items: center; gap: 8px; }
    .state { display: inline-flex; align-items: center; gap: 8px; border: 1px solid var(--border); border-radius: 999px; padding: 2px 4px 2px 12px; background: #fff; }
    .dot { width: 10px; height: 10px; border-radius: 50%; background: #94a3b8; box-shadow: 0 0 0 3px #f1f5f9; }
    .available { border-color: #86efac; background: #f0fdf4; } .available .dot { background: #16a34a; box-shadow: 0 0 0 3px #dcfce7; }
    .paused { border-color: #fcd34d; background: #fffbeb; } .paused .dot { background: #d97706; box-shadow: 0 0 0 3px #fef3c7; }
    select { font: inherit; font-weight: 600; border: 0; background: transparent; padding: 5px 6px; border-radius: 999px; cursor: pointer; color: var(--text); max-width: 220px; }
    select:focus-visible { outline: 2px solid var(--accent); }
    .error { color: var(--danger); font-size: 12px; }
  `,
})
export class AgentStateControl {
  protected readonly desk = inject(AgentDesk);
  protected readonly t = inject(I18n).t;
  protected readonly value = computed(() => choiceValue(this.desk.state(), this.desk.pauseReason()));
  /** The installation's reasons, plus the current one if an admin removed it since. */
  protected readonly reasons = computed(() => {
    const reasons = this.desk.pauseReasons();
    const current = this.desk.pauseReason();
    return current && !reasons.includes(current) ? [...reasons, current] : reasons;
  });

  protected choose(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const choice = parseChoice(select.value);
    if (!choice) return;
    const open = this.desk.inbox().length;
    if (choice.state === 'OFFLINE' && open > 0 && !confirm(this.t('state.logOutConfirm', { count: open }))) {
      select.value = this.value();
      return;
    }
    void this.desk.setState(choice);
  }
}
