import { BostaResponseError } from './errors.js';
import type { AuthSource } from './http.js';

/** Dashboard credentials for `POST /users/login`. */
export interface BostaLoginCredentials {
  email: string;
  password: string;
}

/** A fixed API key: sent raw (no `Bearer`), never refreshed. */
export class ApiKeyAuth implements AuthSource {
  readonly canRefresh = false;
  constructor(private readonly apiKey: string) {}

  /** The key itself. */
  header(): Promise<string> {
    return Promise.resolve(this.apiKey);
  }

  /** Keys cannot be renewed. */
  refresh(): Promise<void> {
    return Promise.resolve();
  }
}

/** A dashboard session token from `POST /users/login`, sent raw; logged in lazily and again on 401. */
export class LoginAuth implements AuthSource {
  readonly canRefresh = true;
  private token: Promise<string> | null = null;

  constructor(private readonly login: () => Promise<unknown>) {}

  /** The cached token, logging in once if there is none (concurrent callers share one login). */
  header(): Promise<string> {
    if (this.token !== null) return this.token;
    const pending = this.fetchToken();
    this.token = pending;
    // A failed login must not stick: the next call tries again.
    pending.catch(() => {
      if (this.token === pending) this.token = null;
    });
    return pending;
  }

  /** Forget `stale` (unless another call already replaced it) so the next `header()` logs in. */
  async refresh(stale: string): Promise<void> {
    const current = this.token === null ? null : await this.token.catch(() => null);
    if (current === stale) this.token = null;
  }

  private async fetchToken(): Promise<string> {
    const data = await this.login();
    const token = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).token : undefined;
    if (typeof token !== 'string' || token === '') throw new BostaResponseError('login: no data.token in the answer', data);
    return token;
  }
}
