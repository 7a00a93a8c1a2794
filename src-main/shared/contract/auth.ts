import { z } from 'zod';

/** The signed-in user as the window shows them; never a token. */
export const AuthUserDto = z.object({ email: z.string(), fullName: z.string().optional() });
export const WorkspaceDto = z.object({ sId: z.string(), name: z.string(), role: z.string() });

export const AuthStateDto = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signed-out'), message: z.string().optional() }),
  z.object({
    kind: z.literal('awaiting-code'),
    userCode: z.string(),
    verificationUri: z.string(),
    verificationUriComplete: z.string(),
    expiresAt: z.number(),
  }),
  z.object({ kind: z.literal('loading'), message: z.string() }),
  z.object({
    kind: z.literal('choose-workspace'),
    user: AuthUserDto,
    workspaces: z.array(WorkspaceDto),
  }),
  z.object({
    kind: z.literal('signed-in'),
    user: AuthUserDto.optional(),
    workspaceId: z.string(),
    workspaceName: z.string().optional(),
    baseUrl: z.string(),
    message: z.string().optional(),
  }),
]);
export type AuthStateDto = z.infer<typeof AuthStateDto>;

export const RegionDto = z.object({
  region: z.enum(['us', 'eu', 'custom']),
  customUrl: z.string().max(2048).optional(),
});
export type RegionDto = z.infer<typeof RegionDto>;

export const AuthSnapshotDto = z.object({ state: AuthStateDto, region: RegionDto });
export type AuthSnapshotDto = z.infer<typeof AuthSnapshotDto>;
