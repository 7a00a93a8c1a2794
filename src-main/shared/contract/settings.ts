import { z } from 'zod';

/**
 * The Settings view: what the person can change from the window (the tray may not be shown,
 * GNOME hides it), and where the app keeps its files. Never a secret.
 */

/**
 * Dust cancels a tool call after 180 s; a person gets at most 165 s, so the answer arrives in time.
 */
export const DUST_CALL_SECONDS = 180;
export const MIN_WAIT_SECONDS = 10;
export const MAX_WAIT_SECONDS = 165;

export const SettingsViewDto = z.object({
  /** A desktop notification when a call waits and the window is not in front. */
  notifications: z.boolean(),
  /** `available: false` where the OS offers no login item (or the test harness). */
  startAtLogin: z.object({ available: z.boolean(), enabled: z.boolean() }),
  /** Epoch ms the pause ends; absent when approvals are not paused. */
  pausedUntil: z.number().optional(),
  /** How long a person has to answer; the rest of Dust's 180 s is the lead time. */
  waitSeconds: z.number().int(),
  /** The bounds main accepts, so the window checks as typed with the same numbers. */
  waitLimits: z.object({
    min: z.number().int(),
    max: z.number().int(),
    dustSeconds: z.number().int(),
  }),
  /** What happens when nobody answers in time. */
  defaultDecision: z.literal('deny'),
  region: z.object({
    region: z.enum(['us', 'eu', 'custom']),
    url: z.string(),
    editable: z.boolean(),
  }),
  dataFolder: z.string(),
  /** The activity log files (JSONL), newest first. */
  logFiles: z.array(z.string()),
  settingsFile: z.string(),
});
export type SettingsViewDto = z.infer<typeof SettingsViewDto>;

/** One change at a time, as the view sends it; the answer is the whole view again. */
export const SettingsChangeInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notifications'), enabled: z.boolean() }),
  z.object({ kind: z.literal('startAtLogin'), enabled: z.boolean() }),
  z.object({
    kind: z.literal('waitSeconds'),
    seconds: z
      .number()
      .int('Whole seconds only.')
      .min(MIN_WAIT_SECONDS, `At least ${MIN_WAIT_SECONDS} s.`)
      .max(
        MAX_WAIT_SECONDS,
        `At most ${MAX_WAIT_SECONDS} s, so Dust hears the answer before its own 180 s run out.`,
      ),
  }),
  /** `minutes: null` resumes. */
  z.object({
    kind: z.literal('pause'),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .nullable(),
  }),
]);
export type SettingsChangeInput = z.infer<typeof SettingsChangeInput>;

/** The person stops a running call: the server it runs on and the activity entry's id. */
export const StopCallInput = z.object({
  server: z.string().min(1).max(64),
  id: z.string().min(1).max(400),
});
export type StopCallInput = z.infer<typeof StopCallInput>;
