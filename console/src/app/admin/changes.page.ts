import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { gql } from 'apollo-angular';
import { describeError } from '../core/errors';
import type { MessageKey } from '../core/i18n/i18n';
import { I18n } from '../core/i18n/i18n.service';
import { AdminApi } from './admin-api';
import { actionKey, changeLabel } from './change-words';

interface AuditEvent { id: string; action: string; subjectType: string; subjectId: string | null; changes: string[]; at: string; actor: { name: string } | null }

const PAGE = 50;
const AUDIT_LOG = gql`
  query AdminAuditLog($first: Int, $before: DateTime) { auditLog(first: $first, before: $before) { id action subjectType subjectId changes at actor { name } } }
`;
/** The names of what the log's ids point at: the log itself holds ids only. */
const SUBJECTS = gql`
  query AuditSubjects { campaigns(includeArchived: true) { id name } users { id name } qualityModels(includeArchived: true) { id name } apiKeys { id name } }
`;

/** Who changed which setting, newest first (admins): the configuration side of the audit log. */
@Component({
  selector: 'parley-changes',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <div>
        <h1>{{ t('changes.title') }}</h1>
        <p class="sub">{{ t('changes.intro') }}</p>
      </div>
      <div class="links">
        <a class="button" routerLink="/audit-log">{{ t('changes.spyLink') }}</a>
        <button type="button" class="button" (click)="reload()" [disabled]="loading()">{{ t('audit.refresh') }}</button>
      </div>
    </div>
    @if (error()) { <p class="alert" role="alert">{{ error() }}</p> }
    <div class="panel">
      <table data-testid="changes-log">
        <caption class="visually-hidden">{{ t('changes.title') }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ t('changes.when') }}</th>
            <th scope="col">{{ t('changes.who') }}</th>
            <th scope="col">{{ t('changes.what') }}</th>
            <th scope="col">{{ t('changes.settings') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (event of events(); track event.id) {
            <tr data-testid="change-row">
              <td class="when">{{ i18n.dateTime(event.at) }}</td>
              <td>{{ event.actor?.name ?? t('changes.deletedUser') }}</td>
              <td><strong>{{ t(action(event.action)) }}</strong><small>{{ subject(event) }}</small></td>
              <td>
                <span class="chips">
                  @for (change of event.changes; track $index) { <span class="pill scope">{{ label(event, change) }}</span> }
                  @empty { <span class="muted">—</span> }
                </span>
              </td>
            </tr>
          } @empty {
            <tr><td colspan="4" class="empty">{{ loading() ? t('inbox.loading') : t('changes.none') }}</td></tr>
          }
        </tbody>
      </table>
    </div>
    @if (more()) {
      <div class="more"><button type="button" class="button" (click)="loadOlder()" [disabled]="loading()">{{ t('changes.older') }}</button></div>
    }
  `,
  styleUrl: './admin-screen.css',
  styles: `
    .links { display: flex; gap: 8px; }
    .when { white-space: nowrap; color: #475569; }
    .chips { display: flex; flex-wrap: wrap; gap: 4px; max-width: 420px; }
    .more { display: flex; justify-content: center; margin-top: 14px; }
  `,
})
export class ChangesPage {
  private readonly api = inject(AdminApi);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly events = signal<AuditEvent[]>([]);
  protected readonly loading = signal(true);
  protected readonly more = signal(false);
  protected readonly error = signal('');
  private names = new Map<string, string>();

  constructor() {
    void this.reload();
  }

  protected action(action: string): MessageKey {
    return actionKey(action);
  }

  protected label(event: AuditEvent, change: string): string {
    return changeLabel(event.subjectType, change, this.t);
  }

  protected subject(event: AuditEvent): string {
    if (event.subjectType === 'pauseReasons') return this.t('changes.subject.pauseReasons');
    return (event.subjectId && this.names.get(event.subjectId)) ?? '';
  }

  async reload(): Promise<void> {
    this.events.set([]);
    try {
      const subjects = await this.api.query<Record<string, { id: string; name: string }[]>>(SUBJECTS);
      this.names = new Map(Object.values(subjects).flat().map((subject) => [subject.id, subject.name]));
    } catch {
      // Names are a convenience: the log still shows without them.
    }
    await this.loadOlder();
  }

  async loadOlder(): Promise<void> {
    this.loading.set(true);
    this.error.set('');
    try {
      const before = this.events().at(-1)?.at ?? null;
      const { auditLog } = await this.api.query<{ auditLog: AuditEvent[] }>(AUDIT_LOG, { first: PAGE, before });
      this.events.update((events) => [...events, ...auditLog]);
      this.more.set(auditLog.length === PAGE);
    } catch (error) {
      this.error.set(describeError(error, this.t));
    } finally {
      this.loading.set(false);
    }
  }
}
