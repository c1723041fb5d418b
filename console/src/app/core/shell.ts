import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Apollo, gql } from 'apollo-angular';
import { SessionStore } from './session.store';

const LOGOUT = gql`
  mutation Logout {
    logout
  }
`;

@Component({
  selector: 'parley-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="shell">
      <aside class="sidebar">
        <a class="brand" routerLink="/">
          <span class="brand-mark" aria-hidden="true"></span>
          Parley
        </a>
        <nav aria-label="Main">
          <a routerLink="/campaigns" routerLinkActive="active">Campaigns</a>
        </nav>
      </aside>
      <div class="main">
        <header class="topbar">
          <span class="spacer"></span>
          @if (session.user(); as user) {
            <span class="who">
              <span class="avatar" aria-hidden="true">{{ user.name.charAt(0) }}</span>
              <span>
                <strong>{{ user.name }}</strong>
                <small>{{ user.role.toLowerCase() }}</small>
              </span>
            </span>
          }
          <button type="button" class="button ghost" (click)="signOut()">Sign out</button>
        </header>
        <main class="content">
          <router-outlet />
        </main>
      </div>
    </div>
  `,
  styles: `
    .shell { display: grid; grid-template-columns: 220px 1fr; min-height: 100vh; }
    .sidebar { background: #111827; color: #e5e7eb; padding: 20px 14px; display: flex; flex-direction: column; gap: 24px; }
    .brand { display: flex; align-items: center; gap: 10px; color: #fff; font-weight: 700; font-size: 19px; text-decoration: none; padding: 0 8px; }
    .brand-mark { width: 26px; height: 26px; border-radius: 7px; background: var(--accent); box-shadow: inset 0 0 0 6px rgba(255,255,255,.18); }
    nav { display: flex; flex-direction: column; gap: 2px; }
    nav a { color: #cbd5e1; text-decoration: none; padding: 9px 12px; border-radius: 8px; font-size: 14px; }
    nav a:hover { background: #1f2937; color: #fff; }
    nav a.active { background: #1f2937; color: #fff; font-weight: 600; }
    .main { display: flex; flex-direction: column; min-width: 0; }
    .topbar { height: 60px; display: flex; align-items: center; gap: 16px; padding: 0 28px; background: #fff; border-bottom: 1px solid var(--border); }
    .spacer { flex: 1; }
    .who { display: flex; align-items: center; gap: 10px; font-size: 13px; line-height: 1.2; }
    .who small { display: block; color: var(--muted); text-transform: capitalize; }
    .avatar { width: 32px; height: 32px; border-radius: 50%; background: #e0e7ff; color: #3730a3; display: grid; place-items: center; font-weight: 700; }
    .content { padding: 28px; max-width: 1200px; width: 100%; }
  `,
})
export class Shell {
  protected readonly session = inject(SessionStore);
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);

  signOut(): void {
    const done = () => {
      this.session.end();
      void this.apollo.client.clearStore();
      void this.router.navigateByUrl('/login');
    };
    this.apollo.mutate({ mutation: LOGOUT }).subscribe({ next: done, error: done });
  }
}
