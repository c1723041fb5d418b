import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { describeError } from '../core/errors';
import type { MessageKey } from '../core/i18n/i18n';
import { I18n } from '../core/i18n/i18n.service';
import { SessionStore, type Role } from '../core/session.store';
import { AdminApi, refusalOf } from './admin-api';
import { AdminDialog } from './admin-dialog';
import { fieldOfPath, refusalWords } from './refusal-words';
import { userProblems, type UserDraft } from './user-rules';
import { CREATE_USER, DEACTIVATE_USER, REACTIVATE_USER, RESET_PASSWORD, UPDATE_USER, USERS, type StaffUser } from './users.operations';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: StaffUser }
  | { kind: 'password'; user: StaffUser }
  | { kind: 'deactivate'; user: StaffUser }
  | { kind: 'reactivate'; user: StaffUser };

const ROLES: readonly Role[] = ['AGENT', 'SUPERVISOR', 'ADMIN'];
const roleKey = (role: Role): MessageKey => (role === 'ADMIN' ? 'role.admin' : role === 'SUPERVISOR' ? 'role.supervisor' : 'role.agent');

/** Staff accounts (admins): create agents, supervisors and admins, edit them, reset a password, deactivate and reactivate. */
@Component({
  selector: 'parley-users',
  imports: [AdminDialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users.page.html',
  styleUrl: './admin-screen.css',
})
export class UsersPage {
  private readonly api = inject(AdminApi);
  protected readonly session = inject(SessionStore);
  protected readonly t = inject(I18n).t;
  protected readonly roles = ROLES;
  protected readonly roleKey = roleKey;
  protected readonly roleFilter = signal<Role | ''>('');
  protected readonly users = signal<StaffUser[]>([]);
  protected readonly shown = computed(() => this.users().filter((user) => !this.roleFilter() || user.role === this.roleFilter()));
  protected readonly loading = signal(true);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly busy = signal(false);
  protected readonly dialogError = signal('');
  protected readonly problems = signal<Partial<Record<keyof UserDraft, string>>>({});
  protected readonly draft = signal<UserDraft>({ name: '', email: '', role: 'AGENT', password: '' });

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loading.set(true);
    try {
      const { users } = await this.api.query<{ users: StaffUser[] }>(USERS);
      this.users.set([...users].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)));
    } catch (error) {
      this.error.set(describeError(error, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  protected dialogTitle(dialog: Dialog): string {
    return dialog.kind === 'create' ? this.t('users.new') : this.t(`users.dialog.${dialog.kind}`, { name: dialog.user.name });
  }

  protected confirmKey(dialog: Dialog): MessageKey {
    return `users.confirm.${dialog.kind}`;
  }

  protected roleHintKey(role: Role): MessageKey {
    return `users.roleHint.${role}`;
  }

  protected open(dialog: Dialog): void {
    this.problems.set({});
    this.dialogError.set('');
    this.notice.set('');
    const user = 'user' in dialog ? dialog.user : null;
    this.draft.set({ name: user?.name ?? '', email: user?.email ?? '', role: user?.role ?? 'AGENT', password: '' });
    this.dialog.set(dialog);
  }

  protected close(): void {
    this.dialog.set(null);
  }

  protected edit(field: keyof UserDraft, value: string): void {
    this.draft.update((draft) => ({ ...draft, [field]: value }));
    if (this.problems()[field]) this.problems.update((problems) => ({ ...problems, [field]: undefined }));
  }

  protected problemId(field: keyof UserDraft): string | null {
    return this.problems()[field] ? `user-${field}-error` : null;
  }

  protected async submit(event: Event, dialog: Dialog): Promise<void> {
    event.preventDefault();
    const draft = this.draft();
    const checked: (keyof UserDraft)[] =
      dialog.kind === 'create' ? ['name', 'email', 'password'] : dialog.kind === 'edit' ? ['name', 'email'] : dialog.kind === 'password' ? ['password'] : [];
    const local = userProblems(dialog.kind === 'password' ? { ...draft, email: dialog.user.email } : draft, checked);
    if (Object.keys(local).length > 0) {
      this.problems.set(Object.fromEntries(Object.entries(local).map(([field, key]) => [field, this.t(key)])));
      this.focusFirstProblem();
      return;
    }
    this.busy.set(true);
    this.dialogError.set('');
    try {
      const input = { name: draft.name.trim(), email: draft.email.trim(), role: draft.role };
      if (dialog.kind === 'create') await this.api.mutate(CREATE_USER, { input: { ...input, password: draft.password } });
      if (dialog.kind === 'edit') await this.api.mutate(UPDATE_USER, { id: dialog.user.id, input });
      if (dialog.kind === 'password') await this.api.mutate(RESET_PASSWORD, { id: dialog.user.id, password: draft.password });
      if (dialog.kind === 'deactivate') await this.api.mutate(DEACTIVATE_USER, { id: dialog.user.id });
      if (dialog.kind === 'reactivate') await this.api.mutate(REACTIVATE_USER, { id: dialog.user.id });
      const name = dialog.kind === 'create' || dialog.kind === 'edit' ? input.name : dialog.user.name;
      this.notice.set(this.t(`users.done.${dialog.kind}`, { name }));
      this.dialog.set(null);
      await this.load();
    } catch (error) {
      const refusal = refusalOf(error);
      const field = refusal?.field ? fieldOfPath(refusal.field) : null;
      if (refusal && field && ['name', 'email', 'role', 'password'].includes(field)) {
        this.problems.set({ [field]: refusalWords(refusal.message, this.t) });
        this.focusFirstProblem();
      } else {
        this.dialogError.set(refusal?.code === 'CONFLICT' ? refusalWords(refusal.message, this.t) : describeError(error, this.t));
      }
    } finally {
      this.busy.set(false);
    }
  }

  private focusFirstProblem(): void {
    const field = (['name', 'email', 'role', 'password'] as const).find((candidate) => this.problems()[candidate]);
    if (field) setTimeout(() => document.getElementById(`user-${field}`)?.focus());
  }
}
