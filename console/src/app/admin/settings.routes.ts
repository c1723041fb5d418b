import type { Routes } from '@angular/router';

export const settingsRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'pause-reasons' },
  { path: 'pause-reasons', loadComponent: () => import('./pause-reasons.page').then((m) => m.PauseReasonsPage) },
  { path: 'users', loadComponent: () => import('./users.page').then((m) => m.UsersPage) },
  { path: 'api-keys', loadComponent: () => import('./api-keys.page').then((m) => m.ApiKeysPage) },
];
