import type { Routes } from '@angular/router';

export const recordingsRoutes: Routes = [
  { path: '', loadComponent: () => import('./recordings.page').then((m) => m.RecordingsPage) },
  { path: ':id', loadComponent: () => import('./recording.page').then((m) => m.RecordingPage) },
];
