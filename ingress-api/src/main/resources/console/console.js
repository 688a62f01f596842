// The console page: polls /console/api and redraws each section in place (no reload). Every value is written
// with textContent, never as HTML. A 401 means the session ended: the page reloads into the login form.
'use strict';

const API = '/console/api';
const FAST_MS = 2000;
const SLOW_MS = 5000;
const state = { status: '', client: '', filter: 0, first: [], older: [], cursor: null, expanded: new Set(), selected: new Set(),
  notified: '' };

async function call(path, options = {}) {
  const headers = { 'Accept': 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.method && options.method !== 'GET') headers['X-Console-Request'] = '1';
  const response = await fetch(API + path, { method: options.method || 'GET', headers, credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  if (response.status === 401) {
    location.reload();
    throw new Error('logged out');
  }
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new Error(body?.detail || `${response.status} ${response.statusText}`);
  return body;
}

function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function row(cells) {
  const tr = el('tr');
  for (const cell of cells) {
    const td = el('td');
    if (cell instanceof Node) td.append(cell); else td.textContent = cell ?? '–';
    tr.append(td);
  }
  return tr;
}

function button(label, onClick, attributes = {}) {
  const b = el('button', label, { type: 'button', ...attributes });
  b.addEventListener('click', onClick);
  return b;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}

let noticeTimer;
function notice(text) {
  document.getElementById('notice').textContent = text;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { document.getElementById('notice').textContent = ''; }, 10000);
}

// Runs a section's refresh now and every `ms`; a failure is shown and the next tick tries again.
function every(ms, refresh) {
  const tick = async () => {
    try { await refresh(); } catch (e) { if (e.message !== 'logged out') notice(e.message); }
    setTimeout(tick, ms);
  };
  tick();
}

// --- quota ------------------------------------------------------------------------------------------------------
async function refreshQuota() {
  const quota = await call('/quota');
  const meter = document.getElementById('quota-meter');
  meter.max = quota.quota_per_minute;
  meter.high = Math.round(quota.quota_per_minute * 0.95);
  meter.low = Math.round(quota.quota_per_minute * 0.8);
  meter.value = quota.permits_last_60s;
  document.getElementById('quota-used').textContent = quota.permits_last_60s;
  document.getElementById('quota-limit').textContent = quota.quota_per_minute;
  drawChart(quota.per_minute, quota.quota_per_minute);
}

function drawChart(minutes, limit) {
  const svg = document.getElementById('quota-chart');
  const ns = 'http://www.w3.org/2000/svg';
  const width = 600, height = 160, top = Math.max(limit * 1.1, ...minutes.map(m => m.permits), 1);
  const barWidth = width / Math.max(minutes.length, 1);
  svg.replaceChildren();
  minutes.forEach((minute, i) => {
    const h = (minute.permits / top) * height;
    const bar = document.createElementNS(ns, 'rect');
    bar.setAttribute('x', String(i * barWidth + 1));
    bar.setAttribute('y', String(height - h));
    bar.setAttribute('width', String(Math.max(barWidth - 2, 1)));
    bar.setAttribute('height', String(h));
    bar.setAttribute('class', minute.permits > limit ? 'bar over' : 'bar');
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${new Date(minute.minute).toLocaleTimeString()}: ${minute.permits} calls`;
    bar.append(title);
    svg.append(bar);
  });
  const y = height - (limit / top) * height;
  const line = document.createElementNS(ns, 'line');
  for (const [k, v] of Object.entries({ x1: 0, x2: width, y1: y, y2: y, class: 'limit' })) line.setAttribute(k, String(v));
  svg.append(line);
  const busiest = minutes.reduce((max, m) => Math.max(max, m.permits), 0);
  document.getElementById('quota-chart-caption').textContent =
    `Google calls per minute, the last hour: at most ${busiest} in a minute; the line is the quota, ${limit}`;
}

// --- jobs -------------------------------------------------------------------------------------------------------
function jobsQuery(cursor) {
  const query = new URLSearchParams();
  if (state.status) query.set('status', state.status);
  if (state.client) query.set('client_id', state.client);
  if (cursor) query.set('cursor', cursor);
  return `/jobs?${query}`;
}

// The first page is read again at every tick (live); older pages, loaded with "More jobs", stay as loaded.
async function refreshJobs() {
  const filter = state.filter;
  const page = await call(jobsQuery(null));
  if (filter !== state.filter) return; // answered for a filter since changed
  state.first = page.jobs;
  if (state.older.length === 0) state.cursor = page.next_cursor;
  drawJobs();
}

async function moreJobs() {
  const filter = state.filter;
  const page = await call(jobsQuery(state.cursor));
  if (filter !== state.filter) return;
  state.older.push(...page.jobs);
  state.cursor = page.next_cursor;
  drawJobs();
}

function drawJobs() {
  const body = document.querySelector('#jobs-table tbody');
  body.replaceChildren();
  const shown = new Set(state.first.map(job => job.job_id));
  const jobs = [...state.first, ...state.older.filter(job => !shown.has(job.job_id))];
  if (jobs.length === 0) {
    const empty = row(['No jobs match.']);
    empty.firstChild.colSpan = 10;
    body.append(empty);
  }
  for (const job of jobs) {
    const c = job.counts;
    const open = state.expanded.has(job.job_id);
    const toggle = button(job.job_id.slice(0, 8), () => {
      if (open) state.expanded.delete(job.job_id); else state.expanded.add(job.job_id);
      drawJobs();
    }, { 'aria-expanded': String(open), 'aria-label': `Job ${job.job_id}: details`, class: 'link' });
    const tr = row([toggle, job.client_id, el('span', job.status, { class: `status ${job.status}` }), time(job.submitted_at),
      c.accounts, `${c.locations_done} / ${c.locations}`,
      `${c.reviews_delivered} (${c.reviews_new} new, ${c.reviews_updated} updated, ${c.reviews_deleted} deleted)`,
      c.retries, c.dead_lettered, c.locations_incomplete]);
    tr.dataset.jobId = job.job_id;
    body.append(tr);
    if (open) body.append(jobDetails(job));
  }
  document.getElementById('jobs-more').hidden = !state.cursor;
}

function jobDetails(job) {
  const cell = el('td', null, { colspan: '10' });
  cell.append(el('p', `Job ${job.job_id} · ${job.counts.reviews_delivered} reviews delivered · ${job.counts.tasks_finished} of ${job.counts.tasks_total} tasks finished · updated ${time(job.updated_at)}`));
  if (job.dead_letters.length) {
    const list = el('ul', null, { 'aria-label': 'Dead letters of this job' });
    for (const letter of job.dead_letters) list.append(el('li', `${letter.task_id}: ${letter.reason ?? 'no reason given'}`));
    cell.append(el('h3', 'Dead letters'), list,
      button("Replay this job's dead letters", () => replay({ job_id: job.job_id })));
  }
  if (job.incomplete_locations.length) {
    const list = el('ul', null, { 'aria-label': 'Incomplete locations of this job' });
    for (const l of job.incomplete_locations) list.append(el('li', `${l.location_id}: ${l.delivered} of ${l.expected} reviews`));
    cell.append(el('h3', 'Incomplete locations'), list);
  }
  const tr = el('tr', null, { class: 'details' });
  tr.append(cell);
  return tr;
}

// --- dead letters -----------------------------------------------------------------------------------------------
const causeKey = group => JSON.stringify([group.source_topic, group.reason]);

async function refreshDeadLetters() {
  const dead = await call('/dead-letters');
  const body = document.querySelector('#dead-letters-table tbody');
  body.replaceChildren();
  const present = new Set(dead.groups.map(causeKey));
  for (const key of [...state.selected]) if (!present.has(key)) state.selected.delete(key);
  if (dead.groups.length === 0) {
    const empty = row(['No dead letters.']);
    empty.firstChild.colSpan = 7;
    body.append(empty);
  }
  dead.groups.forEach((group, i) => {
    const key = causeKey(group);
    const box = el('input', null, { type: 'checkbox', id: `cause-${i}`, 'aria-label': `Select ${group.letters} letters on ${group.source_topic}: ${group.reason}` });
    box.checked = state.selected.has(key);
    box.disabled = group.replayable === 0;
    box.addEventListener('change', () => { if (box.checked) state.selected.add(key); else state.selected.delete(key); });
    const tr = row([box, group.source_topic, group.reason, group.letters, group.awaiting_replay, group.jobs, time(group.latest)]);
    tr.dataset.awaiting = String(group.awaiting_replay);
    body.append(tr);
  });
}

async function replay(selection) {
  try {
    const result = await call('/dead-letters/replay', { method: 'POST', body: selection });
    notice(`Replayed ${result.replayed} dead letters.`);
    state.selected.clear();
    await refreshDeadLetters();
  } catch (e) {
    notice(`Replay failed: ${e.message}`);
  }
}

function replaySelected() {
  const causes = [...state.selected].map(key => JSON.parse(key)).map(([source_topic, reason]) => ({ source_topic, reason }));
  if (causes.length === 0) {
    notice('Select the dead letters to replay first.');
    return;
  }
  replay({ causes });
}

// --- schedules --------------------------------------------------------------------------------------------------
async function refreshSchedules() {
  const rows = await call('/schedules');
  const body = document.querySelector('#schedules-table tbody');
  body.replaceChildren();
  if (rows.length === 0) {
    const empty = row(['No schedules.']);
    empty.firstChild.colSpan = 7;
    body.append(empty);
  }
  offerClients(rows.map(r => r.schedule.client_id));
  for (const { schedule: s, last_run_status: last } of rows) {
    const every = [s.incremental_every && `incremental ${s.incremental_every}`, s.full_every && `full ${s.full_every}`].filter(Boolean).join(', ');
    const due = [s.next_incremental_at, s.next_full_at].filter(Boolean).sort()[0];
    const action = s.paused ? 'resume' : 'pause';
    const toggle = button(s.paused ? 'Resume' : 'Pause', async () => {
      try {
        await call(`/schedules/${s.id}/${action}`, { method: 'POST' });
        await refreshSchedules();
      } catch (e) { notice(e.message); }
    }, { 'aria-label': `${s.paused ? 'Resume' : 'Pause'} schedule ${s.id}` });
    body.append(row([s.id.slice(0, 8), s.client_id, every, s.paused ? 'paused' : 'active', s.paused ? '–' : time(due),
      last ? `${last} (${time(s.last_run_at)})` : (s.last_job_id ? `started ${time(s.last_run_at)}` : 'none yet'), toggle]));
  }
}

// --- notifications ----------------------------------------------------------------------------------------------
// The clients the schedules name are offered in the client id field; any other client id may be typed.
function offerClients(clientIds) {
  const list = document.getElementById('notifications-clients');
  list.replaceChildren(...[...new Set(clientIds)].sort().map(id => el('option', null, { value: id })));
}

// Re-read while a client is shown, so that a job's accounts appear as account-worker sets them.
async function refreshNotifications() {
  const client = state.notified;
  if (!client) return;
  let answer;
  try {
    answer = await call(`/notifications/${encodeURIComponent(client)}`);
  } catch (e) {
    if (client === state.notified) state.notified = ''; // said once, not at every tick (an unknown client stays unknown)
    throw e;
  }
  if (client !== state.notified) return; // answered for a client since changed
  const body = document.querySelector('#notifications-table tbody');
  body.replaceChildren();
  document.getElementById('notifications-caption').textContent = `Notification state per account of client ${client}`;
  if (answer.accounts.length === 0) {
    const empty = row([`No account of ${client} has had its notifications set.`]);
    empty.firstChild.colSpan = 6;
    body.append(empty);
  }
  for (const a of answer.accounts) {
    const tr = row([a.account_id, el('span', a.state, { class: `notification ${a.state}` }), a.pubsub_topic,
      a.notification_types ? a.notification_types.join(', ') : null, time(a.updated_at), a.reason]);
    tr.dataset.account = a.account_id;
    body.append(tr);
  }
}

function chosenClient() {
  const input = document.getElementById('notifications-client');
  if (!input.reportValidity()) return null;
  return input.value.trim();
}

function showNotifications(event) {
  event.preventDefault();
  const client = chosenClient();
  if (!client) return;
  state.notified = client;
  refreshNotifications().catch(e => notice(e.message));
}

async function setNotifications(on) {
  const client = chosenClient();
  if (!client) return;
  state.notified = client;
  try {
    const job = await call(`/notifications/${encodeURIComponent(client)}/${on ? 'on' : 'off'}`, { method: 'POST' });
    notice(`Turning notifications ${on ? 'on' : 'off'} for ${client}: job ${job.job_id} queued.`);
    await refreshNotifications();
  } catch (e) {
    notice(`Notifications of ${client} not changed: ${e.message}`);
  }
}

// --- workers ----------------------------------------------------------------------------------------------------
async function refreshWorkers() {
  const pods = await call('/workers');
  const body = document.querySelector('#workers-table tbody');
  body.replaceChildren();
  if (pods.length === 0) {
    const empty = row(['No workers configured (CONSOLE_WORKERS).']);
    empty.firstChild.colSpan = 5;
    body.append(empty);
  }
  for (const pod of pods) {
    const intake = pod.paused === null ? pod.problem : (pod.paused ? 'paused' : 'running');
    const action = pod.paused ? 'resume' : 'pause';
    const label = pod.paused ? 'Resume' : 'Pause';
    const toggle = button(label, async () => {
      try {
        await call(`/workers/${action}`, { method: 'POST', body: { worker: pod.worker, url: pod.url } });
        await refreshWorkers();
      } catch (e) { notice(e.message); }
    }, { 'aria-label': `${label} intake of ${pod.worker} at ${pod.url}` });
    if (pod.paused === null) toggle.disabled = true;
    const calls = pod.google_calls
      ? `${pod.google_calls.calls} (${pod.google_calls.too_many_requests} answered 429, ${pod.google_calls.failed} failed)` : '–';
    const tr = row([pod.worker, pod.url, el('span', intake, { class: `intake ${intake}` }), calls, toggle]);
    tr.dataset.worker = pod.worker;
    body.append(tr);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('job-filters').addEventListener('submit', event => {
    event.preventDefault();
    state.status = document.getElementById('filter-status').value;
    state.client = document.getElementById('filter-client').value.trim();
    state.filter++;
    state.first = [];
    state.older = [];
    state.cursor = null;
    refreshJobs().catch(e => notice(e.message));
  });
  document.getElementById('jobs-more').addEventListener('click', () => moreJobs().catch(e => notice(e.message)));
  document.getElementById('replay-selected').addEventListener('click', replaySelected);
  document.getElementById('notifications-form').addEventListener('submit', showNotifications);
  document.getElementById('notifications-on').addEventListener('click', () => setNotifications(true));
  document.getElementById('notifications-off').addEventListener('click', () => setNotifications(false));
  every(FAST_MS, refreshQuota);
  every(FAST_MS, refreshJobs);
  every(SLOW_MS, refreshDeadLetters);
  every(SLOW_MS, refreshSchedules);
  every(SLOW_MS, refreshNotifications);
  every(SLOW_MS, refreshWorkers);
});
