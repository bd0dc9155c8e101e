/*
 * Audit history: a Cockpit plugin for auditors and platform operators.
 *
 * Cockpit (7.14 and later) imports this file as an ES module from
 * /camunda/api/cockpit/plugin/audit-history/static/app/plugin.js and registers every plugin in the default export:
 *  - cockpit.navigation: the "Audit history" entry in the header;
 *  - cockpit.route: the pages #/audit-history (the list) and #/audit-history/<processInstanceId> (one instance).
 * Each render(node, { api }) gets a DOM node and api: { cockpitApi, engineApi, engine, CSRFToken, ... }.
 *
 * Everything shown comes from the plugin's own read-only resources,
 * GET /camunda/api/cockpit/plugin/audit-history/<engine>/{instances, instances/<id>, options}.
 *
 * Text from apps, schools and the MIS is untrusted: every value is put on the page as text (text nodes, attribute
 * values via setAttribute, SVG <text> content), never parsed as HTML. There is no innerHTML in this file.
 */

const PLUGIN_ID = 'audit-history';
const LIST_HASH = '#/audit-history';
const PAGE_SIZE = 25;
const LAST_LIST_KEY = 'audit-history.list';
const SVG_NS = 'http://www.w3.org/2000/svg';

const STATUS_TEXT = {
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  TERMINATED: 'Cancelled or terminated'
};

const REACHED_TEXT = {
  NOT_REACHED: 'not reached',
  VISITED: 'passed',
  RUNNING: 'waiting here now',
  INCIDENT: 'open incident here'
};

const STATE_TEXT = {
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
  OPEN: 'Open',
  RESOLVED: 'Resolved',
  CLOSED: 'Closed'
};

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit'
});

/* ---------------------------------------------------------------- DOM, as text only */

function setAttributes(node, attributes) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (typeof value === 'function') {
      // Only this file's own handlers: onclick, onsubmit, onchange.
      node.addEventListener(name.replace(/^on/, ''), value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function appendChildren(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element; strings among the children become text nodes. */
function h(tag, attributes, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  return appendChildren(node, children);
}

/** An SVG element; strings among the children become text nodes. */
function s(tag, attributes, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attributes);
  return appendChildren(node, children);
}

/* ---------------------------------------------------------------- formatting */

function toDate(value) {
  if (value === undefined || value === null || value === '') {
    return null;
  }
  // ISO-8601 text as the API sends it; seconds or milliseconds since 1970 should a mapper ever send numbers.
  const date = typeof value === 'number' ? new Date(value < 1e11 ? value * 1000 : value) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A moment as people read it ("7 Oct 2025, 14:03:12"), with the exact instant as its tooltip. */
function time(value) {
  const date = toDate(value);
  if (!date) {
    return h('span', { class: 'audit-muted' }, '—');
  }
  return h('time', { datetime: date.toISOString(), title: date.toISOString() }, DATE_FORMAT.format(date));
}

function orDash(value) {
  return value === undefined || value === null || value === '' ? '—' : String(value);
}

function instanceHref(processInstanceId) {
  return `${LIST_HASH}/${encodeURIComponent(processInstanceId)}`;
}

function school(item) {
  if (!item.schoolUrn) {
    return '—';
  }
  return item.schoolName ? `${item.schoolName} (${item.schoolUrn})` : item.schoolUrn;
}

/* ---------------------------------------------------------------- the plugin's API */

class AuditHistoryError extends Error {
  constructor(status) {
    super(AuditHistoryError.messageFor(status));
    this.name = 'AuditHistoryError';
    this.status = status;
  }

  /** Fixed words per status: the server's own message is never shown. */
  static messageFor(status) {
    switch (status) {
      case 400:
        return 'These filters cannot be used. Check that the first date is not after the last.';
      case 401:
        return 'Your session has ended. Sign in again to read the audit history.';
      case 403:
        return 'Only auditors and platform operators may read the audit history.';
      case 404:
        return 'There is no process instance with this id in the history.';
      default:
        return `The audit history could not be loaded (error ${status}). Try again in a moment.`;
    }
  }
}

async function getJson(api, path, params, signal) {
  const url = new URL(
    `${api.cockpitApi}/plugin/${PLUGIN_ID}/${encodeURIComponent(api.engine)}/${path}`,
    window.location.origin
  );
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(name, value);
    }
  }
  const response = await fetch(url.toString(), {
    method: 'GET',
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken || '' },
    signal
  });
  if (!response.ok) {
    throw new AuditHistoryError(response.status);
  }
  return response.json();
}

/* ---------------------------------------------------------------- the hash: #/audit-history?school=...&first=25 */

function hashQuery() {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

function instanceIdFromHash() {
  const match = /^#\/audit-history\/([^/?#]+)/.exec(window.location.hash);
  if (!match) {
    return '';
  }
  try {
    return decodeURIComponent(match[1]);
  } catch (malformed) {
    return '';
  }
}

function rememberList(query) {
  try {
    window.sessionStorage.setItem(LAST_LIST_KEY, query.toString());
  } catch (unavailable) {
    // Without session storage the back link shows the list unfiltered.
  }
}

function lastListHash() {
  let query = '';
  try {
    query = window.sessionStorage.getItem(LAST_LIST_KEY) || '';
  } catch (unavailable) {
    query = '';
  }
  return query ? `${LIST_HASH}?${query}` : LIST_HASH;
}

/** Local midnight of a yyyy-mm-dd day, plus some days, as an instant. */
function dayStart(day, plusDays) {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    return null;
  }
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date + plusDays).toISOString();
}

function serverParams(query) {
  const first = query.get('first');
  return {
    processKey: query.get('process'),
    schoolUrn: query.get('school'),
    appId: query.get('app'),
    status: query.get('status'),
    startedFrom: dayStart(query.get('from'), 0),
    // The whole of the last day: up to the next day's midnight.
    startedTo: dayStart(query.get('to'), 1),
    firstResult: first && /^\d+$/.test(first) ? first : null,
    maxResults: PAGE_SIZE
  };
}

/**
 * Shows the list with these filters. A new hash makes Cockpit's router render the page again; the same hash would
 * change nothing, so then the page renders itself again.
 */
function showList(query, rerender) {
  const text = query.toString();
  const target = text ? `${LIST_HASH}?${text}` : LIST_HASH;
  if (window.location.hash === target) {
    rerender();
  } else {
    window.location.hash = target;
  }
}

/* ---------------------------------------------------------------- the list: #/audit-history */

async function renderList(node, api, signal, rerender) {
  const query = hashQuery();
  rememberList(query);
  const page = h('div', { id: 'audit-history', class: 'audit-history', 'data-test': 'audit-history-list' });
  appendChildren(node, [page]);
  appendChildren(page, [
    h('h2', { id: 'audit-history-title' }, 'Audit history'),
    h(
      'p',
      { class: 'audit-lead' },
      'Every instance of every process, running and finished, for every school. ' +
        'Open one to see the path it took, who completed each task with what decision, its incidents and its operation log.'
    )
  ]);
  const loading = h('p', { id: 'audit-loading', class: 'audit-muted', role: 'status' }, 'Loading…');
  appendChildren(page, [loading]);

  const [options, result] = await Promise.all([
    getJson(api, 'options', null, signal),
    getJson(api, 'instances', serverParams(query), signal)
  ]);
  loading.remove();
  appendChildren(page, [
    filterForm(options, query, rerender),
    resultCount(result),
    instancesTable(result),
    pager(result, query, rerender)
  ]);
}

function field(id, label, control) {
  return h('div', { class: 'audit-field form-group' }, h('label', { for: id }, label), control);
}

function choiceSelect(id, testName, anyText, choices, selected) {
  const select = h('select', { id, name: testName, class: 'form-control', 'data-test': testName });
  appendChildren(select, [h('option', { value: '' }, anyText)]);
  const known = new Set();
  for (const choice of choices || []) {
    known.add(choice.value);
    appendChildren(select, [h('option', { value: choice.value }, choice.label)]);
  }
  if (selected && !known.has(selected)) {
    appendChildren(select, [h('option', { value: selected }, selected)]);
  }
  select.value = selected || '';
  return select;
}

function filterForm(options, query, rerender) {
  const process = choiceSelect('audit-filter-process', 'filter-process', 'All processes', options.processes, query.get('process'));
  const schoolSelect = choiceSelect('audit-filter-school', 'filter-school', 'All schools', options.schools, query.get('school'));
  const app = choiceSelect('audit-filter-app', 'filter-app', 'All apps', options.apps, query.get('app'));
  const status = choiceSelect('audit-filter-status', 'filter-status', 'Any status', options.statuses, query.get('status'));
  const from = h('input', { id: 'audit-filter-from', name: 'filter-from', type: 'date', class: 'form-control', 'data-test': 'filter-from' });
  const to = h('input', { id: 'audit-filter-to', name: 'filter-to', type: 'date', class: 'form-control', 'data-test': 'filter-to' });
  from.value = query.get('from') || '';
  to.value = query.get('to') || '';
  const problem = h('p', { id: 'audit-filter-problem', class: 'text-danger audit-filter-problem', role: 'alert' });

  const form = h(
    'form',
    { id: 'audit-filter', class: 'audit-filter', 'data-test': 'audit-filter' },
    field('audit-filter-process', 'Process', process),
    field('audit-filter-school', 'School', schoolSelect),
    field('audit-filter-app', 'App', app),
    field('audit-filter-status', 'Status', status),
    field('audit-filter-from', 'Started on or after', from),
    field('audit-filter-to', 'Started on or before', to),
    h(
      'div',
      { class: 'audit-field audit-actions' },
      h('button', { type: 'submit', id: 'audit-filter-apply', class: 'btn btn-primary', 'data-test': 'filter-apply' }, 'Show'),
      h(
        'button',
        {
          type: 'button',
          id: 'audit-filter-clear',
          class: 'btn btn-default',
          'data-test': 'filter-clear',
          onclick: () => showList(new URLSearchParams(), rerender)
        },
        'Clear filters'
      )
    ),
    problem
  );
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (from.value && to.value && from.value > to.value) {
      problem.textContent = 'The first date is after the last.';
      return;
    }
    const next = new URLSearchParams();
    const values = {
      process: process.value,
      school: schoolSelect.value,
      app: app.value,
      status: status.value,
      from: from.value,
      to: to.value
    };
    for (const [name, value] of Object.entries(values)) {
      if (value) {
        next.set(name, value);
      }
    }
    showList(next, rerender);
  });
  return form;
}

function resultCount(result) {
  let text;
  if (result.total === 0) {
    text = 'No instances match these filters.';
  } else if (!result.instances.length) {
    text = `No instances this far back: there are ${result.total}. Use ‹ Newer to go back.`;
  } else {
    const last = Math.min(result.firstResult + result.instances.length, result.total);
    text = `${result.firstResult + 1}–${last} of ${result.total} instance${result.total === 1 ? '' : 's'}, newest first`;
  }
  return h('p', { id: 'audit-result-count', class: 'audit-result-count', 'data-test': 'result-count', 'data-total': result.total }, text);
}

function statusBadge(instance) {
  const status = instance.status || 'RUNNING';
  return h(
    'span',
    { class: `audit-status audit-status-${status.toLowerCase()}`, 'data-test': 'status-value', 'data-status': status },
    STATUS_TEXT[status] || status
  );
}

function incidentBadge(instance) {
  if (!instance.incidents) {
    return null;
  }
  return h(
    'span',
    {
      class: `audit-incident-badge ${instance.openIncidents ? 'audit-incident-open' : 'audit-incident-resolved'}`,
      'data-test': 'incident-badge',
      'data-open': instance.openIncidents ? 'true' : 'false'
    },
    instance.openIncidents ? 'open incident' : 'had an incident'
  );
}

function instancesTable(result) {
  if (!result.instances.length) {
    return null;
  }
  const headings = ['Started', 'Process', 'What it is about', 'School', 'App', 'Status', 'Ended'];
  const rows = result.instances.map(instance =>
    h(
      'tr',
      {
        'data-test': 'audit-instance-row',
        'data-instance-id': instance.id,
        'data-process-key': instance.processKey,
        'data-status': instance.status,
        'data-school-urn': instance.schoolUrn,
        'data-app-id': instance.appId,
        // Ids stay out of sight: a person finds an instance by its description.
        'data-business-key': instance.businessKey || ''
      },
      h('td', { 'data-test': 'started' }, time(instance.started)),
      h('td', { 'data-test': 'process' }, orDash(instance.processName)),
      h(
        'td',
        { 'data-test': 'subject' },
        h('a', { href: instanceHref(instance.id), 'data-test': 'instance-link' }, orDash(instance.description))
      ),
      h('td', { 'data-test': 'school' }, school(instance)),
      h('td', { 'data-test': 'app' }, orDash(instance.appName || instance.appId)),
      h('td', { 'data-test': 'status' }, statusBadge(instance), ' ', incidentBadge(instance)),
      h(
        'td',
        { 'data-test': 'ended' },
        instance.ended ? time(instance.ended) : '—',
        instance.endedAt ? h('div', { class: 'audit-muted', 'data-test': 'ended-at' }, instance.endedAt) : null
      )
    )
  );
  return h(
    'table',
    { id: 'audit-instances', class: 'table table-striped audit-table', 'data-test': 'audit-instances' },
    h('thead', {}, h('tr', {}, headings.map(heading => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows)
  );
}

function pager(result, query, rerender) {
  if (result.total <= result.maxResults) {
    return null;
  }
  const to = first => {
    const next = new URLSearchParams(query);
    if (first > 0) {
      next.set('first', String(first));
    } else {
      next.delete('first');
    }
    showList(next, rerender);
  };
  const first = result.firstResult;
  const size = result.maxResults;
  return h(
    'div',
    { id: 'audit-pager', class: 'audit-pager', 'data-test': 'pager' },
    h(
      'button',
      {
        type: 'button',
        id: 'audit-page-newer',
        class: 'btn btn-default',
        'data-test': 'page-newer',
        disabled: first <= 0,
        onclick: () => to(Math.max(0, first - size))
      },
      '‹ Newer'
    ),
    ' ',
    h(
      'button',
      {
        type: 'button',
        id: 'audit-page-older',
        class: 'btn btn-default',
        'data-test': 'page-older',
        disabled: first + size >= result.total,
        onclick: () => to(first + size)
      },
      'Older ›'
    )
  );
}

/* ---------------------------------------------------------------- one instance: #/audit-history/<id> */

async function renderInstance(node, api, signal) {
  const processInstanceId = instanceIdFromHash();
  const page = h('div', {
    id: 'audit-instance',
    class: 'audit-history',
    'data-test': 'audit-instance',
    'data-instance-id': processInstanceId
  });
  appendChildren(node, [page]);
  appendChildren(page, [
    h('a', { href: lastListHash(), id: 'audit-back', class: 'audit-back', 'data-test': 'back-to-list' }, '‹ Audit history')
  ]);
  if (!processInstanceId) {
    throw new AuditHistoryError(404);
  }
  const loading = h('p', { id: 'audit-loading', class: 'audit-muted', role: 'status' }, 'Loading…');
  appendChildren(page, [loading]);

  const detail = await getJson(api, `instances/${encodeURIComponent(processInstanceId)}`, null, signal);
  loading.remove();
  appendChildren(page, [
    h('h2', { id: 'audit-instance-title', 'data-test': 'instance-title' }, orDash(detail.instance.description)),
    facts(detail),
    section('audit-path', 'The path it took', diagramFigure(detail.diagram)),
    section('audit-steps', `Steps (${detail.activities.length})`, activitiesTable(detail.activities)),
    section('audit-user-tasks', `User tasks and decisions (${detail.tasks.length})`, tasksTable(detail.tasks)),
    section('audit-incident-history', `Incidents (${detail.incidents.length})`, incidentsTable(detail.incidents)),
    section('audit-operation-log', `User operation log (${detail.operations.length})`, operationsTable(detail.operations))
  ]);
}

function section(id, title, content) {
  return h('section', { id, class: 'audit-section' }, h('h3', {}, title), content);
}

function facts(detail) {
  const instance = detail.instance;
  const row = (label, testName, value) => [h('dt', {}, label), h('dd', { 'data-test': testName }, value)];
  const version = detail.processDefinitionVersion ? ` (version ${detail.processDefinitionVersion})` : '';
  return h(
    'dl',
    {
      id: 'audit-instance-facts',
      class: 'audit-facts dl-horizontal',
      'data-test': 'instance-facts',
      // For the audit API's processInstanceId; a person reads the names above, not ids.
      'data-instance-id': instance.id,
      'data-business-key': instance.businessKey || ''
    },
    row('Process', 'fact-process', `${orDash(instance.processName)}${version}`),
    row('School', 'fact-school', school(instance)),
    row('App', 'fact-app', orDash(instance.appName || instance.appId)),
    row('Status', 'fact-status', [statusBadge(instance), ' ', incidentBadge(instance)]),
    row('Started', 'fact-started', time(instance.started)),
    row('Started by', 'fact-started-by', orDash(detail.startedBy)),
    row('Ended', 'fact-ended', [
      instance.ended ? time(instance.ended) : 'Still running',
      instance.endedAt ? ` at “${instance.endedAt}”` : ''
    ])
  );
}

function table(id, headings, rows, emptyText) {
  if (!rows.length) {
    return h('p', { id: `${id}-none`, class: 'audit-muted' }, emptyText);
  }
  return h(
    'table',
    { id, class: 'table table-striped audit-table', 'data-test': id },
    h('thead', {}, h('tr', {}, headings.map(heading => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows)
  );
}

function activitiesTable(activities) {
  return table(
    'audit-activities',
    ['Step', 'Kind', 'Started', 'Ended', 'State', 'Assigned to'],
    activities.map(step =>
      h(
        'tr',
        {
          'data-test': 'activity-row',
          'data-activity-id': step.activityId,
          'data-state': step.state
        },
        h('td', { 'data-test': 'activity-name' }, orDash(step.name)),
        h('td', { 'data-test': 'activity-kind' }, orDash(step.kind)),
        h('td', { 'data-test': 'activity-started' }, time(step.started)),
        h('td', { 'data-test': 'activity-ended' }, time(step.ended)),
        h('td', { 'data-test': 'activity-state' }, STATE_TEXT[step.state] || orDash(step.state)),
        h('td', { 'data-test': 'activity-assignee' }, orDash(step.assignee))
      )
    ),
    'No steps recorded.'
  );
}

function submittedValues(values) {
  if (!values || !values.length) {
    return h('span', { class: 'audit-muted' }, '—');
  }
  return h(
    'dl',
    { class: 'audit-values', 'data-test': 'task-decision-values' },
    values.map(value => [
      h('dt', {}, value.name),
      h('dd', { 'data-variable': value.name }, orDash(value.value))
    ])
  );
}

function tasksTable(tasks) {
  return table(
    'audit-tasks',
    ['Task', 'Assigned to', 'Completed by', 'Created', 'Ended', 'Outcome', 'Decision submitted'],
    tasks.map(task =>
      h(
        'tr',
        {
          'data-test': 'task-row',
          'data-task-id': task.taskId,
          'data-task-key': task.taskKey,
          'data-outcome': task.outcome
        },
        h('td', { 'data-test': 'task-name' }, orDash(task.name)),
        h('td', { 'data-test': 'task-assignee' }, orDash(task.assignee)),
        h('td', { 'data-test': 'task-completed-by' }, orDash(task.completedBy)),
        h('td', { 'data-test': 'task-created' }, time(task.created)),
        h('td', { 'data-test': 'task-ended' }, time(task.ended)),
        h('td', { 'data-test': 'task-outcome' }, STATE_TEXT[task.outcome] || orDash(task.outcome)),
        h('td', { 'data-test': 'task-decision' }, submittedValues(task.submitted))
      )
    ),
    'This instance had no user tasks.'
  );
}

function incidentsTable(incidents) {
  return table(
    'audit-incidents',
    ['What happened', 'At step', 'Opened', 'Ended', 'How it ended', 'Retried by', 'Note'],
    incidents.map(incident =>
      h(
        'tr',
        {
          'data-test': 'incident-row',
          'data-incident-id': incident.incidentId,
          'data-activity-id': incident.activityId,
          'data-state': incident.state
        },
        h('td', { 'data-test': 'incident-type' }, orDash(incident.type)),
        h('td', { 'data-test': 'incident-step' }, orDash(incident.stepName)),
        h('td', { 'data-test': 'incident-opened' }, time(incident.opened)),
        h('td', { 'data-test': 'incident-closed' }, time(incident.closed)),
        h('td', { 'data-test': 'incident-resolution' }, orDash(incident.resolution)),
        h('td', { 'data-test': 'incident-resolved-by' }, orDash(incident.resolvedBy)),
        h('td', { 'data-test': 'incident-note' }, orDash(incident.note))
      )
    ),
    'This instance had no incidents.'
  );
}

function changesList(changes) {
  if (!changes || !changes.length) {
    return h('span', { class: 'audit-muted' }, '—');
  }
  return h(
    'ul',
    { class: 'audit-changes' },
    changes.map(change =>
      h(
        'li',
        { 'data-property': change.property },
        h('span', { class: 'audit-property' }, change.property),
        ': ',
        orDash(change.from),
        ' → ',
        orDash(change.to)
      )
    )
  );
}

function operationsTable(operations) {
  return table(
    'audit-operations',
    ['When', 'Who', 'Operation', 'On', 'Task', 'Changed', 'Note'],
    operations.map(operation =>
      h(
        'tr',
        {
          'data-test': 'operation-row',
          'data-operation': operation.operation,
          'data-entity': operation.entity
        },
        h('td', { 'data-test': 'operation-time' }, time(operation.time)),
        h('td', { 'data-test': 'operation-user' }, orDash(operation.user)),
        h('td', { 'data-test': 'operation-type' }, orDash(operation.operation)),
        h('td', { 'data-test': 'operation-entity' }, orDash(operation.entity)),
        h('td', { 'data-test': 'operation-task' }, orDash(operation.taskName)),
        h('td', { 'data-test': 'operation-changes' }, changesList(operation.changes)),
        h('td', { 'data-test': 'operation-note' }, orDash(operation.note))
      )
    ),
    'Nobody operated on this instance by hand.'
  );
}

/* ---------------------------------------------------------------- the diagram, drawn from the BPMN file's DI */

function diagramFigure(diagram) {
  if (!diagram || !diagram.shapes || !diagram.shapes.length) {
    return h('p', { id: 'audit-diagram-missing', class: 'audit-muted' }, 'There is no diagram to show for this process.');
  }
  return h(
    'figure',
    { class: 'audit-diagram-figure' },
    h('div', { id: 'audit-diagram', class: 'audit-diagram-frame' }, drawDiagram(diagram)),
    h(
      'figcaption',
      { id: 'audit-diagram-legend', class: 'audit-legend' },
      legendItem('audit-reached-visited', 'passed'),
      legendItem('audit-reached-running', 'waiting here now'),
      legendItem('audit-reached-incident', 'open incident'),
      legendItem('audit-reached-not-reached', 'not reached'),
      h('span', { class: 'audit-legend-item' }, h('span', { class: 'audit-swatch audit-swatch-flow' }), 'flow taken'),
      h('span', { class: 'audit-legend-item' }, h('span', { class: 'audit-swatch audit-swatch-count' }, '2'), 'times passed')
    )
  );
}

function legendItem(className, text) {
  return h('span', { class: 'audit-legend-item' }, h('span', { class: `audit-swatch ${className}` }), text);
}

const PAD = 30;
const LINE_HEIGHT = 13;
const CHAR_WIDTH = 6.1;

function drawDiagram(diagram) {
  const extent = diagram.extent;
  const width = Math.ceil(extent.width + 2 * PAD);
  const height = Math.ceil(extent.height + 2 * PAD);
  const svg = s('svg', {
    class: 'audit-diagram',
    'data-test': 'audit-diagram',
    width,
    height,
    viewBox: `${extent.x - PAD} ${extent.y - PAD} ${width} ${height}`,
    role: 'img',
    'aria-label': 'The process diagram, with the steps this instance passed and the flows it took highlighted'
  });
  const containers = diagram.shapes.filter(isContainer);
  const others = diagram.shapes.filter(shape => !isContainer(shape));
  containers.forEach(shape => svg.appendChild(drawShape(shape)));
  diagram.edges.forEach(edge => svg.appendChild(drawEdge(edge)));
  others.forEach(shape => svg.appendChild(drawShape(shape)));
  return svg;
}

function isContainer(shape) {
  return (
    shape.type === 'participant' ||
    shape.type === 'lane' ||
    (shape.expanded && ['subProcess', 'transaction', 'adHocSubProcess'].includes(shape.type))
  );
}

function shapeClasses(shape) {
  const reached = (shape.reached || 'NOT_REACHED').toLowerCase().replace(/_/g, '-');
  const classes = ['audit-shape', `audit-reached-${reached}`];
  if (isContainer(shape)) {
    classes.push('audit-container');
  }
  return classes.join(' ');
}

function tooltip(shape) {
  const name = shape.name || shape.elementId;
  const reached = REACHED_TEXT[shape.reached] || '';
  const times = shape.visits > 1 ? `, ${shape.visits} times` : '';
  const incident = shape.hadIncident && shape.reached !== 'INCIDENT' ? '; had an incident' : '';
  return `${name}: ${reached}${times}${incident}`;
}

function drawShape(shape) {
  const group = s('g', {
    class: shapeClasses(shape),
    'data-test': 'diagram-shape',
    'data-element-id': shape.elementId,
    'data-type': shape.type,
    'data-reached': shape.reached,
    'data-visits': shape.visits
  });
  group.appendChild(s('title', {}, tooltip(shape)));
  const type = shape.type || '';
  if (/Event$/.test(type)) {
    drawEvent(group, shape);
  } else if (/Gateway$/.test(type)) {
    drawGateway(group, shape);
  } else if (type === 'textAnnotation') {
    drawAnnotation(group, shape);
  } else if (type === 'participant' || type === 'lane') {
    drawPool(group, shape);
  } else {
    drawActivity(group, shape);
  }
  const b = shape.bounds;
  if (shape.visits > 1 && !isContainer(shape)) {
    group.appendChild(
      s(
        'g',
        { class: 'audit-badge' },
        s('circle', { cx: b.x + b.width, cy: b.y, r: 9 }),
        s('text', { x: b.x + b.width, y: b.y + 3.5, 'text-anchor': 'middle' }, String(shape.visits))
      )
    );
  }
  if (shape.hadIncident && shape.reached !== 'INCIDENT') {
    group.appendChild(s('circle', { class: 'audit-had-incident', cx: b.x, cy: b.y, r: 5 }));
  }
  return group;
}

/** Splits text into lines that fit a width, breaking long words. */
function wrap(text, maxWidth) {
  const maxChars = Math.max(4, Math.floor(maxWidth / CHAR_WIDTH));
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    if (!line) {
      line = word;
    } else if (line.length + 1 + word.length <= maxChars) {
      line = `${line} ${word}`;
    } else {
      lines.push(line);
      line = word;
    }
    while (line.length > maxChars) {
      lines.push(line.slice(0, maxChars));
      line = line.slice(maxChars);
    }
  }
  if (line) {
    lines.push(line);
  }
  return lines;
}

/** Lines of text, the first baseline a little under top; cut with an ellipsis past maxLines. */
function textLines(lines, x, top, anchor, maxLines) {
  let shown = lines;
  if (maxLines && lines.length > maxLines) {
    shown = lines.slice(0, maxLines);
    shown[maxLines - 1] = `${shown[maxLines - 1].replace(/.$/, '')}…`;
  }
  const text = s('text', { class: 'audit-label', x, y: top + 10, 'text-anchor': anchor });
  shown.forEach((line, index) => {
    text.appendChild(s('tspan', { x, dy: index === 0 ? 0 : LINE_HEIGHT }, line));
  });
  return text;
}

/** A name inside a box, centred both ways. */
function centredName(name, box, padding) {
  const lines = wrap(name, box.width - 2 * padding);
  const maxLines = Math.max(1, Math.floor((box.height - 2 * padding) / LINE_HEIGHT));
  const count = Math.min(lines.length, maxLines);
  const top = box.y + box.height / 2 - (count * LINE_HEIGHT) / 2 - 1;
  return textLines(lines, box.x + box.width / 2, top, 'middle', maxLines);
}

/** An event's or gateway's name: where the file puts it, or under the shape. */
function outsideName(group, shape) {
  if (!shape.name) {
    return;
  }
  const label = shape.label;
  if (label && label.width > 0) {
    const lines = wrap(shape.name, Math.max(label.width, 60) + 10);
    group.appendChild(textLines(lines, label.x + label.width / 2, label.y - 2, 'middle'));
  } else {
    const b = shape.bounds;
    group.appendChild(textLines(wrap(shape.name, 100), b.x + b.width / 2, b.y + b.height + 2, 'middle'));
  }
}

function drawActivity(group, shape) {
  const b = shape.bounds;
  const type = shape.type || '';
  group.appendChild(
    s('rect', {
      class: `audit-body${type === 'callActivity' ? ' audit-call' : ''}`,
      x: b.x,
      y: b.y,
      width: b.width,
      height: b.height,
      rx: 10,
      ry: 10
    })
  );
  if (shape.expanded) {
    if (shape.name) {
      group.appendChild(textLines(wrap(shape.name, b.width - 20), b.x + 10, b.y + 4, 'start', 2));
    }
  } else if (shape.name) {
    group.appendChild(centredName(shape.name, b, 8));
  }
  activityIcon(group, type, b);
  if (!shape.expanded && ['subProcess', 'transaction', 'adHocSubProcess', 'callActivity'].includes(type)) {
    const cx = b.x + b.width / 2;
    const y = b.y + b.height - 16;
    group.appendChild(s('rect', { class: 'audit-icon', x: cx - 7, y, width: 14, height: 14 }));
    group.appendChild(s('path', { class: 'audit-icon', d: `M${cx - 4},${y + 7}h8M${cx},${y + 3}v8` }));
  }
  if (shape.loop) {
    const cx = b.x + b.width / 2;
    const y = b.y + b.height - 16;
    const d =
      shape.loop === 'sequential'
        ? `M${cx - 6},${y + 3}h12M${cx - 6},${y + 7}h12M${cx - 6},${y + 11}h12`
        : `M${cx - 4},${y + 2}v11M${cx},${y + 2}v11M${cx + 4},${y + 2}v11`;
    group.appendChild(s('path', { class: 'audit-icon audit-loop', d }));
  }
}

/** A small sign of what kind of task it is, in the top left corner. */
function activityIcon(group, type, b) {
  const x = b.x + 8;
  const y = b.y + 7;
  if (type === 'userTask') {
    group.appendChild(s('circle', { class: 'audit-icon', cx: x + 6, cy: y + 4, r: 3.5 }));
    group.appendChild(s('path', { class: 'audit-icon', d: `M${x},${y + 15}c0,-6 12,-6 12,0` }));
  } else if (type === 'serviceTask' || type === 'scriptTask' || type === 'businessRuleTask') {
    group.appendChild(s('circle', { class: 'audit-icon', cx: x + 6, cy: y + 7, r: 5.5, 'stroke-dasharray': '2.5 1.8' }));
    group.appendChild(s('circle', { class: 'audit-icon', cx: x + 6, cy: y + 7, r: 2 }));
  } else if (type === 'sendTask' || type === 'receiveTask') {
    group.appendChild(
      s('rect', { class: `audit-icon${type === 'sendTask' ? ' audit-icon-filled' : ''}`, x, y: y + 2, width: 14, height: 10 })
    );
    group.appendChild(s('path', { class: 'audit-icon audit-icon-line', d: `M${x},${y + 2}l7,5l7,-5` }));
  }
}

function drawEvent(group, shape) {
  const b = shape.bounds;
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const r = Math.min(b.width, b.height) / 2;
  const type = shape.type;
  const dashed = shape.interrupting === false ? '4 3' : null;
  group.appendChild(
    s('circle', { class: `audit-body${type === 'endEvent' ? ' audit-end' : ''}`, cx, cy, r, 'stroke-dasharray': dashed })
  );
  if (type === 'boundaryEvent' || type.startsWith('intermediate')) {
    group.appendChild(s('circle', { class: 'audit-inner', cx, cy, r: r - 3, 'stroke-dasharray': dashed }));
  }
  eventIcon(group, shape.eventKind, cx, cy, r, type === 'endEvent' || type === 'intermediateThrowEvent');
  outsideName(group, shape);
}

function eventIcon(group, kind, cx, cy, r, thrown) {
  const k = r * 0.5;
  const iconClass = `audit-icon${thrown ? ' audit-icon-filled' : ''}`;
  switch (kind) {
    case 'timer':
      group.appendChild(s('circle', { class: 'audit-icon', cx, cy, r: k * 1.1 }));
      group.appendChild(s('path', { class: 'audit-icon', d: `M${cx},${cy - k * 0.8}V${cy}L${cx + k * 0.6},${cy + k * 0.3}` }));
      break;
    case 'message':
      group.appendChild(s('rect', { class: iconClass, x: cx - k, y: cy - k * 0.7, width: 2 * k, height: 1.4 * k }));
      group.appendChild(
        s('path', { class: `audit-icon audit-icon-line${thrown ? ' audit-icon-inverse' : ''}`, d: `M${cx - k},${cy - k * 0.7}L${cx},${cy}L${cx + k},${cy - k * 0.7}` })
      );
      break;
    case 'error':
      group.appendChild(
        s('path', {
          class: iconClass,
          d: `M${cx - k},${cy + k}L${cx - k * 0.4},${cy - k}L${cx + k * 0.2},${cy + k * 0.2}L${cx + k},${cy - k}L${cx + k * 0.4},${cy + k}L${cx - k * 0.2},${cy - k * 0.2}Z`
        })
      );
      break;
    case 'terminate':
      group.appendChild(s('circle', { class: 'audit-icon audit-icon-filled', cx, cy, r: k * 1.2 }));
      break;
    case 'signal':
      group.appendChild(s('path', { class: iconClass, d: `M${cx},${cy - k}L${cx + k},${cy + k * 0.8}L${cx - k},${cy + k * 0.8}Z` }));
      break;
    case 'escalation':
      group.appendChild(s('path', { class: iconClass, d: `M${cx},${cy - k}L${cx + k * 0.7},${cy + k}L${cx},${cy + k * 0.3}L${cx - k * 0.7},${cy + k}Z` }));
      break;
    case 'conditional':
      group.appendChild(s('rect', { class: 'audit-icon', x: cx - k * 0.7, y: cy - k, width: k * 1.4, height: 2 * k }));
      break;
    case 'compensate':
      group.appendChild(s('path', { class: iconClass, d: `M${cx},${cy - k * 0.6}L${cx - k},${cy}L${cx},${cy + k * 0.6}ZM${cx + k},${cy - k * 0.6}L${cx},${cy}L${cx + k},${cy + k * 0.6}Z` }));
      break;
    default:
      break;
  }
}

function drawGateway(group, shape) {
  const b = shape.bounds;
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  group.appendChild(
    s('polygon', {
      class: 'audit-body',
      points: `${cx},${b.y} ${b.x + b.width},${cy} ${cx},${b.y + b.height} ${b.x},${cy}`
    })
  );
  const k = b.width * 0.2;
  switch (shape.type) {
    case 'exclusiveGateway':
      group.appendChild(s('path', { class: 'audit-icon audit-gateway-mark', d: `M${cx - k},${cy - k}L${cx + k},${cy + k}M${cx + k},${cy - k}L${cx - k},${cy + k}` }));
      break;
    case 'parallelGateway':
      group.appendChild(s('path', { class: 'audit-icon audit-gateway-mark', d: `M${cx},${cy - k * 1.3}V${cy + k * 1.3}M${cx - k * 1.3},${cy}H${cx + k * 1.3}` }));
      break;
    case 'inclusiveGateway':
      group.appendChild(s('circle', { class: 'audit-icon audit-gateway-mark', cx, cy, r: k * 1.1 }));
      break;
    case 'eventBasedGateway':
      group.appendChild(s('circle', { class: 'audit-icon', cx, cy, r: k * 1.2 }));
      group.appendChild(s('circle', { class: 'audit-icon', cx, cy, r: k * 0.9 }));
      break;
    case 'complexGateway':
      group.appendChild(
        s('path', {
          class: 'audit-icon audit-gateway-mark',
          d: `M${cx - k},${cy - k}L${cx + k},${cy + k}M${cx + k},${cy - k}L${cx - k},${cy + k}M${cx},${cy - k * 1.3}V${cy + k * 1.3}M${cx - k * 1.3},${cy}H${cx + k * 1.3}`
        })
      );
      break;
    default:
      break;
  }
  outsideName(group, shape);
}

function drawAnnotation(group, shape) {
  const b = shape.bounds;
  group.appendChild(s('path', { class: 'audit-annotation', d: `M${b.x + 12},${b.y}H${b.x}V${b.y + b.height}H${b.x + 12}` }));
  if (shape.name) {
    group.appendChild(textLines(wrap(shape.name, b.width - 10), b.x + 5, b.y + 3, 'start', Math.max(1, Math.floor((b.height - 6) / LINE_HEIGHT))));
  }
}

function drawPool(group, shape) {
  const b = shape.bounds;
  group.appendChild(s('rect', { class: 'audit-body audit-pool', x: b.x, y: b.y, width: b.width, height: b.height }));
  if (shape.name) {
    const cx = b.x + 15;
    const cy = b.y + b.height / 2;
    const text = s('text', { class: 'audit-label', x: cx, y: cy, 'text-anchor': 'middle', transform: `rotate(-90 ${cx} ${cy})` }, shape.name);
    group.appendChild(text);
  }
}

function drawEdge(edge) {
  const points = (edge.waypoints || []).map(point => [point.x, point.y]);
  const sequence = edge.type === 'sequenceFlow';
  const group = s('g', {
    class: `audit-edge ${edge.taken ? 'audit-taken' : 'audit-not-taken'}${sequence ? '' : ' audit-dashed'}`,
    'data-test': 'diagram-edge',
    'data-element-id': edge.elementId,
    'data-type': edge.type,
    'data-taken': edge.taken ? 'true' : 'false'
  });
  group.appendChild(s('title', {}, `${edge.name ? `${edge.name}: ` : ''}${edge.taken ? 'taken' : 'not taken'}`));
  group.appendChild(s('polyline', { class: 'audit-line', points: points.map(point => point.join(',')).join(' ') }));
  if ((sequence || edge.type === 'messageFlow') && points.length >= 2) {
    group.appendChild(arrowHead(points[points.length - 2], points[points.length - 1]));
  }
  if (edge.name) {
    const label = edge.label;
    if (label && label.width > 0) {
      group.appendChild(textLines(wrap(edge.name, Math.max(label.width, 50) + 10), label.x + label.width / 2, label.y - 2, 'middle'));
    } else if (points.length >= 2) {
      const middle = Math.floor((points.length - 1) / 2);
      const [x1, y1] = points[middle];
      const [x2, y2] = points[middle + 1];
      group.appendChild(textLines(wrap(edge.name, 90), (x1 + x2) / 2, (y1 + y2) / 2 - 16, 'middle'));
    }
  }
  return group;
}

/** Drawn as a triangle rather than an SVG marker: Cockpit's <base href> can break url(#marker) references. */
function arrowHead(from, to) {
  const [x1, y1] = from;
  const [x2, y2] = to;
  const length = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / length;
  const uy = (y2 - y1) / length;
  const size = 9;
  const half = 4;
  const bx = x2 - ux * size;
  const by = y2 - uy * size;
  return s('polygon', {
    class: 'audit-arrow',
    points: `${x2},${y2} ${bx - uy * half},${by + ux * half} ${bx + uy * half},${by - ux * half}`
  });
}

/* ---------------------------------------------------------------- plugins */

function showError(node, error) {
  const message =
    error instanceof AuditHistoryError ? error.message : 'The audit history could not be shown. Reload the page to try again.';
  node.replaceChildren(
    h(
      'div',
      { class: 'audit-history' },
      h('a', { href: lastListHash(), class: 'audit-back' }, '‹ Audit history'),
      h('div', { id: 'audit-error', class: 'alert alert-danger', role: 'alert', 'data-test': 'audit-error', 'data-status': error && error.status }, message)
    )
  );
}

/** Renders a page into the node; on failure shows why in fixed words, unless the page was left meanwhile. */
function mount(node, api, signal, renderPage) {
  node.replaceChildren();
  const rerender = () => mount(node, api, signal, renderPage);
  renderPage(node, api, signal, rerender).catch(error => {
    if (signal.aborted || (error && error.name === 'AbortError')) {
      return;
    }
    // For whoever debugs in the browser's console; the page shows fixed words only.
    console.error('Audit history:', error); // eslint-disable-line no-console
    showError(node, error);
  });
}

/**
 * A route plugin. Cockpit calls render() when the route is shown and unmount() when it is left, once each per view
 * and in that order, so the oldest view still shown is the one to stop.
 */
function routePlugin(id, path, renderPage) {
  const views = [];
  return {
    id,
    pluginPoint: 'cockpit.route',
    priority: 0,
    properties: { path, label: 'Audit history' },
    render(node, { api }) {
      const controller = new AbortController();
      views.push(controller);
      mount(node, api, controller.signal, renderPage);
    },
    unmount() {
      const controller = views.shift();
      if (controller) {
        controller.abort();
      }
    }
  };
}

const navigation = {
  id: 'audit-history-navigation',
  pluginPoint: 'cockpit.navigation',
  // 0 or more: in the header itself, after Cockpit's own entries; below 0 it would go under "More".
  priority: 1,
  properties: { label: 'Audit history' },
  checkActive: path => path.indexOf(LIST_HASH) > -1,
  render(node) {
    node.appendChild(
      h('a', { href: LIST_HASH, id: 'audit-history-nav', 'data-test': 'audit-history-nav' }, 'Audit history')
    );
  }
};

export default [
  navigation,
  routePlugin('audit-history-list', '/audit-history', renderList),
  routePlugin('audit-history-instance', '/audit-history/:processInstanceId', renderInstance)
];
