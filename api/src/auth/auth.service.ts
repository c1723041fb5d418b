import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, badInput, notFound } from '../graphql/app-error';
import { isEmail } from '../campaigns/campaign.validation';
import { ApiKey, ApiKeyCreated } from './api-key.entity';
import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from './password';
import { commonPasswords, MAX_PASSWORD_LENGTH, passwordProblem } from './password-policy';
import { ApiScope, Role } from './role';
import { accountKey, ACCOUNT_POLICY, ADDRESS_POLICY, addressKey, decideSignIn, retryMessage, type ThrottleState } from './sign-in-throttle';
import { StaffSession } from './staff-session.entity';
import { hashToken, newToken } from './token';
import { User } from './user.entity';
import type { StaffViewer } from './viewer';

export const SESSION_HOURS = 12;
/** Counters untouched this long are deleted: both policies have forgotten them. */
const THROTTLE_RETENTION_MS = Math.max(ACCOUNT_POLICY.forgetAfterMs, ADDRESS_POLICY.forgetAfterMs);

export interface NewUser {
  name: string;
  email: string;
  password: string;
  role: Role;
}

interface SignInKeys {
  readonly account: string;
  readonly address: string;
}

export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  /**
   * One generic error for an unknown email and a wrong password, after the same amount of work.
   * The attempt is counted for the account and for the client address before the password is
   * checked, so however many requests arrive at once, on however many instances, no more
   * passwords are checked than the throttle allows.
   */
  async login(rawEmail: string, password: string, ip: string): Promise<{ token: string; user: User }> {
    const email = rawEmail.trim().toLowerCase();
    const keys: SignInKeys = { account: accountKey(email), address: addressKey(ip) };
    await this.countAttempt(keys);
    const user = email.length <= 254 ? await this.em.findOne(User, { email }, { populate: ['passwordHash'] }) : null;
    const valid = password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(password, user?.passwordHash ?? (await UNKNOWN_USER_HASH)));
    // A deactivated account gets the same answer as a wrong password: nothing tells a guesser it exists.
    if (!user || !valid || !user.active) throw new AppError('UNAUTHENTICATED', 'Wrong email or password');
    const token = newToken('staff');
    const session = this.em.create(StaffSession, {
      tokenHash: hashToken(token),
      user,
      createdAt: this.now(),
      expiresAt: new Date(this.now().getTime() + SESSION_HOURS * 3600 * 1000),
    });
    await this.em.persistAndFlush(session);
    await this.signedIn(keys);
    return { token, user };
  }

  /** Locks both counters, lets sign-in-throttle decide, and records the attempt when it may go ahead; RATE_LIMITED otherwise. */
  private async countAttempt(keys: SignInKeys): Promise<void> {
    const now = this.now();
    const decision = await this.em.transactional(async (tx) => {
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      const counters = new Map<string, ThrottleState>();
      // Always in the same order, so two sign-ins never wait on each other's locks in a cycle.
      for (const key of [keys.account, keys.address].sort()) {
        const rows = await connection.execute<{ failures: number; last_attempt_at: Date }[]>(
          `insert into sign_in_throttles (key, failures, last_attempt_at) values (?, 0, ?)
           on conflict (key) do update set failures = sign_in_throttles.failures
           returning failures, last_attempt_at`,
          [key, now],
          'all',
          context,
        );
        const row = rows[0];
        if (row) counters.set(key, { failures: Number(row.failures), lastAttemptAt: new Date(row.last_attempt_at) });
      }
      const decided = decideSignIn({ account: counters.get(keys.account), address: counters.get(keys.address) }, now);
      if (decided.allowed) {
        for (const [key, state] of [[keys.account, decided.account], [keys.address, decided.address]] as const) {
          await connection.execute('update sign_in_throttles set failures = ?, last_attempt_at = ? where key = ?', [state.failures, state.lastAttemptAt, key], 'run', context);
        }
      }
      return decided;
    });
    if (!decision.allowed) throw new AppError('RATE_LIMITED', retryMessage(decision.retryAfterMs));
  }

  /**
   * The account starts afresh; the address gets back only this attempt, so a
   * valid account of one's own cannot wipe an address's failures.
   */
  private async signedIn(keys: SignInKeys): Promise<void> {
    const connection = this.em.getConnection();
    // One row per statement: never two row locks held at once, so no cycle with countAttempt's ordered locks.
    await connection.execute('update sign_in_throttles set failures = 0 where key = ?', [keys.account], 'run');
    await connection.execute('update sign_in_throttles set failures = greatest(failures - 1, 0) where key = ?', [keys.address], 'run');
    await connection.execute('delete from sign_in_throttles where last_attempt_at < ?', [new Date(this.now().getTime() - THROTTLE_RETENTION_MS)], 'run');
  }

  async createUser(input: NewUser): Promise<User> {
    const name = input.name.trim();
    const email = input.email.trim().toLowerCase();
    if (name === '' || name.length > 120) throw badInput('name', 'must have 1 to 120 characters');
    if (!isEmail(email)) throw badInput('email', 'must be a valid email address');
    const weakness = passwordProblem(input.password, email, commonPasswords());
    if (weakness) throw badInput('password', weakness);
    const taken = () => new AppError('CONFLICT', `email: a user with this email already exists`, 'email');
    if (await this.em.count(User, { email })) throw taken();
    const user = this.em.create(User, { name, email, role: input.role, passwordHash: await hashPassword(input.password), createdAt: this.now() });
    try {
      await this.em.persistAndFlush(user);
    } catch (error) {
      // The same email created twice at once: the unique index decides, the loser is told as if it had come second.
      if (error instanceof UniqueConstraintViolationException) throw taken();
      throw error;
    }
    return user;
  }

  /** Creates the first admin (PARLEY_ADMIN_EMAIL, PARLEY_ADMIN_PASSWORD) when the database has no users; a no-op otherwise. */
  async ensureFirstAdmin(admin: { email: string; password: string }): Promise<User | undefined> {
    if ((await this.em.count(User, {})) > 0) return undefined;
    try {
      return await this.createUser({ name: 'Administrator', email: admin.email, password: admin.password, role: Role.ADMIN });
    } catch (error) {
      if (error instanceof AppError && error.code === 'BAD_USER_INPUT') throw new Error(`PARLEY_ADMIN_EMAIL / PARLEY_ADMIN_PASSWORD refused: ${error.message}`);
      throw error;
    }
  }

  async user(id: string): Promise<User> {
    const user = await this.em.findOne(User, { id });
    if (!user) throw notFound('User');
    return user;
  }

  users(role?: Role | null): Promise<User[]> {
    return this.em.find(User, role ? { role } : {}, { orderBy: { name: 'asc' } });
  }

  async createApiKey(viewer: StaffViewer, rawName: string, scopes: ApiScope[]): Promise<ApiKeyCreated> {
    const name = rawName.trim();
    if (name === '' || name.length > 120) throw badInput('name', 'must have 1 to 120 characters');
    if (scopes.length === 0) throw badInput('scopes', 'must list at least one scope');
    const key = newToken('apiKey');
    const apiKey = this.em.create(ApiKey, {
      name,
      keyHash: hashToken(key),
      scopes: [...new Set(scopes)],
      createdBy: this.em.getReference(User, viewer.userId),
      createdAt: this.now(),
    });
    await this.em.persistAndFlush(apiKey);
    return { key, apiKey };
  }

  apiKeys(): Promise<ApiKey[]> {
    return this.em.find(ApiKey, { revokedAt: null }, { orderBy: { createdAt: 'asc' } });
  }

  async revokeApiKey(id: string): Promise<ApiKey> {
    const apiKey = await this.em.findOne(ApiKey, { id, revokedAt: null });
    if (!apiKey) throw notFound('API key');
    apiKey.revokedAt = this.now();
    await this.em.flush();
    return apiKey;
  }

  async logout(sessionId: string): Promise<void> {
    await this.em.nativeUpdate(StaffSession, { id: sessionId }, { revokedAt: this.now() });
  }

  /** Whether the user still has a session that works (signed in elsewhere). */
  async hasSession(userId: string): Promise<boolean> {
    return (await this.em.count(StaffSession, { user: userId, revokedAt: null, expiresAt: { $gt: this.now() } })) > 0;
  }
}
