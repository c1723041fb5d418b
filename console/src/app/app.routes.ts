import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { authGuard, guestGuard } from './core/auth.guard';
import { SessionStore } from './core/session.store';

/** Agents land in their workspace; admins and supervisors on the live dashboard. */
const landing = () => (inject(SessionStore).user()?.role === 'AGENT' ? 'workspace' : 'dashboard');
const agentOnly = () => inject(SessionStore).user()?.role === 'AGENT';
const adminOnly = () => inject(SessionStore).user()?.role === 'ADMIN';
const managerOnly = () => inject(SessionStore).canManage();

export const routes: Routes = [
  { path: 'login', canActivate: [guestGuard], loadComponent: () => import('./login/login.page').then((m) => m.LoginPage) },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./core/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: landing },
      { path: 'workspace', canMatch: [agentOnly], loadChildren: () => import('./agent/agent.routes').then((m) => m.agentRoutes) },
      { path: 'dashboard', canMatch: [managerOnly], loadChildren: () => import('./supervisor/supervisor.routes').then((m) => m.supervisorRoutes) },
      { path: 'recordings', canMatch: [managerOnly], loadChildren: () => import('./recordings/recordings.routes').then((m) => m.recordingsRoutes) },
      { path: 'campaigns', loadChildren: () => import('./admin/admin.routes').then((m) => m.adminRoutes) },
      { path: 'settings', canMatch: [adminOnly], loadChildren: () => import('./admin/settings.routes').then((m) => m.settingsRoutes) },
      { path: 'audit-log', canMatch: [adminOnly], loadComponent: () => import('./admin/audit-log.page').then((m) => m.AuditLogPage) },
      { path: 'changes', canMatch: [adminOnly], loadComponent: () => import('./admin/changes.page').then((m) => m.ChangesPage) },
      { path: 'quality-models', canMatch: [managerOnly], loadComponent: () => import('./admin/quality-models.page').then((m) => m.QualityModelsPage) },
    ],
  },
  { path: '**', redirectTo: '' },
];
