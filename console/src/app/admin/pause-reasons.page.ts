import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';
import { Apollo, gql } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { describeError } from '../core/errors';
import { I18n } from '../core/i18n/i18n.service';

const PAUSE_REASONS = gql`
  query PauseReasons {
    pauseReasons
  }
`;
const SET_PAUSE_REASONS = gql`
  mutation SetPauseReasons($reasons: [String!]!) {
    setPauseReasons(reasons: $reasons)
  }
`;

/** The reasons agents pick from when they pause, for the whole installation (admins). */
@Component({
  selector: 'parley-pause-reasons',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <h1>{{ t('pauseReasons.title') }}</h1>
      <p class="sub">{{ t('pauseReasons.intro') }}</p>
    </div>
    <form class="panel section" (submit)="save($event)" novalidate [attr.aria-label]="t('pauseReasons.title')">
      <ol class="reasons">
        @for (reason of reasons(); track $index; let i = $index) {
          <li>
            <input [value]="reason" (input)="edit(i, $any($event.target).value)" maxlength="60" [attr.aria-label]="t('pauseReasons.reason', { n: i + 1 })" />
            <button type="button" class="button ghost" (click)="move(i, -1)" [disabled]="i === 0" [attr.aria-label]="t('pauseReasons.up', { n: i + 1 })">↑</button>
            <button type="button" class="button ghost" (click)="move(i, 1)" [disabled]="i === reasons().length - 1" [attr.aria-label]="t('pauseReasons.down', { n: i + 1 })">↓</button>
            <button type="button" class="button ghost" (click)="remove(i)" [attr.aria-label]="t('pauseReasons.remove', { n: i + 1 })">{{ t('common.remove') }}</button>
          </li>
        } @empty {
          <li class="empty">{{ loading() ? t('inbox.loading') : t('pauseReasons.none') }}</li>
        }
      </ol>
      <button type="button" class="button" (click)="add()">+ {{ t('pauseReasons.add') }}</button>
      <div class="actions">
        @if (error()) { <p class="alert" role="alert">{{ error() }}</p> }
        @if (saved()) { <p class="notice" role="status">{{ t('common.saved') }}</p> }
        <button type="submit" class="button primary" [disabled]="busy()">{{ busy() ? t('common.saving') : t('common.saveChanges') }}</button>
      </div>
    </form>
  `,
  styles: `
    .heading { margin-bottom: 20px; }
    h1 { font-size: 24px; }
    .sub { margin: 4px 0 0; color: #475569; }
    .section { padding: 20px 24px; max-width: 640px; display: flex; flex-direction: column; gap: 14px; align-items: flex-start; }
    .reasons { margin: 0; padding-left: 22px; display: flex; flex-direction: column; gap: 8px; width: 100%; }
    .reasons li { display: flex; gap: 4px; align-items: center; }
    .reasons input { flex: 1; font: inherit; border: 1px solid #cbd5e1; border-radius: 8px; padding: 7px 10px; }
    .reasons input:focus { outline: 2px solid #bfdbfe; border-color: var(--accent); }
    .empty { color: var(--muted); list-style: none; margin-left: -22px; }
    .actions { display: flex; gap: 12px; align-items: center; justify-content: flex-end; width: 100%; border-top: 1px solid var(--border); padding-top: 14px; }
    .actions .alert, .actions .notice { margin-right: auto; }
  `,
})
export class PauseReasonsPage implements OnInit {
  private readonly apollo = inject(Apollo);
  protected readonly t = inject(I18n).t;
  protected readonly reasons = signal<string[]>([]);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly error = signal('');

  async ngOnInit(): Promise<void> {
    try {
      const { data } = await firstValueFrom(this.apollo.query<{ pauseReasons: string[] }>({ query: PAUSE_REASONS, fetchPolicy: 'network-only' }));
      this.reasons.set([...(data?.pauseReasons ?? [])]);
    } catch (error) {
      this.error.set(describeError(error, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  protected edit(index: number, value: string): void {
    this.saved.set(false);
    this.reasons.update((list) => list.map((reason, i) => (i === index ? value : reason)));
  }

  protected add(): void {
    this.saved.set(false);
    this.reasons.update((list) => [...list, '']);
    setTimeout(() => document.querySelector<HTMLInputElement>('.reasons li:last-child input')?.focus());
  }

  protected remove(index: number): void {
    this.saved.set(false);
    this.reasons.update((list) => list.filter((_, i) => i !== index));
  }

  protected move(index: number, step: number): void {
    this.reasons.update((list) => {
      const next = [...list];
      const [reason] = next.splice(index, 1);
      next.splice(index + step, 0, reason!);
      return next;
    });
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const reasons = this.reasons().map((reason) => reason.trim()).filter((reason) => reason !== '');
    this.busy.set(true);
    this.error.set('');
    this.saved.set(false);
    try {
      const { data } = await firstValueFrom(this.apollo.mutate<{ setPauseReasons: string[] }>({ mutation: SET_PAUSE_REASONS, variables: { reasons } }));
      this.reasons.set([...(data?.setPauseReasons ?? reasons)]);
      this.saved.set(true);
    } catch (error) {
      this.error.set(describeError(error, this.t));
    } finally {
      this.busy.set(false);
    }
  }
}
