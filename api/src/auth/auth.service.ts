import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, badInput, notFound } from '../graphql/app-error';
import { isEmail } from '../campaigns/campaign.validation';
import { ApiKey, ApiKeyCreated } from './api-key.entity';
import { LoginFailure } from './login-failure.entity';
import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from './password';
import { ApiScope, Role } from './role';
import { StaffSession } from './staff-session.entity';
import { hashToken, newToken } from './token';
import { User } from './user.entity';
import type { StaffViewer } from './viewer';

export const SESSION_HOURS = 12;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 10;
const MIN_PASSWORD = 8;
const MAX_PASSWORD = 200;

export interface NewUser {
  name: string;
  email: string;
  password: string;
  role: Role;
}

export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  /** One generic error for an unknown email and a wrong password, after the same amount of work. */
  async login(rawEmail: string, password: string): Promise<{ token: string; user: User }> {
    const email = rawEmail.trim().toLowerCase();
    const since = new Date(this.now().getTime() - FAILURE_WINDOW_MS);
    const failures = await this.em.count(LoginFailure, { email, at: { $gte: since } });
    if (failures >= MAX_FAILURES) throw new AppError('RATE_LIMITED', 'Too many failed sign-ins for this account; try again in 15 minutes');
    const user = email.length <= 254 ? await this.em.findOne(User, { email }, { populate: ['passwordHash'] }) : null;
    const valid = password.length <= MAX_PASSWORD && (await verifyPassword(password, user?.passwordHash ?? (await UNKNOWN_USER_HASH)));
    if (!user || !valid) {
      await this.em.insert(LoginFailure, { email: email.slice(0, 254), at: this.now() });
      throw new AppError('UNAUTHENTICATED', 'Wrong email or password');
    }
    const token = newToken('staff');
    const session = this.em.create(StaffSession, {
      tokenHash: hashToken(token),
      user,
      createdAt: this.now(),
      expiresAt: new Date(this.now().getTime() + SESSION_HOURS * 3600 * 1000),
    });
    await this.em.persistAndFlush(session);
    await this.em.nativeDelete(LoginFailure, { email });
    return { token, user };
  }

  async createUser(input: NewUser): Promise<User> {
    const name = input.name.trim();
    const email = input.email.trim().toLowerCase();
    if (name === '' || name.length > 120) throw badInput('name', 'must have 1 to 120 characters');
    if (!isEmail(email)) throw badInput('email', 'must be a valid email address');
    if (input.password.length < MIN_PASSWORD) throw badInput('password', `must have at least ${MIN_PASSWORD} characters`);
    if (input.password.length > MAX_PASSWORD) throw badInput('password', `must have at most ${MAX_PASSWORD} characters`);
    if (await this.em.count(User, { email })) throw new AppError('CONFLICT', `email: a user with this email already exists`, 'email');
    const user = this.em.create(User, { name, email, role: input.role, passwordHash: await hashPassword(input.password), createdAt: this.now() });
    await this.em.persistAndFlush(user);
    return user;
  }

  /** Creates the first admin when the database has no users; a no-op otherwise. */
  async ensureFirstAdmin(admin: { email: string; password: string }): Promise<User | undefined> {
    if ((await this.em.count(User, {})) > 0) return undefined;
    return this.createUser({ name: 'Administrator', email: admin.email, password: admin.password, role: Role.ADMIN });
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
}
