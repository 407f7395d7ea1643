// First: zod's jitless mode, before any module builds a schema (zod-jitless.ts).
import './zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api.ts';
import { App } from './App.tsx';
import { createLiveValue, createPendingRequest } from './live-value.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// Ask the core first, render second: the answers travel while React starts.
const today = createLiveValue(() => api().missions.today(), api().on.today);
const settings = createLiveValue(() => api().settings.get(), api().on.settings);
const sync = createLiveValue(() => api().sync.status(), api().on.sync);
// A missiontray://open/mission/<id> link that opened this window arrives before Today is drawn.
const showMission = createPendingRequest(api().on.showMission);
createRoot(root).render(
  <StrictMode>
    <App today={today} settings={settings} sync={sync} showMission={showMission} />
  </StrictMode>,
);
