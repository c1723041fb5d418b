import type { Routes } from '@angular/router';

export const agentRoutes: Routes = [
  {
    path: '',
    loadComponent: () => import('./workspace.page').then((m) => m.WorkspacePage),
    children: [
      { path: '', loadComponent: () => import('./no-conversation').then((m) => m.NoConversation) },
      { path: ':id', loadComponent: () => import('./conversation.page').then((m) => m.ConversationPage) },
    ],
  },
];
