// The one IPC contract: every call's channel, zod input and output, and every pushed event.
// Main registers one handler per call; the preload builds `window.missionTray` from the same
// names (ipc-names.ts, kept free of zod). Adding a call here without its name, or without a
// handler (see `IpcHandlers`), is a compile error.
import { z } from 'zod';
import { DesktopStatus } from './desktop.ts';
import type { IpcCallNames, IpcEventName } from './ipc-names.ts';
import {
  DayPlan,
  LogWinInput,
  Metric,
  Mission,
  MissionDraft,
  Period,
  ReflectionInput,
} from './mission.ts';
import { Settings, SettingsPatch } from './settings.ts';
import { HistorySnapshot, Suggestion, TodaySnapshot } from './snapshot.ts';
import { ClearTimeOffInput, MarkTimeOffInput } from './time-off.ts';
import {
  CheerInput,
  CheerResult,
  JoinInput,
  JoinPreview,
  SyncConfigureInput,
  SyncStatus,
  TeamPreview,
  TeamPreviewInput,
  TeamView,
} from './team.ts';
import { UpdateOffer } from './updates.ts';

const MissionId = z.object({ id: z.string().min(1).max(64) });
const None = z.undefined();

export const SuggestInput = z
  .object({
    metric: Metric,
    workingDays: z.array(z.int().min(1).max(7)).min(1),
  })
  .and(Period);
export type SuggestInput = z.input<typeof SuggestInput>;

type CallSpec = { input: z.ZodType; output: z.ZodType };
/** Exactly the names in ipc-names.ts: a missing or an extra call does not compile. */
type ContractShape = {
  [A in keyof IpcCallNames]: Record<IpcCallNames[A][number], CallSpec>;
};

export const ipcContract = {
  missions: {
    today: { input: None, output: TodaySnapshot },
    history: { input: None, output: HistorySnapshot },
    /** The planned milestones for a draft, before saving. */
    preview: { input: MissionDraft, output: z.array(DayPlan) },
    suggest: { input: SuggestInput, output: Suggestion },
    create: { input: MissionDraft, output: Mission },
    update: {
      input: z.object({ id: z.string().min(1).max(64), draft: MissionDraft }),
      output: Mission,
    },
    archive: { input: MissionId, output: Mission },
    abandon: { input: MissionId, output: Mission },
    reflect: {
      input: z.object({ id: z.string().min(1).max(64), reflection: ReflectionInput }),
      output: Mission,
    },
    dismissNotice: { input: z.object({ id: z.string().min(1).max(64) }), output: TodaySnapshot },
    /** Today is time off (sick, away) or a working day again: the streak survives a day off. */
    pauseToday: { input: z.object({ paused: z.boolean() }), output: TodaySnapshot },
    /** Marks days from today on as time off (holiday, training, …), spreading the plans or not. */
    markTimeOff: { input: MarkTimeOffInput, output: TodaySnapshot },
    /** Makes days from today on working days again. */
    clearTimeOff: { input: ClearTimeOffInput, output: TodaySnapshot },
  },
  wins: {
    log: { input: LogWinInput, output: TodaySnapshot },
    undo: { input: None, output: TodaySnapshot },
  },
  data: {
    /** Saves an export where the rep chooses; null when they cancel. */
    export: {
      input: z.object({ format: z.enum(['json', 'csv']) }),
      output: z.object({ savedTo: z.string().nullable() }),
    },
  },
  settings: {
    get: { input: None, output: Settings },
    update: { input: SettingsPatch, output: Settings },
  },
  /** The shell itself: what the tray menu offers, for the window too. */
  app: {
    /** Pauses notifications for an hour or until tomorrow's morning; 'resume' ends a pause. */
    pauseNotifications: {
      input: z.object({ for: z.enum(['1h', 'tomorrow', 'resume']) }),
      output: Settings,
    },
    /** Shows the window as the compact popover or as a normal window. */
    openWindow: { input: z.object({ mode: z.enum(['compact', 'normal']) }), output: z.null() },
    hideWindow: { input: None, output: z.null() },
    quit: { input: None, output: z.null() },
    /** The shortcut, launch at login and log file as the OS has them, for Preferences. */
    desktop: { input: None, output: DesktopStatus },
    /** Opens the logs folder in the file manager (Electron's shell.openPath). */
    openLogsFolder: { input: None, output: z.null() },
  },
  /** Team sync of public missions (docs/PROTOCOL.md). The token never comes back out. */
  sync: {
    status: { input: None, output: SyncStatus },
    /** Turns sync on with the endpoint and, optionally, a new token. */
    configure: { input: SyncConfigureInput, output: SyncStatus },
    setEnabled: { input: z.object({ enabled: z.boolean() }), output: SyncStatus },
    /** What the team endpoint receives (or would, for a draft), built as the engine sends it. */
    preview: { input: TeamPreviewInput, output: TeamPreview },
  },
  /** Teammates' public missions, from the team endpoint. */
  team: {
    view: { input: None, output: TeamView },
    cheer: { input: CheerInput, output: CheerResult },
  },
  /** Joining a team with a manager's invite (link or code); the token never comes out. */
  join: {
    /** The team, server and what would be shared, for the rep to confirm. Uses nothing up. */
    preview: { input: JoinInput, output: JoinPreview },
    /** Join: the invite is exchanged for the rep's token and sync turns on there. */
    accept: { input: JoinInput, output: SyncStatus },
    /** The invite a link brought that the window has not answered yet. */
    pending: { input: None, output: JoinInput.nullable() },
    /** Cancel: the link's invite is forgotten. */
    dismiss: { input: None, output: z.null() },
  },
  /** A downloaded update: the banner's offer (null: none), restart now, or later (on quit). */
  updates: {
    offer: { input: None, output: UpdateOffer.nullable() },
    restartNow: { input: None, output: z.null() },
    later: { input: None, output: z.null() },
  },
} as const satisfies ContractShape;

/** The window's views. */
export const WindowView = z.enum(['today', 'missions', 'history', 'team', 'preferences']);
export type WindowView = z.infer<typeof WindowView>;

/** Events pushed to the window: a new snapshot after every change, or a view to show. */
export const ipcEvents = {
  today: TodaySnapshot,
  settings: Settings,
  sync: SyncStatus,
  /** The rep clicked a notification: the window shows this view. */
  navigate: WindowView,
  /** The tray's "Reflect on …": show this ended mission's reflection, even after "Later". */
  reflect: z.string(),
  /** A downloaded update to offer, or null once the rep picked Later. */
  update: UpdateOffer.nullable(),
  /** A missiontray://open/mission/<id> link: Today, with this mission's card in view. */
  showMission: z.string(),
  /** A missiontray://join link: show its confirm screen (Join / Cancel). */
  join: JoinInput,
} as const satisfies Record<IpcEventName, z.ZodType>;

export type IpcContract = typeof ipcContract;
export type IpcArea = keyof IpcContract;
export type IpcEvent = keyof typeof ipcEvents;

export { channelOf, eventChannelOf } from './ipc-names.ts';

export const ErrorCode = z.enum([
  'invalid',
  'not-found',
  'conflict',
  'storage',
  'forbidden',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;
export const IpcError = z.object({
  code: ErrorCode,
  /** A sentence the rep can act on. */
  message: z.string(),
  /** The input field the message is about, when there is one. */
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type IpcError = z.infer<typeof IpcError>;
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

type Call<C> = C extends { input: infer I extends z.ZodType; output: infer O extends z.ZodType }
  ? { input: I; output: O }
  : never;

/** What main must implement: one function per call, given parsed input. */
export type IpcHandlers = {
  [A in IpcArea]: {
    [N in keyof IpcContract[A]]: (
      input: z.output<Call<IpcContract[A][N]>['input']>,
    ) => Promise<z.input<Call<IpcContract[A][N]>['output']>>;
  };
};

/** What the renderer sees on `window.missionTray`. */
export type MissionTrayApi = {
  [A in IpcArea]: {
    [N in keyof IpcContract[A]]: z.input<Call<IpcContract[A][N]>['input']> extends undefined
      ? () => Promise<Result<z.output<Call<IpcContract[A][N]>['output']>>>
      : (
          input: z.input<Call<IpcContract[A][N]>['input']>,
        ) => Promise<Result<z.output<Call<IpcContract[A][N]>['output']>>>;
  };
} & {
  on: {
    [E in IpcEvent]: (listener: (value: z.output<(typeof ipcEvents)[E]>) => void) => () => void;
  };
};
