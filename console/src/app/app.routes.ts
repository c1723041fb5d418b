import type { Routes } from '@angular/router';
import { authGuard, guestGuard } from './core/auth.guard';

export const routes: Routes = [
  { path: 'login', canActivate: [guestGuard], loadComponent: () => import('./login/login.page').then((m) => m.LoginPage) },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./core/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'campaigns' },
      { path: 'campaigns', loadChildren: () => import('./admin/admin.routes').then((m) => m.adminRoutes) },
    ],
  },
  { path: '**', redirectTo: '' },
];
