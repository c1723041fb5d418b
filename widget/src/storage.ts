/**
 * localStorage and sessionStorage that never throw: storage may be disabled
 * (privacy settings, sandboxed frames, a full quota); the widget then simply
 * does not remember across pages.
 */
export class SafeStorage {
  constructor(private readonly area: () => Storage) {}

  read<T>(key: string): T | undefined {
    try {
      return JSON.parse(this.area().getItem(key) ?? 'null') ?? undefined;
    } catch {
      return undefined;
    }
  }

  write(key: string, value: unknown): void {
    try {
      this.area().setItem(key, JSON.stringify(value));
    } catch {
      // storage unavailable: this page still works
    }
  }

  remove(key: string): void {
    try {
      this.area().removeItem(key);
    } catch {
      // as above
    }
  }
}

export const local = new SafeStorage(() => localStorage);
export const perTab = new SafeStorage(() => sessionStorage);
