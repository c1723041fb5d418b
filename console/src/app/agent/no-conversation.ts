import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import { AgentDesk } from './desk.store';

@Component({
  selector: 'parley-no-conversation',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="empty">
      <svg class="art" viewBox="0 0 24 24" width="44" height="44" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/><path d="M8.5 12h.01M12 12h.01M15.5 12h.01"/></svg>
      <h2>{{ t(desk.inbox().length > 0 ? 'workspace.pickChat' : 'workspace.noChats') }}</h2>
      <p>{{ t(desk.state() === 'AVAILABLE' ? 'workspace.availableHint' : 'workspace.unavailableHint') }}</p>
    </div>
  `,
  styles: `
    :host { display: grid; place-items: center; height: 100%; }
    .empty { text-align: center; max-width: 360px; color: var(--muted); }
    .art { color: #94a3b8; margin-bottom: 8px; }
    h2 { font-size: 17px; color: var(--text); margin-bottom: 6px; }
    p { margin: 0; }
  `,
})
export class NoConversation {
  protected readonly desk = inject(AgentDesk);
  protected readonly t = inject(I18n).t;
}
