// The IPC's names alone, without its schemas: what the sandboxed preload needs to build
// `window.missionTray`, so a window starts without evaluating zod and the whole contract.
// ipc.ts checks its contract against these names, both ways, at compile time.
export const ipcCallNames = {
  missions: [
    'today',
    'history',
    'preview',
    'suggest',
    'create',
    'update',
    'archive',
    'abandon',
    'reflect',
    'dismissNotice',
    'pauseToday',
    'markTimeOff',
    'clearTimeOff',
  ],
  wins: ['log', 'undo'],
  data: ['export'],
  settings: ['get', 'update'],
  app: ['pauseNotifications', 'openWindow', 'hideWindow', 'quit', 'desktop', 'openLogsFolder'],
  sync: ['status', 'configure', 'setEnabled', 'preview'],
  team: ['view', 'cheer'],
  join: ['preview', 'accept', 'pending', 'dismiss'],
  updates: ['offer', 'restartNow', 'later'],
} as const;

export const ipcEventNames = [
  'today',
  'settings',
  'sync',
  'navigate',
  'reflect',
  'update',
  'showMission',
  'join',
] as const;

export type IpcCallNames = typeof ipcCallNames;
export type IpcEventName = (typeof ipcEventNames)[number];

export const channelOf = (area: string, name: string): string => `mission-tray:${area}:${name}`;
export const eventChannelOf = (event: string): string => `mission-tray:event:${event}`;
