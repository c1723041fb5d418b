import type { Routes } from '@angular/router';

export const settingsRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'pause-reasons' },
  { path: 'pause-reasons', loadComponent: () => import('./pause-reasons.page').then((m) => m.PauseReasonsPage) },
];
