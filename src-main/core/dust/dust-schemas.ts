import { z } from 'zod';

/**
 * The shapes of Dust's answers we rely on (docs/protocol/client-side-mcp.md#register, #heartbeat,
 * #server-views; docs/protocol/sign-in.md#workspaces; docs/protocol/conversations.md#spaces). Only what we read is required; extra fields pass through untouched.
 */
export const RegisterResponse = z.object({ serverId: z.string().min(1), expiresAt: z.string() });
export type RegisterResponse = z.infer<typeof RegisterResponse>;

export const HeartbeatResponse = z.object({
  success: z.boolean(),
  expiresAt: z.string().optional(),
});
export const SuccessResponse = z.object({ success: z.boolean() });

export const Space = z.looseObject({
  sId: z.string(),
  name: z.string(),
  kind: z.string(),
  isRestricted: z.boolean().optional(),
});
export type Space = z.infer<typeof Space>;
export const SpacesResponse = z.object({ spaces: z.array(Space) });

export const ServerViewTool = z.looseObject({
  name: z.string(),
  description: z.string().nullish(),
  inputSchema: z.unknown().optional(),
});

export const ServerView = z.looseObject({
  sId: z.string(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  serverType: z.string(),
  spaceId: z.string().optional(),
  server: z.looseObject({
    sId: z.string().optional(),
    name: z.string(),
    description: z.string().nullish(),
    tools: z.array(ServerViewTool).default([]),
    availability: z.string().optional(),
  }),
});
export type ServerView = z.infer<typeof ServerView>;
export const ServerViewsResponse = z.object({
  success: z.boolean(),
  serverViews: z.array(ServerView),
});

export const Workspace = z.looseObject({
  sId: z.string(),
  name: z.string(),
  role: z.string(),
});
export type Workspace = z.infer<typeof Workspace>;

export const MeResponse = z.object({
  user: z.looseObject({
    sId: z.string(),
    email: z.string(),
    fullName: z.string().nullish(),
    firstName: z.string().nullish(),
    workspaces: z.array(Workspace),
    selectedWorkspace: z.string().nullish(),
  }),
});
export type Me = z.infer<typeof MeResponse>['user'];
