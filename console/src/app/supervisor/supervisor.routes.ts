import type { Routes } from '@angular/router';

export const supervisorRoutes: Routes = [{ path: '', loadComponent: () => import('./dashboard.page').then((m) => m.DashboardPage) }];
