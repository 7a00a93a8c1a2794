import { z } from 'zod';

import type { HttpClient, HttpResponse } from '../ports.js';

/**
 * WorkOS AuthKit as Dust's CLI uses it (docs/protocol/sign-in.md#device-authorization … #refresh).
 */
export interface WorkosConfig {
  baseUrl: string;
  clientId: string;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresInMs: number;
  intervalMs: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export type PollOutcome =
  | { kind: 'tokens'; tokens: TokenPair }
  | { kind: 'pending' }
  | { kind: 'slow_down' }
  | { kind: 'failed'; code: string; message: string };

export type RefreshOutcome =
  { kind: 'tokens'; tokens: TokenPair } | { kind: 'rejected'; message: string };

const DeviceResponse = z.object({
  device_code: z.string(),
  user_code: z.string(),
  verification_uri: z.string(),
  verification_uri_complete: z.string().optional(),
  expires_in: z.number().positive(),
  interval: z.number().positive().optional(),
});
const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
});
const ErrorResponse = z.object({ error: z.string(), error_description: z.string().optional() });

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Failure codes of RFC 8628 / WorkOS, in words a person can act on. */
const FAILURE_WORDS: Record<string, string> = {
  access_denied: 'Sign-in was declined in the browser.',
  expired_token: 'The sign-in code expired before you confirmed it. Start again to get a new code.',
  invalid_grant: 'Dust no longer accepts this sign-in. Start again.',
  invalid_client:
    'The sign-in service does not recognise this app (check the WorkOS client id in settings).',
};

export class WorkosClient {
  constructor(
    private readonly config: WorkosConfig,
    private readonly http: HttpClient,
  ) {}

  async startDeviceAuthorization(): Promise<DeviceAuthorization> {
    const response = await this.post('/user_management/authorize/device', {
      client_id: this.config.clientId,
      scope: 'openid profile email',
    });
    const text = await response.text();
    if (response.status !== 200)
      throw new Error(
        `The sign-in service refused to start (HTTP ${response.status}): ${describeError(text)}`,
      );
    const body = DeviceResponse.parse(JSON.parse(text));
    return {
      deviceCode: body.device_code,
      userCode: body.user_code,
      verificationUri: body.verification_uri,
      verificationUriComplete: body.verification_uri_complete ?? body.verification_uri,
      expiresInMs: body.expires_in * 1000,
      intervalMs: (body.interval ?? 5) * 1000,
    };
  }

  async pollOnce(deviceCode: string): Promise<PollOutcome> {
    const response = await this.post('/user_management/authenticate', {
      grant_type: DEVICE_GRANT,
      device_code: deviceCode,
      client_id: this.config.clientId,
    });
    const json = safeJson(await response.text());
    const tokens = TokenResponse.safeParse(json);
    if (response.status === 200 && tokens.success)
      return { kind: 'tokens', tokens: toPair(tokens.data) };
    const error = ErrorResponse.safeParse(json);
    const code = error.success ? error.data.error : `http_${response.status}`;
    if (code === 'authorization_pending') return { kind: 'pending' };
    if (code === 'slow_down') return { kind: 'slow_down' };
    const described = error.success ? error.data.error_description : undefined;
    return {
      kind: 'failed',
      code,
      message: FAILURE_WORDS[code] ?? described ?? `Sign-in failed (${code}).`,
    };
  }

  /** Refresh tokens are single-use: the caller must store the new pair before using it. */
  async refresh(refreshToken: string): Promise<RefreshOutcome> {
    const response = await this.post('/user_management/authenticate', {
      grant_type: 'refresh_token',
      client_id: this.config.clientId,
      refresh_token: refreshToken,
    });
    const json = safeJson(await response.text());
    const tokens = TokenResponse.safeParse(json);
    if (response.status === 200 && tokens.success)
      return { kind: 'tokens', tokens: toPair(tokens.data) };
    if (response.status === 400 || response.status === 401) {
      return { kind: 'rejected', message: 'Your Dust session ended. Sign in again.' };
    }
    throw new Error(
      `The sign-in service answered HTTP ${response.status} while refreshing the session.`,
    );
  }

  private post(path: string, form: Record<string, string>): Promise<HttpResponse> {
    return this.http.request({
      method: 'POST',
      url: `${this.config.baseUrl.replace(/\/+$/, '')}${path}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      timeoutMs: 30_000,
    });
  }
}

function toPair(body: z.infer<typeof TokenResponse>): TokenPair {
  return { accessToken: body.access_token, refreshToken: body.refresh_token };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeError(text: string): string {
  const error = ErrorResponse.safeParse(safeJson(text));
  return error.success ? (error.data.error_description ?? error.data.error) : 'no details';
}
