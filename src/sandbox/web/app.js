// @ts-check
import { renderCard } from './card-renderer.js';
import { clockBadge } from './clock.js';
import { labels } from './labels.js';
import { escapeHtml, renderText } from './markdown.js';

/**
 * The sandbox page: polls the sandbox for what changed, shows the chats like a phone, and
 * turns typing, pressing and submitting into calls that the sandbox delivers to the bot as
 * Lark would. Message elements are kept while unchanged, so half-filled forms survive updates.
 *
 * @typedef {{ openId: string, name: string, privateChatId: string }} User
 * @typedef {{ chatId: string, name: string, members: string[] }} Chat
 * @typedef {{ messageId: string, chatId: string, senderOpenId: string | null, at: number, msgType: string, content: any, updated: boolean }} Message
 * @typedef {{ version: number, seeding: boolean, users: User[], chats: Chat[], messages: Message[], files: Record<string, string>, transport: { connection: string, state: string | null }, clock: import('./clock.js').ClockView }} View
 */

const POLL_MS = 700;
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

const state = {
  /** @type {View | null} */ view: null,
  version: 0,
  /** @type {string | null} */ chatId: null,
  /** @type {string | null} */ speaker: null,
  /** @type {Map<string, { signature: string, element: HTMLElement }>} */ rendered: new Map(),
  /** @type {Record<string, number>} */ seenUntil: {},
};

/**
 * @param {string} path
 * @param {object} [body]
 */
async function api(path, body) {
  let res;
  try {
    res = await fetch(`/sandbox/api${path}`, body ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {});
  } catch {
    throw new Error(labels.errors.network);
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(labels.errors[data.error] ?? `${res.status} ${data.error ?? ''}`);
  return data;
}

const nameOf = (/** @type {string} */ openId) => state.view?.users.find((u) => u.openId === openId)?.name;
const ownerOf = (/** @type {string | null} */ chatId) => state.view?.users.find((u) => u.privateChatId === chatId) ?? null;
const time = (/** @type {number} */ at) => new Date(at).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });

/** @param {string} content @param {string} [type] */
function toast(content, type = 'info') {
  const el = $('toast');
  el.textContent = content;
  el.className = type;
  el.hidden = false;
  clearTimeout(Number(el.dataset.timer));
  el.dataset.timer = String(setTimeout(() => (el.hidden = true), 4000));
}

function renderChatList() {
  const view = /** @type {View} */ (state.view);
  const unread = (/** @type {string} */ chatId) =>
    chatId === state.chatId ? 0 : view.messages.filter((m) => m.chatId === chatId && m.at > (state.seenUntil[chatId] ?? 0)).length;
  const item = (/** @type {string} */ chatId, /** @type {string} */ name, /** @type {string} */ sub) => {
    const n = unread(chatId);
    return `<button type="button" class="chat-item ${chatId === state.chatId ? 'active' : ''}" data-chat-id="${escapeHtml(chatId)}">${n ? `<span class="badge">${n}</span>` : ''}${escapeHtml(name)}<small>${escapeHtml(sub)}</small></button>`;
  };
  $('chat-list').innerHTML = [
    `<h3>${escapeHtml(labels.groups)}</h3>`,
    ...view.chats.map((c) => item(c.chatId, c.name, labels.members(c.members.length))),
    `<h3>${escapeHtml(labels.privateChats)}</h3>`,
    ...view.users.map((u) => item(u.privateChatId, labels.privateChat(u.name), '')),
  ].join('');
}

function renderSpeaker() {
  const view = /** @type {View} */ (state.view);
  const owner = ownerOf(state.chatId);
  const select = /** @type {HTMLSelectElement} */ ($('speaker'));
  const users = owner ? [owner] : view.users;
  if (owner) state.speaker = owner.openId;
  if (!users.some((u) => u.openId === state.speaker)) state.speaker = users[0]?.openId ?? null;
  const options = users.map((u) => `<option value="${escapeHtml(u.openId)}">${escapeHtml(u.name)}</option>`).join('');
  if (select.innerHTML !== options) select.innerHTML = options;
  select.value = state.speaker ?? '';
  select.disabled = Boolean(owner);
  /** @type {HTMLTextAreaElement} */ ($('composer-input')).placeholder = owner ? labels.composerPrivate : labels.composerGroup;
}

/** @param {Message} m */
function messageBody(m) {
  const view = /** @type {View} */ (state.view);
  const c = m.content ?? {};
  switch (m.msgType) {
    case 'text':
      return `<div class="bubble">${renderText(String(c.text ?? ''), nameOf)}</div>`;
    case 'interactive':
      return `<div class="bubble card-bubble">${renderCard(c, { nameOf })}</div>`;
    case 'file': {
      // A file a user sent carries its size; the bot's files are the ones to download.
      if (typeof c.size === 'number') return `<div class="bubble file">📎 ${escapeHtml(c.file_name)} <small>${escapeHtml(labels.fileSize(c.size))}</small></div>`;
      const name = view.files[c.file_key] ?? c.file_name ?? c.file_key;
      return `<div class="bubble file">📄 ${escapeHtml(name)} <a class="btn" href="/sandbox/api/files/${encodeURIComponent(c.file_key)}" download="${escapeHtml(name)}">${escapeHtml(labels.download)}</a></div>`;
    }
    case 'image':
      return `<div class="bubble"><img alt="${escapeHtml(labels.image)}" style="max-width:100%" src="/sandbox/api/files/${encodeURIComponent(c.image_key)}"></div>`;
    case 'post': {
      const post = c.zh_cn ?? c.en_us ?? c;
      const lines = (Array.isArray(post.content) ? post.content : []).map((/** @type {any[]} */ line) =>
        line.map((/** @type {any} */ n) => (n.tag === 'at' ? `<span class="mention">@${escapeHtml(nameOf(n.user_id) ?? n.user_name ?? n.user_id)}</span>` : escapeHtml(n.text ?? ''))).join(''),
      );
      return `<div class="bubble">${post.title ? `<strong>${escapeHtml(post.title)}</strong><br>` : ''}${lines.join('<br>')}</div>`;
    }
    default:
      return `<div class="bubble">［${escapeHtml(m.msgType)}］</div>`;
  }
}

/** @param {Message} m */
function messageElement(m) {
  const el = document.createElement('div');
  const mine = m.senderOpenId !== null && m.senderOpenId === state.speaker;
  el.className = `message ${m.senderOpenId === null ? 'bot' : mine ? 'mine' : 'other'}`;
  el.dataset.messageId = m.messageId;
  const who = m.senderOpenId === null ? labels.bot : (nameOf(m.senderOpenId) ?? m.senderOpenId);
  el.innerHTML = `<div class="meta">${escapeHtml(who)} · ${time(m.at)}${m.updated ? `<span class="tag-updated">${escapeHtml(labels.updated)}</span>` : ''}</div>${messageBody(m)}`;
  return el;
}

function renderConversation() {
  const view = /** @type {View} */ (state.view);
  const chat = view.chats.find((c) => c.chatId === state.chatId);
  const owner = ownerOf(state.chatId);
  $('chat-title').innerHTML = chat
    ? `${escapeHtml(chat.name)}<small>${escapeHtml(labels.members(chat.members.length))}</small>`
    : escapeHtml(owner ? labels.privateChat(owner.name) : '');
  const box = $('messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  const messages = view.messages.filter((m) => m.chatId === state.chatId);
  const keep = new Set();
  /** @type {HTMLElement | null} */
  let previous = null;
  for (const m of messages) {
    // Whose bubble is "mine" depends on the speaker, so it is part of what is drawn.
    const signature = JSON.stringify([m.content, m.updated, m.senderOpenId === state.speaker]);
    let entry = state.rendered.get(m.messageId);
    if (!entry || entry.signature !== signature) {
      const element = messageElement(m);
      if (entry) entry.element.replaceWith(element);
      entry = { signature, element };
      state.rendered.set(m.messageId, entry);
    }
    keep.add(entry.element);
    const expectedPosition = /** @type {ChildNode | null} */ (previous ? previous.nextSibling : box.firstChild);
    if (expectedPosition !== entry.element) box.insertBefore(entry.element, expectedPosition);
    previous = entry.element;
  }
  for (const child of [...box.children]) if (!keep.has(child)) child.remove();
  if (messages.length === 0) box.innerHTML = `<div class="empty">${escapeHtml(labels.empty)}</div>`;
  if (atBottom) box.scrollTop = box.scrollHeight;
  const last = messages.at(-1);
  if (last && state.chatId) state.seenUntil[state.chatId] = last.at;
}

function render() {
  if (!state.view) return;
  const seeding = $('seeding');
  seeding.hidden = !state.view.seeding;
  seeding.textContent = labels.seeding;
  const { connection, state: connectionState } = state.view.transport;
  $('banner-text').textContent = `${labels.title} · ${labels.banner} · ${labels.transport(connection, connectionState)}`;
  state.chatId ??= state.view.chats[0]?.chatId ?? null;
  renderSpeaker();
  renderConversation();
  renderChatList();
}

async function poll() {
  try {
    const data = await api(`/state?since=${state.version}`);
    if (data.messages) {
      state.view = data;
      clock.show(data.clock);
      render();
    }
    state.version = data.version;
  } catch {
    // The server may be restarting; keep asking.
  }
  setTimeout(poll, POLL_MS);
}

/**
 * @param {{ messageId: string, value: object, formValue?: object, name?: string }} press
 */
async function pressCard(press) {
  try {
    const answer = await api('/cards', { from: state.speaker, ...press });
    if (answer.toast) toast(answer.toast.content, answer.toast.type);
  } catch (e) {
    toast(/** @type {Error} */ (e).message, 'error');
  }
}

/**
 * The page's API takes JSON only, so a file travels as base64.
 * @param {File} file
 * @returns {Promise<string>}
 */
function base64Of(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(labels.errors.file_unreadable));
    reader.readAsDataURL(file);
  });
}

/** @param {HTMLFormElement} form */
function formValue(form) {
  /** @type {Record<string, unknown>} */
  const value = {};
  for (const field of form.querySelectorAll('input[name], textarea[name], select[name]')) {
    const input = /** @type {HTMLInputElement} */ (field);
    if (input.type !== 'checkbox') value[input.name] = input.value;
  }
  for (const set of form.querySelectorAll('fieldset[data-multi]')) {
    const name = /** @type {HTMLElement} */ (set).dataset.multi ?? '';
    value[name] = [...set.querySelectorAll('input:checked')].map((i) => /** @type {HTMLInputElement} */ (i).value);
  }
  for (const box of form.querySelectorAll('input[data-checker]')) {
    const input = /** @type {HTMLInputElement} */ (box);
    value[input.dataset.checker ?? ''] = input.checked;
  }
  return value;
}

function wire() {
  document.title = labels.title;
  $('banner-text').textContent = `${labels.title} · ${labels.banner}`;
  /** @type {HTMLElement} */ ($('speaker-label').firstElementChild).textContent = labels.speakingAs;
  $('composer-send').textContent = labels.send;
  $('composer-file').title = labels.attach;
  $('composer-file').setAttribute('aria-label', labels.attach);
  $('jobs-title').textContent = labels.jobs;
  $('job-name-label').textContent = labels.jobName;
  $('job-date-label').textContent = labels.jobDate;
  $('job-time-label').textContent = labels.jobTime;
  $('job-hint').textContent = labels.jobHint;
  $('job-run').textContent = labels.jobRun;

  $('chat-list').addEventListener('click', (event) => {
    const item = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('[data-chat-id]'));
    if (!item) return;
    state.chatId = item.dataset.chatId ?? null;
    render();
    $('messages').scrollTop = $('messages').scrollHeight;
  });
  $('speaker').addEventListener('change', (event) => {
    state.speaker = /** @type {HTMLSelectElement} */ (event.target).value;
    render();
  });

  const input = /** @type {HTMLTextAreaElement} */ ($('composer-input'));
  $('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !state.chatId) return;
    try {
      await api('/messages', { from: state.speaker, chatId: state.chatId, text });
      input.value = '';
    } catch (e) {
      toast(/** @type {Error} */ (e).message, 'error');
    }
  });
  const fileInput = /** @type {HTMLInputElement} */ ($('composer-file-input'));
  $('composer-file').addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    // Cleared at once, so picking the same file again sends it again.
    fileInput.value = '';
    if (!file || !state.chatId) return;
    toast(labels.sending(file.name));
    try {
      await api('/files', { from: state.speaker, chatId: state.chatId, fileName: file.name, base64: await base64Of(file) });
      $('toast').hidden = true;
    } catch (e) {
      toast(/** @type {Error} */ (e).message, 'error');
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      /** @type {HTMLFormElement} */ ($('composer')).requestSubmit();
    }
  });

  const messages = $('messages');
  messages.addEventListener('click', (event) => {
    const button = /** @type {HTMLButtonElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('button[data-callback]'));
    if (!button || button.type !== 'button') return;
    const messageId = /** @type {HTMLElement} */ (button.closest('[data-message-id]')).dataset.messageId ?? '';
    pressCard({ messageId, value: JSON.parse(button.dataset.callback ?? '{}') });
  });
  messages.addEventListener('submit', (event) => {
    const form = /** @type {HTMLFormElement} */ (event.target);
    event.preventDefault();
    // Lark checks required fields in the client before it sends anything.
    if (!form.reportValidity()) return;
    const submitter = /** @type {HTMLButtonElement | null} */ (/** @type {SubmitEvent} */ (event).submitter);
    const messageId = /** @type {HTMLElement} */ (form.closest('[data-message-id]')).dataset.messageId ?? '';
    pressCard({
      messageId,
      value: JSON.parse(submitter?.dataset.callback ?? '{}'),
      formValue: formValue(form),
      ...(submitter?.name ? { name: submitter.name } : {}),
    });
  });

  $('job-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = /** @type {HTMLSelectElement} */ ($('job-name')).value;
    const date = /** @type {HTMLInputElement} */ ($('job-date')).value;
    const at = /** @type {HTMLInputElement} */ ($('job-time')).value;
    const result = $('job-result');
    result.textContent = labels.jobRunning;
    try {
      const outcome = await api('/jobs', { name, ...(date ? { date } : {}), ...(at ? { time: at } : {}) });
      result.textContent = labels.jobDone(outcome.job, outcome.fire, outcome.result);
    } catch (e) {
      result.innerHTML = `<span class="error">${escapeHtml(/** @type {Error} */ (e).message)}</span>`;
    }
  });
}

async function loadJobs() {
  const { jobs } = await api('/jobs');
  /** @type {HTMLSelectElement} */ ($('job-name')).innerHTML = jobs
    .map((/** @type {{ name: string, times: string[], description: string }} */ j) =>
      `<option value="${escapeHtml(j.name)}" title="${escapeHtml(j.description)}">${escapeHtml(labels.jobTitle(j.name))}（${escapeHtml(j.times.join(' '))}）</option>`,
    )
    .join('');
}

const clock = clockBadge($('clock'), () => api('/clock', { realTime: true }).catch((e) => toast(e.message, 'error')));
wire();
loadJobs().catch((e) => toast(e.message, 'error'));
poll();
