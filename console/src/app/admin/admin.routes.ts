import type { Routes } from '@angular/router';
import { unsavedChangesGuard } from './unsaved-changes.guard';

export const adminRoutes: Routes = [
  { path: '', loadComponent: () => import('./campaign-list.page').then((m) => m.CampaignListPage) },
  { path: 'new', canDeactivate: [unsavedChangesGuard], loadComponent: () => import('./campaign-editor.page').then((m) => m.CampaignEditorPage) },
  { path: ':id', canDeactivate: [unsavedChangesGuard], loadComponent: () => import('./campaign-editor.page').then((m) => m.CampaignEditorPage) },
];
