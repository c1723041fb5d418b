import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Apollo, gql } from 'apollo-angular';
import { AgentStateControl } from '../agent/agent-state-control';
import { AgentCalls } from '../agent/calls.store';
import { AgentDesk } from '../agent/desk.store';
import { MonitoredBanner } from '../agent/monitored-banner';
import { ScreenShare } from '../agent/screen-share.store';
import { StaffMessages } from '../agent/staff-messages';
import { LanguageMenu } from './i18n/language-menu';
import { I18n } from './i18n/i18n.service';
import type { MessageKey } from './i18n/i18n';
import { Realtime } from './realtime';
import { SessionStore } from './session.store';

const LOGOUT = gql`
  mutation Logout {
    logout
  }
`;

@Component({
  selector: 'parley-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, AgentStateControl, StaffMessages, LanguageMenu, MonitoredBanner],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="shell">
      <aside class="sidebar">
        <a class="brand" routerLink="/">
          <span class="brand-mark" aria-hidden="true"></span>
          Parley
        </a>
        <nav [attr.aria-label]="t('shell.mainNav')">
          @if (isAgent()) {
            <a routerLink="/workspace" routerLinkActive="active">
              {{ t('shell.workspace') }}
              @if (desk.unreadTotal() > 0) { <span class="badge-count" [attr.aria-label]="t('inbox.unread', { count: desk.unreadTotal() })">{{ desk.unreadTotal() }}</span> }
            </a>
          }
          @if (session.canManage()) {
            <a routerLink="/dashboard" routerLinkActive="active">{{ t('shell.dashboard') }}</a>
            <a routerLink="/recordings" routerLinkActive="active">{{ t('shell.recordings') }}</a>
          }
          <a routerLink="/campaigns" routerLinkActive="active">{{ t('shell.campaigns') }}</a>
          @if (session.canManage()) {
            <a routerLink="/quality-models" routerLinkActive="active">{{ t('shell.qualityModels') }}</a>
          }
          @if (session.user()?.role === 'ADMIN') {
            <a routerLink="/settings/pause-reasons" routerLinkActive="active">{{ t('shell.pauseReasons') }}</a>
            <a routerLink="/settings/users" routerLinkActive="active">{{ t('shell.users') }}</a>
            <a routerLink="/settings/api-keys" routerLinkActive="active">{{ t('shell.apiKeys') }}</a>
            <a routerLink="/audit-log" routerLinkActive="active">{{ t('shell.auditLog') }}</a>
            <a routerLink="/changes" routerLinkActive="active">{{ t('shell.changes') }}</a>
          }
        </nav>
      </aside>
      <div class="main">
        <header class="topbar">
          @if (isAgent()) {
            <parley-agent-state />
            <parley-staff-messages />
          }
          @if (realtime.reconnecting()) {
            <span class="reconnecting" role="status" data-testid="reconnecting"><span class="spinner" aria-hidden="true"></span>{{ t('shell.reconnecting') }}</span>
          }
          <span class="spacer"></span>
          <parley-language-menu />
          @if (session.user(); as user) {
            <span class="who">
              <span class="avatar" aria-hidden="true">{{ user.name.charAt(0) }}</span>
              <span>
                <strong>{{ user.name }}</strong>
                <small>{{ t(roleKey(user.role)) }}</small>
              </span>
            </span>
          }
          <button type="button" class="button ghost" (click)="signOut()">{{ t('shell.signOut') }}</button>
        </header>
        @if (isAgent() && screenShare.banner()) {
          @defer (on immediate) {
            <parley-monitored-banner />
          }
        }
        <main class="content">
          <router-outlet />
        </main>
      </div>
    </div>
  `,
  styles: `
    .shell { display: grid; grid-template-columns: 200px 1fr; min-height: 100vh; }
    .sidebar { background: #111827; color: #e5e7eb; padding: 20px 12px; display: flex; flex-direction: column; gap: 24px; }
    .brand { display: flex; align-items: center; gap: 10px; color: #fff; font-weight: 700; font-size: 19px; text-decoration: none; padding: 0 8px; }
    .brand-mark { width: 26px; height: 26px; border-radius: 7px; background: var(--accent); box-shadow: inset 0 0 0 6px rgba(255,255,255,.18); }
    nav { display: flex; flex-direction: column; gap: 2px; }
    nav a { color: #cbd5e1; text-decoration: none; padding: 9px 12px; border-radius: 8px; font-size: 14px; display: flex; align-items: center; justify-content: space-between; }
    nav a:hover { background: #1f2937; color: #fff; }
    nav a.active { background: #1f2937; color: #fff; font-weight: 600; }
    .badge-count { background: var(--accent); color: #fff; border-radius: 999px; font-size: 11px; font-weight: 700; padding: 0 7px; }
    .main { display: flex; flex-direction: column; min-width: 0; }
    .topbar { height: 60px; display: flex; align-items: center; gap: 14px; padding: 0 24px; background: #fff; border-bottom: 1px solid var(--border); }
    .spacer { flex: 1; }
    .reconnecting { display: inline-flex; align-items: center; gap: 8px; background: #fffbeb; color: #92400e; border: 1px solid #fcd34d; border-radius: 999px; padding: 4px 12px; font-size: 12.5px; font-weight: 600; }
    .spinner { width: 12px; height: 12px; border: 2px solid #fcd34d; border-top-color: #b45309; border-radius: 50%; animation: spin .8s linear infinite; }
    @keyframes spin { to { transform: rotate(360deg); } }
    .who { display: flex; align-items: center; gap: 10px; font-size: 13px; line-height: 1.2; }
    .who small { display: block; color: var(--muted); }
    .avatar { width: 32px; height: 32px; border-radius: 50%; background: #e0e7ff; color: #3730a3; display: grid; place-items: center; font-weight: 700; }
    .content { padding: 28px; max-width: 1200px; width: 100%; }
  `,
})
export class Shell {
  protected readonly session = inject(SessionStore);
  protected readonly realtime = inject(Realtime);
  protected readonly desk = inject(AgentDesk);
  /** Follows the screen monitorings of a signed-in agent, wherever they are in the console. */
  protected readonly screenShare = inject(ScreenShare);
  protected readonly t = inject(I18n).t;
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  protected readonly isAgent = computed(() => this.session.user()?.role === 'AGENT');

  constructor() {
    // An agent's incoming calls ring wherever they are in the console, and a call goes on across pages.
    inject(AgentCalls);
    this.realtime.onRefused(() => this.leave());
  }

  protected roleKey(role: string): MessageKey {
    return role === 'ADMIN' ? 'role.admin' : role === 'SUPERVISOR' ? 'role.supervisor' : 'role.agent';
  }

  signOut(): void {
    this.apollo.mutate({ mutation: LOGOUT }).subscribe({ next: () => this.leave(), error: () => this.leave() });
  }

  private leave(): void {
    this.session.end();
    this.realtime.restart();
    void this.apollo.client.clearStore();
    void this.router.navigateByUrl('/login');
  }
}
