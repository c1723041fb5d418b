import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { authGuard, guestGuard } from './core/auth.guard';
import { SessionStore } from './core/session.store';

/** Agents land in their workspace; admins and supervisors on the campaigns. */
const landing = () => (inject(SessionStore).user()?.role === 'AGENT' ? 'workspace' : 'campaigns');
const agentOnly = () => inject(SessionStore).user()?.role === 'AGENT';
const adminOnly = () => inject(SessionStore).user()?.role === 'ADMIN';

export const routes: Routes = [
  { path: 'login', canActivate: [guestGuard], loadComponent: () => import('./login/login.page').then((m) => m.LoginPage) },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./core/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: landing },
      { path: 'workspace', canMatch: [agentOnly], loadChildren: () => import('./agent/agent.routes').then((m) => m.agentRoutes) },
      { path: 'campaigns', loadChildren: () => import('./admin/admin.routes').then((m) => m.adminRoutes) },
      { path: 'settings', canMatch: [adminOnly], loadChildren: () => import('./admin/settings.routes').then((m) => m.settingsRoutes) },
    ],
  },
  { path: '**', redirectTo: '' },
];
