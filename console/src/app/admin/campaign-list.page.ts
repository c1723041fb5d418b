import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { SessionStore } from '../core/session.store';
import type { MessageKey } from '../core/i18n/i18n';
import { I18n } from '../core/i18n/i18n.service';
import { describeError } from '../core/errors';
import { AdminApi, refusalOf } from './admin-api';
import { AdminDialog } from './admin-dialog';
import { refusalWords } from './refusal-words';
import { ARCHIVE_CAMPAIGN, CAMPAIGNS, DELETE_CAMPAIGN, RESTORE_CAMPAIGN, type CampaignSummary, type Distribution } from './campaign.operations';

const distributionLabel = (distribution: Distribution) => `distributionShort.${distribution}` as MessageKey;

/** What an admin is confirming: archive and restore keep everything; delete is only offered while no chat has reached the campaign. */
type Change = { kind: 'archive' | 'restore' | 'delete'; campaign: CampaignSummary };
const MUTATIONS = { archive: ARCHIVE_CAMPAIGN, restore: RESTORE_CAMPAIGN, delete: DELETE_CAMPAIGN } as const;

@Component({
  selector: 'parley-campaign-list',
  imports: [RouterLink, AdminDialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <div>
        <h1>{{ t('shell.campaigns') }}</h1>
        <p class="sub">{{ t('campaigns.intro') }}</p>
      </div>
      @if (session.canManage()) {
        <a class="button primary" routerLink="/campaigns/new">+ {{ t('editor.newCampaign') }}</a>
      }
    </div>
    @if (created(); as c) {
      <section class="panel created" aria-labelledby="created-title" data-testid="created-campaign">
        <div class="created-head">
          <h2 id="created-title">{{ t('campaignCreated.title', { name: c.name }) }}</h2>
          <button type="button" class="button ghost" (click)="created.set(null)">{{ t('campaignCreated.dismiss') }}</button>
        </div>
        <p class="sub">{{ t('campaignCreated.body') }}</p>
        <div class="embed">
          <code data-testid="created-embed-code">{{ c.embedCode }}</code>
          <button type="button" class="button" (click)="copy(c.embedCode)">{{ copied() ? t('editor.copied') : t('editor.copy') }}</button>
        </div>
        <a class="button primary next" [routerLink]="['/campaigns', c.id]">{{ t('campaignCreated.next') }}</a>
      </section>
    }
    @if (error(); as error) {
      <p class="alert" role="alert">{{ error }}</p>
    }
    <p class="notice-line" role="status">@if (notice()) { <span class="notice">{{ notice() }}</span> }</p>
    <div class="toolbar">
      <label class="check">
        <input type="checkbox" [checked]="showArchived()" (change)="setShowArchived($any($event.target).checked)" />
        {{ t('campaignArchive.show') }}
      </label>
    </div>
    <div class="panel">
      <table>
        <caption class="visually-hidden">{{ t('shell.campaigns') }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ t('editor.name') }}</th><th scope="col">{{ t('campaigns.status') }}</th><th scope="col">{{ t('campaigns.hours') }}</th>
            <th scope="col">{{ t('campaigns.routing') }}</th><th scope="col" class="num">{{ t('campaigns.agents') }}</th>
            @if (isAdmin()) { <th scope="col"><span class="visually-hidden">{{ t('campaignArchive.actions') }}</span></th> }
          </tr>
        </thead>
        <tbody>
          @for (campaign of campaigns(); track campaign.id) {
            <tr [class.archived-row]="campaign.archived">
              <td>
                @if (campaign.archived) {
                  <span class="name"><span class="swatch" aria-hidden="true" [style.background]="campaign.colour"></span>{{ campaign.name }}</span>
                  <small class="muted">{{ t('campaignArchive.archivedOn', { date: dateTime(campaign.archivedAt) }) }}</small>
                } @else {
                  <a class="name" [routerLink]="['/campaigns', campaign.id]">
                    <span class="swatch" aria-hidden="true" [style.background]="campaign.colour"></span>{{ campaign.name }}
                  </a>
                }
              </td>
              <td>
                @if (campaign.archived) { <span class="badge archived">{{ t('campaignArchive.archived') }}</span> }
                @else { <span class="badge" [class.on]="campaign.enabled" [class.off]="!campaign.enabled">{{ campaign.enabled ? t('common.enabled') : t('common.disabled') }}</span> }
              </td>
              <td>
                @if (!campaign.archived) { <span class="badge" [class.open]="campaign.openNow" [class.off]="!campaign.openNow">{{ campaign.openNow ? t('campaigns.openNow') : t('campaigns.closedNow') }}</span> }
              </td>
              <td>{{ t(distributionLabel(campaign.distribution)) }}</td>
              <td class="num">{{ campaign.members.length }}</td>
              @if (isAdmin()) {
                <td>
                  <div class="row-actions">
                    @if (campaign.archived) {
                      <button type="button" class="button ghost" (click)="open('restore', campaign)" [attr.aria-label]="t('campaignArchive.restoreOf', { name: campaign.name })">{{ t('campaignArchive.restore') }}</button>
                    } @else {
                      <button type="button" class="button ghost" (click)="open('archive', campaign)" [attr.aria-label]="t('campaignArchive.archiveOf', { name: campaign.name })">{{ t('campaignArchive.archive') }}</button>
                    }
                    @if (!campaign.hasInteractions) {
                      <button type="button" class="button ghost" (click)="open('delete', campaign)" [attr.aria-label]="t('campaignArchive.deleteOf', { name: campaign.name })">{{ t('campaignArchive.delete') }}</button>
                    }
                  </div>
                </td>
              }
            </tr>
          } @empty {
            <tr><td [attr.colspan]="isAdmin() ? 6 : 5" class="empty">{{ loading() ? t('inbox.loading') : t('campaigns.none') }}</td></tr>
          }
        </tbody>
      </table>
    </div>
    @if (change(); as c) {
      <parley-admin-dialog [heading]="t(dialogKey(c, 'dialog'), { name: c.campaign.name })" (dismissed)="close()">
        <form class="form" (submit)="confirm($event, c)" novalidate>
          <p>{{ t(question(c)) }}</p>
          @if (dialogError()) { <p class="alert" role="alert">{{ dialogError() }}</p> }
          <div class="dialog-actions">
            <button type="button" class="button" (click)="close()">{{ t('common.cancel') }}</button>
            <button type="submit" class="button" [class.primary]="c.kind !== 'delete'" [class.danger]="c.kind === 'delete'" [disabled]="busy()">
              {{ t(dialogKey(c, 'confirm')) }}
            </button>
          </div>
        </form>
      </parley-admin-dialog>
    }
  `,
  styles: `
    .heading { display: flex; align-items: flex-end; justify-content: space-between; gap: 16px; margin-bottom: 20px; }
    h1 { font-size: 24px; }
    .sub { margin: 4px 0 0; color: #475569; }
    .alert { margin-bottom: 16px; }
    .toolbar { display: flex; justify-content: flex-end; margin-bottom: 10px; }
    .check { font-size: 13.5px; color: #334155; }
    .notice-line { margin: 0 0 12px; }
    .notice-line:empty { display: none; }
    .notice-line .notice { display: block; }
    table { width: 100%; border-collapse: collapse; }
    th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; padding: 12px 16px; border-bottom: 1px solid var(--border); }
    td { padding: 14px 16px; border-bottom: 1px solid #f1f5f9; }
    td small { display: block; margin-top: 2px; font-size: 12px; color: #475569; }
    tr:last-child td { border-bottom: 0; }
    .num { text-align: right; }
    .name { display: inline-flex; align-items: center; gap: 10px; font-weight: 600; color: var(--text); text-decoration: none; }
    a.name:hover { color: var(--accent); }
    .archived-row .name { color: #475569; }
    .badge.archived { background: #fef3c7; color: #92400e; }
    .swatch { width: 12px; height: 12px; border-radius: 4px; }
    .row-actions { display: flex; gap: 4px; justify-content: flex-end; }
    .row-actions .button { padding: 5px 10px; font-size: 13px; }
    .empty { text-align: center; color: var(--muted); padding: 32px; }
    .form { display: flex; flex-direction: column; gap: 14px; }
    .form p:first-child { margin: 0; line-height: 1.5; }
    .dialog-actions { display: flex; justify-content: flex-end; gap: 10px; padding-top: 6px; }
    .button.danger { background: var(--danger); border-color: var(--danger); color: #fff; }
    .button.danger:hover { background: #991b1b; }
    .created { padding: 18px 22px; margin-bottom: 18px; border-left: 4px solid var(--success); display: flex; flex-direction: column; gap: 10px; align-items: flex-start; }
    .created-head { display: flex; justify-content: space-between; align-items: center; width: 100%; }
    .created h2 { font-size: 16px; margin: 0; }
    .created .sub { margin: 0; color: #475569; }
    .embed { display: flex; gap: 10px; align-items: center; width: 100%; }
    .embed code { flex: 1; background: #0f172a; color: #e2e8f0; padding: 10px 12px; border-radius: 8px; font-size: 12px; word-break: break-all; }
  `,
})
export class CampaignListPage {
  private readonly api = inject(AdminApi);
  private readonly i18n = inject(I18n);
  protected readonly session = inject(SessionStore);
  protected readonly t = this.i18n.t;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly distributionLabel = distributionLabel;
  protected readonly isAdmin = computed(() => this.session.user()?.role === 'ADMIN');
  /** The campaign the editor has just created (navigation state): its embed code, shown once here. */
  protected readonly created = signal<{ id: string; name: string; embedCode: string } | null>(
    (history.state as { created?: { id: string; name: string; embedCode: string } } | null)?.created ?? null,
  );
  protected readonly copied = signal(false);
  protected readonly campaigns = signal<CampaignSummary[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  protected readonly showArchived = signal(false);
  protected readonly change = signal<Change | null>(null);
  protected readonly busy = signal(false);
  protected readonly dialogError = signal('');

  constructor() {
    void this.load();
  }

  protected copy(code: string): void {
    void navigator.clipboard?.writeText(code).then(() => this.copied.set(true));
  }

  protected setShowArchived(show: boolean): void {
    this.showArchived.set(show);
    void this.load();
  }

  protected dialogKey(change: Change, part: 'dialog' | 'confirm'): MessageKey {
    return `campaignArchive.${part}.${change.kind}`;
  }

  protected question(change: Change): MessageKey {
    if (change.kind === 'restore') return change.campaign.enabled ? 'campaignArchive.question.restoreEnabled' : 'campaignArchive.question.restoreDisabled';
    return `campaignArchive.question.${change.kind}`;
  }

  protected open(kind: Change['kind'], campaign: CampaignSummary): void {
    this.notice.set('');
    this.dialogError.set('');
    this.change.set({ kind, campaign });
  }

  protected close(): void {
    this.change.set(null);
  }

  protected async confirm(event: Event, change: Change): Promise<void> {
    event.preventDefault();
    this.busy.set(true);
    this.dialogError.set('');
    try {
      await this.api.mutate(MUTATIONS[change.kind], { id: change.campaign.id });
      this.notice.set(this.t(`campaignArchive.done.${change.kind}`, { name: change.campaign.name }));
      this.change.set(null);
      await this.load();
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal?.code === 'CONFLICT') this.dialogError.set(change.kind === 'delete' ? this.t('campaignArchive.refusal.used') : refusalWords(refusal.message, this.t));
      else this.dialogError.set(describeError(error, this.t));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      const { campaigns } = await this.api.query<{ campaigns: CampaignSummary[] }>(CAMPAIGNS, { includeArchived: this.showArchived() });
      // Archived ones (when shown) after those in use, each group by name as the API sorts it.
      this.campaigns.set([...campaigns].sort((a, b) => Number(a.archived) - Number(b.archived)));
      this.error.set('');
    } catch (error) {
      this.error.set(describeError(error, this.t));
    } finally {
      this.loading.set(false);
    }
  }
}
