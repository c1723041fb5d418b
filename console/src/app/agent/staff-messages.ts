import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import { SidePanel } from '../shared/side-panel';
import { StaffChat } from '../shared/staff-chat.store';
import { StaffThread } from '../shared/staff-thread';

/**
 * The agent's side of supervisor ↔ agent chat: a button in the top bar with the unread count, and a
 * drawer with each supervisor's messages and a reply box. Supervisors start the conversations.
 */
@Component({
  selector: 'parley-staff-messages',
  imports: [SidePanel, StaffThread],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="toggle" [class.unread]="chat.unreadTotal() > 0" (click)="open.set(!open())" [attr.aria-expanded]="open()" data-testid="staff-messages-button"
      [attr.aria-label]="chat.unreadTotal() > 0 ? t('staff.buttonUnread', { count: chat.unreadTotal() }) : t('staff.title')">
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>
      <span class="label" aria-hidden="true">{{ t('staff.short') }}</span>
      @if (chat.unreadTotal() > 0) { <span class="badge" aria-hidden="true" data-testid="staff-unread">{{ chat.unreadTotal() }}</span> }
    </button>
    @if (open()) {
      <parley-side-panel [heading]="t('staff.title')" [subheading]="t('staff.agentIntro')" testId="staff-messages-panel" (closed)="open.set(false)">
        @if (chat.people().length > 1) {
          <div class="people" role="group" [attr.aria-label]="t('staff.people')">
            @for (person of chat.people(); track person.id) {
              <button type="button" [attr.aria-pressed]="person.id === current()?.id" (click)="chosen.set(person.id)">
                {{ person.name }}
                @if (chat.unread(person.id) > 0 && person.id !== current()?.id) { <span class="badge" aria-hidden="true">{{ chat.unread(person.id) }}</span><span class="visually-hidden">{{ t('inbox.unread', { count: chat.unread(person.id) }) }}</span> }
              </button>
            }
          </div>
        }
        @if (current(); as person) {
          <parley-staff-thread [person]="person" />
        } @else {
          <p class="empty">{{ t('staff.noneYet') }}</p>
        }
      </parley-side-panel>
    }
  `,
  styles: `
    :host { display: inline-flex; }
    .toggle { display: inline-flex; align-items: center; gap: 6px; border: 1px solid var(--border); background: #fff; border-radius: 999px; padding: 5px 12px; font: inherit; font-size: 13px; font-weight: 600; color: #334155; cursor: pointer; }
    .toggle:hover, .toggle[aria-expanded='true'] { border-color: #93c5fd; color: var(--accent); }
    .toggle.unread { border-color: #93c5fd; background: #eff6ff; color: #1d4ed8; }
    .toggle:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
    .badge { background: var(--accent); color: #fff; border-radius: 999px; font-size: 11px; font-weight: 700; padding: 0 7px; }
    .people { display: flex; gap: 4px; padding: 8px 12px; border-bottom: 1px solid var(--border); flex-wrap: wrap; }
    .people button { border: 1px solid var(--border); background: #fff; border-radius: 999px; padding: 3px 10px; font: inherit; font-size: 12.5px; cursor: pointer; display: inline-flex; gap: 6px; align-items: center; }
    .people button[aria-pressed='true'] { background: #eff6ff; border-color: #93c5fd; color: #1d4ed8; font-weight: 600; }
    .empty { color: #475569; padding: 24px 18px; text-align: center; }
    @media (max-width: 900px) { .label { display: none; } }
  `,
})
export class StaffMessages {
  protected readonly chat = inject(StaffChat);
  protected readonly t = inject(I18n).t;
  protected readonly open = signal(false);
  protected readonly chosen = signal<string | null>(null);
  /** The chosen supervisor, else whoever wrote last. */
  protected readonly current = computed(() => {
    const people = this.chat.people();
    return people.find((person) => person.id === this.chosen()) ?? people[0] ?? null;
  });
}
