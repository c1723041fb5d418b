import type { Routes } from '@angular/router';

export const adminRoutes: Routes = [
  { path: '', loadComponent: () => import('./campaign-list.page').then((m) => m.CampaignListPage) },
  { path: 'new', loadComponent: () => import('./campaign-editor.page').then((m) => m.CampaignEditorPage) },
  { path: ':id', loadComponent: () => import('./campaign-editor.page').then((m) => m.CampaignEditorPage) },
];
