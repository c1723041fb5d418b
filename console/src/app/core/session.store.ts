import { computed, Injectable, signal } from '@angular/core';

export type Role = 'ADMIN' | 'SUPERVISOR' | 'AGENT';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

interface StoredSession {
  token: string;
  user: SessionUser;
}

const STORAGE_KEY = 'parley.session';

/** The signed-in staff member and their bearer token, kept across reloads. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly session = signal<StoredSession | null>(read());

  readonly user = computed(() => this.session()?.user ?? null);
  readonly token = computed(() => this.session()?.token ?? null);
  readonly signedIn = computed(() => this.session() !== null);
  readonly canManage = computed(() => {
    const role = this.user()?.role;
    return role === 'ADMIN' || role === 'SUPERVISOR';
  });

  start(token: string, user: SessionUser): void {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ token, user }));
    this.session.set({ token, user });
  }

  end(): void {
    localStorage.removeItem(STORAGE_KEY);
    this.session.set(null);
  }
}

function read(): StoredSession | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    return parsed && typeof parsed.token === 'string' && parsed.user ? parsed : null;
  } catch {
    return null;
  }
}
