/**
 * Signing in to Dust, as the window shows it.
 *
 * ```
 *  signed-out ──start──▶ awaiting-code ──confirmed──▶ loading ──▶ choose-workspace ──pick──▶ signed-in
 *      ▲                      │ declined / expired / cancelled        (one workspace: picked at once)
 *      └──────────────────────┘                                                     │
 *      ▲                                        sign out, or the session ended ──────┘
 * ```
 *
 * Signing out passes through `loading` ("Signing out…") while the servers deregister from Dust,
 * before the tokens are deleted.
 */
export interface AuthUser {
  email: string;
  fullName: string | undefined;
}

export interface AuthWorkspace {
  sId: string;
  name: string;
  role: string;
}

export type AuthState =
  | { kind: 'signed-out'; message: string | undefined }
  | {
      kind: 'awaiting-code';
      userCode: string;
      verificationUri: string;
      verificationUriComplete: string;
      expiresAt: number;
    }
  | { kind: 'loading'; message: string }
  | { kind: 'choose-workspace'; user: AuthUser; workspaces: AuthWorkspace[] }
  | {
      kind: 'signed-in';
      user: AuthUser | undefined;
      workspaceId: string;
      workspaceName: string | undefined;
      baseUrl: string;
      message: string | undefined;
    };
