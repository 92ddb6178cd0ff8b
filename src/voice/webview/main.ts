import type { VoiceHostMessage, VoiceModelChoice, VoiceSettings, VoiceStatus, VoiceWebviewMessage } from '../protocol';
import type { TranscriptEntry } from '../transcript';
import { button, el } from '../../webviewKit/webview/elements';
import { Player } from './player';

/**
 * The Voice page. The host records the microphone and runs the Sonic session; this page shows the controls, the
 * input level and the live transcript, and plays the answer's audio. For tests it keeps on <body>: data-status,
 * data-speaking, data-scheduled-ms (all audio scheduled so far), data-scheduled-chunks, data-interrupted-at and
 * data-cut-at (epoch ms of the last barge-in message and of the cut), data-dropped-ms (queued audio cut).
 */
declare function acquireVsCodeApi(): { postMessage(m: VoiceWebviewMessage): void };
const vscode = acquireVsCodeApi();
const post = (m: VoiceWebviewMessage) => vscode.postMessage(m);

const player = new Player();
const body = document.body;
const app = document.getElementById('app') as HTMLElement;
app.classList.add('voice');

const model = el('select', { id: 'model', 'aria-label': 'Speech-to-speech model' });
const voice = el('input', { id: 'voice', list: 'voices', 'aria-label': 'Voice', size: '10' });
const voices = el('datalist', { id: 'voices' });
const mode = el('select', { id: 'mode', 'aria-label': 'How the microphone is used' },
  el('option', { value: 'hands-free' }, 'Hands-free'), el('option', { value: 'push-to-talk' }, 'Push to talk'));
const tools = el('input', { id: 'tools', type: 'checkbox' });
const system = el('textarea', { id: 'system', rows: '2', 'aria-label': 'System prompt', placeholder: 'System prompt' });
const start = button('Start conversation', 'mic', () => startConversation(), { id: 'start', cls: 'action primary' });
// Stop ends the conversation and silences what is still queued
const stop = button('Stop', 'debug-stop', () => { player.cut(); post({ type: 'stop' }); }, { id: 'stop' });
const talk = button('Hold to talk', 'record', () => undefined, { id: 'talk' });
const volume = el('input', { id: 'volume', type: 'range', min: '0', max: '1', step: '0.05', value: '1', 'aria-label': 'Volume' });
const level = el('div', { id: 'level', class: 'level', role: 'meter', 'aria-label': 'Microphone level', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': '0' }, el('div', { class: 'level-bar' }));
const status = el('span', { id: 'status', class: 'status', 'aria-live': 'polite' }, 'Not started');
const speaking = el('span', { id: 'speaking', class: 'speaking', hidden: '' }, 'Nova Sonic is speaking');
const errorText = el('span', { class: 'error-text' });
const errorAction = button('Next step', 'arrow-right', () => post({ type: 'errorAction' }), { id: 'error-action' });
const errorBox = el('div', { id: 'error', class: 'error', role: 'alert', hidden: '' }, errorText, errorAction);
const transcript = el('div', { id: 'transcript', class: 'transcript', role: 'log', 'aria-label': 'Transcript' });
const text = el('input', { id: 'text', type: 'text', placeholder: 'Type a message (Nova 2 Sonic)', 'aria-label': 'Typed message' });
const send = button('Send', 'send', () => sendText(), { id: 'send', iconOnly: true });
const exportMd = button('Export transcript', 'markdown', () => post({ type: 'export', what: 'markdown' }), { id: 'export-md' });
const exportWav = button('Export audio', 'file-media', () => post({ type: 'export', what: 'wav' }), { id: 'export-wav' });

app.replaceChildren(
  el('div', { class: 'voice-settings' },
    el('label', {}, 'Model ', model), el('label', {}, 'Voice ', voice, voices), el('label', {}, 'Microphone ', mode),
    el('label', { title: 'Lets Nova Sonic list and read files of this workspace to answer' }, tools, ' Workspace tools (read-only)')),
  system,
  el('div', { class: 'voice-controls', role: 'toolbar', 'aria-label': 'Conversation' }, start, stop, talk, level, status, speaking,
    el('span', { class: 'spacer' }), el('label', {}, 'Volume ', volume)),
  errorBox,
  transcript,
  el('div', { class: 'voice-text' }, text, send),
  el('div', { class: 'voice-export' }, exportMd, exportWav),
);

let models: VoiceModelChoice[] = [];
let current: VoiceStatus = 'idle';

function settings(): VoiceSettings {
  return { modelId: model.value, voiceId: voice.value.trim() || 'matthew', system: system.value, mode: mode.value === 'push-to-talk' ? 'push-to-talk' : 'hands-free', tools: tools.checked };
}

function startConversation(): void {
  player.unlock(); // inside the click: browsers only let a page start audio from a user gesture
  post({ type: 'start', settings: settings() });
}

function sendText(): void {
  if (!text.value.trim()) return;
  post({ type: 'text', text: text.value });
  text.value = '';
}

function chosenModel(): VoiceModelChoice | undefined {
  return models.find(m => m.id === model.value);
}

function renderControls(): void {
  const live = current === 'starting' || current === 'listening' || current === 'reconnecting';
  start.disabled = live || current === 'stopping';
  stop.disabled = !live;
  for (const c of [model, voice, mode, tools, system]) c.disabled = live;
  talk.hidden = mode.value !== 'push-to-talk';
  talk.disabled = !live;
  const typed = chosenModel()?.textInput ?? true;
  text.disabled = !live || !typed;
  send.disabled = text.disabled;
  text.placeholder = typed ? 'Type a message' : `${chosenModel()?.name ?? 'This model'} takes speech only; Nova 2 Sonic also takes typed turns`;
  body.dataset.status = current;
}

function setModels(list: VoiceModelChoice[], chosen: VoiceSettings): void {
  models = list;
  model.replaceChildren(...list.map(m => el('option', { value: m.id }, `${m.name} (${m.id})`)));
  model.value = chosen.modelId;
  voice.value = chosen.voiceId;
  system.value = chosen.system;
  mode.value = chosen.mode;
  tools.checked = chosen.tools;
  renderVoices();
}

function renderVoices(): void {
  voices.replaceChildren(...(chosenModel()?.voices ?? []).map(v => el('option', { value: v })));
}

model.addEventListener('change', () => { renderVoices(); renderControls(); });
mode.addEventListener('change', renderControls);
volume.addEventListener('input', () => player.setVolume(Number(volume.value)));
text.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); sendText(); } });

// push-to-talk: hold the button, or hold Space when no text field has the focus
let held = false;
function hold(pressed: boolean): void {
  if (held === pressed || mode.value !== 'push-to-talk' || talk.disabled) return;
  held = pressed;
  talk.classList.toggle('held', pressed);
  post({ type: 'talk', pressed });
}
talk.addEventListener('pointerdown', () => hold(true));
for (const ev of ['pointerup', 'pointerleave', 'pointercancel']) talk.addEventListener(ev, () => hold(false));
const typing = () => document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement || document.activeElement instanceof HTMLSelectElement;
window.addEventListener('keydown', e => { if (e.code === 'Space' && !typing() && !e.repeat) { e.preventDefault(); hold(true); } });
window.addEventListener('keyup', e => { if (e.code === 'Space' && !typing()) hold(false); });

function renderTranscript(entries: TranscriptEntry[]): void {
  const follow = transcript.scrollTop + transcript.clientHeight >= transcript.scrollHeight - 20;
  transcript.replaceChildren(...entries.filter(e => e.role !== 'assistant' || e.text || e.pending.length || e.interrupted).map(e => {
    const who = e.role === 'user' ? (e.typed ? 'You (typed)' : 'You') : e.role === 'assistant' ? 'Nova Sonic' : e.role === 'tool' ? 'Tool' : 'Note';
    const row = el('div', { class: `turn ${e.role}`, 'data-role': e.role, 'data-id': String(e.id) }, el('span', { class: 'who' }, who), el('span', { class: 'final' }, e.text));
    if (e.pending.length) row.append(el('span', { class: 'pending' }, ` ${e.pending.join(' ')}`));
    if (e.interrupted) { row.classList.add('interrupted'); row.append(el('span', { class: 'cut', title: 'You spoke over this answer; the rest was not played' }, ' — interrupted')); }
    if (e.done) row.dataset.done = 'true';
    return row;
  }));
  body.dataset.answers = String(entries.filter(e => e.role === 'assistant' && e.done).length);
  if (follow) transcript.scrollTop = transcript.scrollHeight;
}

function setLevel(value: number): void {
  const pct = Math.round(value * 100);
  (level.firstElementChild as HTMLElement).style.width = `${pct}%`;
  level.setAttribute('aria-valuenow', String(pct));
}

// the speaking state follows the audio clock, not the messages
setInterval(() => {
  const on = player.speaking;
  speaking.hidden = !on;
  body.dataset.speaking = String(on);
}, 50);

window.addEventListener('message', (event: MessageEvent<VoiceHostMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'init':
      setModels(m.models, m.settings);
      start.title = `Start: records the microphone with ${m.recorder}`;
      renderControls();
      break;
    case 'status':
      current = m.status;
      status.textContent = ({ idle: 'Not started', starting: 'Connecting…', listening: 'Listening', reconnecting: 'Reconnecting…', stopping: 'Stopping…', ended: 'Ended' } as const)[m.status] + (m.detail ? ` — ${m.detail}` : '');
      if (m.status === 'ended') setLevel(0);
      renderControls();
      break;
    case 'transcript':
      renderTranscript(m.entries);
      break;
    case 'audio':
      player.play(m.pcm, m.sampleRate);
      body.dataset.scheduledMs = String(player.scheduledMs);
      body.dataset.scheduledChunks = String(player.scheduledChunks);
      break;
    case 'interrupted': {
      const at = Date.now();
      const dropped = player.cut();
      body.dataset.interruptedAt = String(at);
      body.dataset.cutAt = String(Date.now());
      body.dataset.droppedMs = String(Math.round(dropped));
      break;
    }
    case 'level':
      setLevel(m.value);
      break;
    case 'error':
      errorBox.hidden = !m.error;
      errorText.textContent = m.error?.message ?? '';
      errorAction.hidden = !m.error?.actionLabel;
      errorAction.querySelector('.label')!.textContent = m.error?.actionLabel ?? '';
      errorAction.setAttribute('aria-label', m.error?.actionLabel ?? '');
      break;
  }
});

renderControls();
post({ type: 'ready' });
