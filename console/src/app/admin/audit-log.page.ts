import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { gql } from 'apollo-angular';
import { ChatApi } from '../agent/chat-api';
import { describeError } from '../core/errors';
import { I18n } from '../core/i18n/i18n.service';
import { formatDuration } from '../shared/chat-time';
import { Clock } from '../shared/clock';

const SPY_SESSIONS = gql`
  query SpySessions { spySessions(first: 200) { id startedAt endedAt supervisor { name email } agent { name } interaction { id contact { name } campaign { name } } } }
`;

interface SpySession {
  id: string;
  startedAt: string;
  endedAt: string | null;
  supervisor: { name: string; email: string };
  agent: { name: string } | null;
  interaction: { id: string; contact: { name: string }; campaign: { name: string } };
}

/** Who watched which chat live (spy), newest first: the record the API keeps of every spy session (admins). */
@Component({
  selector: 'parley-audit-log',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <div>
        <h1>{{ t('audit.title') }}</h1>
        <p class="sub">{{ t('audit.intro') }}</p>
      </div>
      <button type="button" class="button" (click)="load()" [disabled]="loading()">{{ t('audit.refresh') }}</button>
    </div>
    @if (error()) { <p class="alert" role="alert">{{ error() }}</p> }
    <div class="panel">
      <table data-testid="audit-log">
        <caption class="visually-hidden">{{ t('audit.title') }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ t('audit.supervisor') }}</th>
            <th scope="col">{{ t('audit.agent') }}</th>
            <th scope="col">{{ t('audit.chat') }}</th>
            <th scope="col">{{ t('audit.started') }}</th>
            <th scope="col">{{ t('audit.ended') }}</th>
            <th scope="col" class="num">{{ t('audit.duration') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (session of sessions(); track session.id) {
            <tr data-testid="audit-row">
              <td><strong>{{ session.supervisor.name }}</strong><small>{{ session.supervisor.email }}</small></td>
              <td>{{ session.agent?.name ?? '—' }}</td>
              <td><a [routerLink]="['/recordings', session.interaction.id]">{{ session.interaction.contact.name }}</a><small>{{ session.interaction.campaign.name }}</small></td>
              <td class="when">{{ i18n.dateTime(session.startedAt) }}</td>
              <td class="when">
                @if (session.endedAt) { {{ i18n.dateTime(session.endedAt) }} } @else { <span class="live">{{ t('audit.watching') }}</span> }
              </td>
              <td class="num">{{ duration(session) }}</td>
            </tr>
          } @empty {
            <tr><td colspan="6" class="empty">{{ loading() ? t('inbox.loading') : t('audit.none') }}</td></tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .heading { display: flex; align-items: flex-end; justify-content: space-between; gap: 16px; margin-bottom: 20px; }
    h1 { font-size: 24px; }
    .sub { margin: 4px 0 0; color: #475569; max-width: 720px; }
    .alert { margin-bottom: 16px; }
    table { width: 100%; border-collapse: collapse; }
    th { text-align: left; font-size: 11.5px; text-transform: uppercase; letter-spacing: .05em; color: #475569; font-weight: 600; padding: 11px 16px; border-bottom: 1px solid var(--border); background: #f8fafc; }
    td { padding: 12px 16px; border-bottom: 1px solid #eef2f7; font-size: 13.5px; vertical-align: top; }
    tr:last-child td { border-bottom: 0; }
    td small { display: block; color: #475569; font-size: 12px; }
    td a { font-weight: 600; }
    .when { white-space: nowrap; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .live { background: #fef3c7; color: #92400e; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; }
    .empty { text-align: center; color: #475569; padding: 32px; }
  `,
})
export class AuditLogPage {
  private readonly api = inject(ChatApi);
  private readonly clock = inject(Clock);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly sessions = signal<SpySession[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal('');

  constructor() {
    void this.load();
  }

  protected duration(session: SpySession): string {
    const end = session.endedAt ? Date.parse(session.endedAt) : this.clock.now();
    return formatDuration((end - Date.parse(session.startedAt)) / 1000);
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set('');
    try {
      const { spySessions } = await this.api.query<{ spySessions: SpySession[] }>(SPY_SESSIONS);
      this.sessions.set(spySessions);
    } catch (error) {
      this.error.set(describeError(error, this.t));
    } finally {
      this.loading.set(false);
    }
  }
}
