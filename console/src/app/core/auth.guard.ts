import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { SessionStore } from './session.store';

export const authGuard: CanActivateFn = () => inject(SessionStore).signedIn() || inject(Router).createUrlTree(['/login']);

export const guestGuard: CanActivateFn = () => !inject(SessionStore).signedIn() || inject(Router).createUrlTree(['/']);
