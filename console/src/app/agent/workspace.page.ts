import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { I18n } from '../core/i18n/i18n.service';
import { AgentDesk } from './desk.store';
import { Inbox } from './inbox';

/** The agent's workspace: the inbox on the left, the open conversation on the right. */
@Component({
  selector: 'parley-workspace',
  imports: [RouterOutlet, Inbox],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
  template: `
    <h1 class="visually-hidden">{{ t('workspace.title') }}</h1>
    <parley-inbox [selectedId]="selectedId()" />
    <section class="conversation" [attr.aria-label]="t('workspace.conversation')">
      <router-outlet />
    </section>
    <div class="shortcuts">
      <button type="button" class="help" [attr.aria-expanded]="helpOpen()" aria-controls="shortcut-help" (click)="helpOpen.set(!helpOpen())"
        [attr.aria-label]="t('shortcuts.title')" [title]="t('shortcuts.title')">⌨</button>
      @if (helpOpen()) {
        <div class="tooltip" id="shortcut-help" role="tooltip">
          <strong>{{ t('shortcuts.title') }}</strong>
          <dl>
            <dt><kbd>Enter</kbd></dt><dd>{{ t('shortcuts.send') }}</dd>
            <dt><kbd>Shift</kbd>+<kbd>Enter</kbd></dt><dd>{{ t('shortcuts.newLine') }}</dd>
            <dt><kbd>Alt</kbd>+<kbd>↑</kbd> / <kbd>↓</kbd></dt><dd>{{ t('shortcuts.move') }}</dd>
            <dt><kbd>Alt</kbd>+<kbd>C</kbd></dt><dd>{{ t('shortcuts.close') }}</dd>
            <dt><kbd>/</kbd></dt><dd>{{ t('shortcuts.canned') }}</dd>
            <dt><kbd>Esc</kbd></dt><dd>{{ t('shortcuts.escape') }}</dd>
          </dl>
        </div>
      }
    </div>
  `,
  styles: `
    :host { display: grid; grid-template-columns: 320px minmax(0, 1fr); flex: 1; min-height: 560px; position: relative; }
    .conversation { min-width: 0; min-height: 0; background: #fff; display: flex; flex-direction: column; }
    .conversation > ::ng-deep :not(router-outlet) { flex: 1; min-height: 0; }
    .shortcuts { position: absolute; left: 12px; bottom: 12px; }
    .help { width: 32px; height: 32px; border-radius: 50%; border: 1px solid var(--border); background: #fff; color: #334155; cursor: pointer; font-size: 15px; box-shadow: 0 1px 3px rgba(15,23,42,.08); }
    .help:hover, .help[aria-expanded='true'] { border-color: var(--accent); color: var(--accent); }
    .tooltip { position: absolute; bottom: 40px; left: 0; width: 290px; background: #0f172a; color: #e2e8f0; padding: 12px 14px; border-radius: 10px; box-shadow: 0 12px 32px rgba(15,23,42,.25); z-index: 20; font-size: 13px; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 6px 12px; margin: 8px 0 0; }
    dt { white-space: nowrap; } dd { margin: 0; color: #cbd5e1; }
    kbd { font: 600 11px/1 ui-monospace, monospace; background: #1e293b; border: 1px solid #334155; border-radius: 4px; padding: 2px 5px; color: #fff; }
  `,
})
export class WorkspacePage {
  private readonly router = inject(Router);
  protected readonly desk = inject(AgentDesk);
  protected readonly t = inject(I18n).t;
  protected readonly helpOpen = signal(false);

  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );
  protected readonly selectedId = computed(() => /^\/workspace\/([^/?#]+)/.exec(this.url())?.[1] ?? null);

  /** Alt+ArrowUp / Alt+ArrowDown move between open chats; Escape closes the shortcut help. */
  protected onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.helpOpen()) {
      this.helpOpen.set(false);
      return;
    }
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const chats = this.desk.inbox();
    if (chats.length === 0) return;
    event.preventDefault();
    const index = chats.findIndex((chat) => chat.id === this.selectedId());
    const step = event.key === 'ArrowDown' ? 1 : -1;
    const next = index < 0 ? (step > 0 ? 0 : chats.length - 1) : (index + step + chats.length) % chats.length;
    void this.router.navigate(['/workspace', chats[next]!.id]);
  }
}
