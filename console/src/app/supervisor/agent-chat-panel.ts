import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import { SidePanel } from '../shared/side-panel';
import type { StaffPerson } from '../shared/staff-chat';
import { StaffChat } from '../shared/staff-chat.store';
import { StaffThread } from '../shared/staff-thread';

/** The supervisor's side of a conversation with one agent, beside the board. */
@Component({
  selector: 'parley-agent-chat-panel',
  imports: [SidePanel, StaffThread],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-side-panel [heading]="t('staff.chatWith', { name: agent().name })" [subheading]="t('staff.privateToAgent')" testId="staff-chat-panel" (closed)="closed.emit()">
      @if (error()) { <p class="alert" role="alert">{{ error() }}</p> }
      <parley-staff-thread [person]="agent()" />
    </parley-side-panel>
  `,
  styles: `.alert { margin: 10px 16px 0; }`,
})
export class AgentChatPanel {
  private readonly chat = inject(StaffChat);
  protected readonly t = inject(I18n).t;
  readonly agent = input.required<StaffPerson>();
  readonly closed = output<void>();
  protected readonly error = signal('');

  constructor() {
    const agentId = computed(() => this.agent().id);
    effect(() => {
      const id = agentId();
      untracked(() =>
        this.chat.load(id).then(
          () => this.error.set(''),
          () => this.error.set(this.t('staff.loadFailed')),
        ),
      );
    });
  }
}
