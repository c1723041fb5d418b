import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { Apollo, gql } from 'apollo-angular';
import { describeError } from '../core/errors';
import { SessionStore, type SessionUser } from '../core/session.store';
import { I18n } from '../core/i18n/i18n.service';
import { LanguageMenu } from '../core/i18n/language-menu';

const LOGIN = gql`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      user { id name email role }
    }
  }
`;

@Component({
  selector: 'parley-login',
  imports: [ReactiveFormsModule, LanguageMenu],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <form class="card" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <div class="top">
          <div class="brand"><span class="mark" aria-hidden="true"></span> Parley</div>
          <parley-language-menu />
        </div>
        <h1>{{ t('login.title') }}</h1>
        <label class="field">
          <span>{{ t('login.email') }}</span>
          <input type="email" formControlName="email" autocomplete="username" required />
        </label>
        <label class="field">
          <span>{{ t('login.password') }}</span>
          <input type="password" formControlName="password" autocomplete="current-password" required />
        </label>
        @if (error()) {
          <p class="alert" role="alert">{{ error() }}</p>
        }
        <button class="button primary wide" type="submit" [disabled]="busy()">{{ busy() ? t('login.signingIn') : t('login.signIn') }}</button>
      </form>
    </div>
  `,
  styles: `
    .page { min-height: 100vh; display: grid; place-items: center; background: linear-gradient(160deg, #eef2ff 0%, #f8fafc 60%); padding: 24px; }
    .card { width: 380px; max-width: 100%; background: #fff; border-radius: 16px; padding: 32px; box-shadow: 0 10px 40px rgba(15,23,42,.08); display: flex; flex-direction: column; gap: 16px; }
    .top { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
    .brand { display: flex; align-items: center; gap: 10px; font-weight: 700; font-size: 20px; }
    .mark { width: 28px; height: 28px; border-radius: 8px; background: var(--accent); box-shadow: inset 0 0 0 7px rgba(255,255,255,.25); }
    h1 { font-size: 18px; font-weight: 600; margin: 4px 0 4px; color: #334155; }
    .wide { width: 100%; justify-content: center; margin-top: 4px; }
  `,
})
export class LoginPage {
  private readonly apollo = inject(Apollo);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  protected readonly t = inject(I18n).t;
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  submit(): void {
    if (this.form.invalid) {
      this.error.set(this.t('login.missing'));
      return;
    }
    this.busy.set(true);
    this.error.set('');
    this.apollo.mutate<{ login: { token: string; user: SessionUser } }>({ mutation: LOGIN, variables: this.form.getRawValue() }).subscribe({
      next: ({ data }) => {
        if (data) {
          this.session.start(data.login.token, data.login.user);
          void this.router.navigateByUrl('/');
        }
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const code = CombinedGraphQLErrors.is(error) ? error.errors[0]?.extensions?.['code'] : undefined;
        // The API's rate-limit message says how long to wait; a wrong password is said in the person's language.
        this.error.set(code === 'UNAUTHENTICATED' ? this.t('login.wrong') : code === 'RATE_LIMITED' ? describeError(error) : describeError(error, this.t));
      },
    });
  }
}
