import { local, perTab } from './storage';

/** The visitor's chat on one campaign: survives reloads and navigation across the site. */
export interface StoredSession {
  /** The visitor token from startChat; sent again, it continues the same visitor. */
  token: string;
  /** The chat to resume; null once the visitor has moved on from an ended one. */
  interactionId: string | null;
}

/** Per campaign key: `{ token, interactionId }` in localStorage, whether the panel is open in sessionStorage (per tab). */
export class SessionStore {
  private readonly key: string;

  constructor(campaignKey: string) {
    this.key = `parley:${campaignKey}`;
  }

  load(): StoredSession | undefined {
    const stored = local.read<Partial<StoredSession>>(this.key);
    return typeof stored?.token === 'string' ? { token: stored.token, interactionId: typeof stored.interactionId === 'string' ? stored.interactionId : null } : undefined;
  }

  save(session: StoredSession): void {
    local.write(this.key, session);
  }

  clear(): void {
    local.remove(this.key);
  }

  get panelOpen(): boolean {
    return perTab.read<boolean>(`${this.key}:open`) === true;
  }

  set panelOpen(open: boolean) {
    perTab.write(`${this.key}:open`, open);
  }

  /** The campaign colour seen last time, so the launcher shows in it before the configuration arrives. */
  get colour(): string | undefined {
    return local.read<string>(`${this.key}:colour`);
  }

  set colour(colour: string | undefined) {
    if (colour) local.write(`${this.key}:colour`, colour);
  }
}
