import { CancellationTokenSource } from '../cancellation.js';
import { fetchMe } from '../dust/dust-api.js';
import { DustHttp } from '../dust/dust-http.js';
import { Emitter } from '../emitter.js';
import { errorMessage } from '../error-message.js';
import { Disposable } from '../lifecycle.js';
import type { Clock, HttpClient, Timers, UrlOpener } from '../ports.js';
import type { AuthState, AuthWorkspace } from './auth-state.js';
import { waitForDeviceTokens } from './device-flow.js';
import { readAccessTokenClaims } from './jwt-claims.js';
import { dustBaseUrl, type RegionChoice } from './regions.js';
import { sameTokenHost, type TokenHostBinding, tokenHostMismatch } from './token-host.js';
import type { TokenSession } from './token-session.js';
import type { WorkosClient } from './workos-client.js';

export interface AuthServiceDeps {
  session: TokenSession;
  /** The host the saved tokens were issued for: they are never sent anywhere else. */
  tokenHost: TokenHostBinding;
  workos: WorkosClient;
  http: HttpClient;
  clock: Clock;
  timers: Timers;
  urls: UrlOpener;
  userAgent: string;
  region: () => RegionChoice;
  savedWorkspaceId: () => string | undefined;
  saveWorkspaceId: (workspaceId: string | undefined) => Promise<void>;
}

/** Sign-in (device code), workspace choice and sign-out, with the state in words for the window. */
export class AuthService extends Disposable {
  private current: AuthState = { kind: 'signed-out', message: undefined };
  private signIn: CancellationTokenSource | undefined;
  private readonly _onDidChange = this._register(new Emitter<AuthState>());
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly deps: AuthServiceDeps) {
    super();
    this._register(
      deps.session.onDidChange((event) => {
        if (event.kind === 'signed-out') this.set({ kind: 'signed-out', message: event.reason });
      }),
    );
  }

  get state(): AuthState {
    return this.current;
  }

  /** The Dust base URL for the current token (region claim) and settings. */
  async baseUrl(): Promise<string> {
    const token = await this.deps.session.getAccessToken().catch(() => undefined);
    return dustBaseUrl(
      this.deps.region(),
      token ? readAccessTokenClaims(token)?.region : undefined,
    );
  }

  /**
   * Restores a saved sign-in at launch. A keychain that cannot be read (locked, no Secret
   * Service) leaves the app signed out with the reason, rather than failing to start: the person
   * can unlock it and sign in, and the window says what happened.
   */
  async init(): Promise<void> {
    let signedIn: boolean;
    try {
      signedIn = await this.deps.session.isSignedIn();
    } catch (error) {
      this.set({
        kind: 'signed-out',
        message: errorMessage(error),
      });
      return;
    }
    if (!signedIn) return;
    const host = await this.baseUrl();
    const bound = await this.deps.tokenHost.read().catch(() => null);
    if (bound === null) {
      // Tokens saved before hosts were remembered: they belong where they have been going.
      await this.deps.tokenHost.bind(host).catch(() => undefined);
    } else if (!sameTokenHost(bound, host)) {
      this.set({ kind: 'signed-out', message: tokenHostMismatch(bound, host) });
      return;
    }
    await this.loadWorkspaces();
  }

  /** Starts the device flow: shows the code, opens the browser, and waits for the person. */
  async startSignIn(): Promise<void> {
    this.signIn?.cancel();
    const source = (this.signIn = new CancellationTokenSource());
    this.set({ kind: 'loading', message: 'Asking Dust for a sign-in code…' });
    let authorization;
    try {
      authorization = await this.deps.workos.startDeviceAuthorization();
    } catch (error) {
      this.set({
        kind: 'signed-out',
        message: `Could not start signing in: ${errorMessage(error)}`,
      });
      return;
    }
    if (source.token.isCancelled) return;
    this.set({
      kind: 'awaiting-code',
      userCode: authorization.userCode,
      verificationUri: authorization.verificationUri,
      verificationUriComplete: authorization.verificationUriComplete,
      expiresAt: this.deps.clock.now() + authorization.expiresInMs,
    });
    void this.deps.urls.open(authorization.verificationUriComplete).catch(() => undefined);
    const result = await waitForDeviceTokens(this.deps.workos, authorization, {
      clock: this.deps.clock,
      timers: this.deps.timers,
      cancellation: source.token,
    });
    if (source !== this.signIn) return;
    this.signIn = undefined;
    if (!result.ok) {
      this.set({
        kind: 'signed-out',
        message: result.code === 'cancelled' ? undefined : result.message,
      });
      return;
    }
    await this.deps.session.signIn(result.tokens);
    await this.deps.tokenHost.bind(await this.baseUrl());
    await this.loadWorkspaces();
  }

  cancelSignIn(): void {
    this.signIn?.cancel();
    this.signIn = undefined;
    this.set({ kind: 'signed-out', message: undefined });
  }

  async selectWorkspace(workspaceId: string): Promise<void> {
    const state = this.current;
    const workspaces = state.kind === 'choose-workspace' ? state.workspaces : [];
    const picked = workspaces.find((workspace) => workspace.sId === workspaceId);
    if (state.kind !== 'choose-workspace' || !picked)
      throw new Error('That workspace is not one of yours.');
    await this.deps.saveWorkspaceId(workspaceId);
    this.set({
      kind: 'signed-in',
      user: state.user,
      workspaceId,
      workspaceName: picked.name,
      baseUrl: await this.baseUrl(),
      message: undefined,
    });
  }

  /**
   * Signs out. While `beforeTokensGo` runs the state is `loading` ("Signing out…"), which is not
   * signed in: everything that follows the sign-in (the bridged servers) winds down and
   * deregisters from Dust with the tokens still valid. Then the tokens are deleted.
   */
  async signOut(beforeTokensGo?: () => Promise<void>): Promise<void> {
    this.signIn?.cancel();
    this.signIn = undefined;
    if (this.current.kind !== 'signed-out')
      this.set({ kind: 'loading', message: 'Signing out: removing your servers from Dust…' });
    try {
      await beforeTokensGo?.();
    } finally {
      await this.deps.saveWorkspaceId(undefined);
      await this.deps.session.signOut('You signed out.');
      await this.deps.tokenHost.clear().catch(() => undefined);
    }
  }

  private async loadWorkspaces(): Promise<void> {
    this.set({ kind: 'loading', message: 'Loading your workspaces…' });
    const baseUrl = await this.baseUrl();
    const http = new DustHttp(
      { baseUrl, userAgent: this.deps.userAgent },
      this.deps.session,
      this.deps.http,
      this.deps.clock,
    );
    let me;
    try {
      me = await fetchMe(http);
    } catch (error) {
      const saved = this.deps.savedWorkspaceId();
      // Offline at launch: keep working with the saved workspace; the bridge retries by itself.
      if (saved && (await this.deps.session.isSignedIn())) {
        this.set({
          kind: 'signed-in',
          user: undefined,
          workspaceId: saved,
          workspaceName: undefined,
          baseUrl,
          message: `Could not reach Dust to refresh your profile: ${errorMessage(error)}`,
        });
      } else if (this.current.kind !== 'signed-out') {
        this.set({
          kind: 'signed-out',
          message: `Could not load your workspaces: ${errorMessage(error)}`,
        });
      }
      return;
    }
    const user = { email: me.email, fullName: me.fullName ?? undefined };
    const workspaces: AuthWorkspace[] = me.workspaces.map((w) => ({
      sId: w.sId,
      name: w.name,
      role: w.role,
    }));
    if (workspaces.length === 0) {
      this.set({
        kind: 'signed-out',
        message: "You don't have any workspaces. Visit https://dust.tt to create one.",
      });
      return;
    }
    const saved = this.deps.savedWorkspaceId();
    const pick =
      workspaces.find((w) => w.sId === saved) ??
      (workspaces.length === 1 ? workspaces[0] : undefined);
    if (pick) {
      if (pick.sId !== saved) await this.deps.saveWorkspaceId(pick.sId);
      this.set({
        kind: 'signed-in',
        user,
        workspaceId: pick.sId,
        workspaceName: pick.name,
        baseUrl,
        message: undefined,
      });
    } else {
      this.set({ kind: 'choose-workspace', user, workspaces });
    }
  }

  private set(state: AuthState): void {
    this.current = state;
    this._onDidChange.fire(state);
  }
}
