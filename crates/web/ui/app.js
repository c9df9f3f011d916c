// codehub's graph browser (/ui): search, one node's state and source, and its
// neighbourhood (callers, callees, tests, parent) drawn with cytoscape.js; it follows
// commits live over /ws (changes.subscribe). Every text reaches the DOM as
// textContent, never as HTML.
"use strict";

const TOKEN_KEY = "codehub.token";
const $ = (id) => document.getElementById(id);

/** What the page shows; exposed as window.codehub for tests and debugging. */
const state = {
  cy: null,
  node: null, // the NodeState shown
  nodeJson: "", // its JSON, to tell a real change from a commit elsewhere
  clock: 0, // clock of the last answer shown
  updates: 0, // times the shown node was redrawn after a change
  socket: null,
};
window.codehub = state;

class AuthNeeded extends Error {}

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function showError(message) {
  $("error").textContent = message || "";
}

/** GET or POST an API path with the bearer token; JSON back, errors thrown. */
async function api(path, body) {
  const headers = {};
  if (token()) headers.Authorization = "Bearer " + token();
  const init = { headers };
  if (body !== undefined) {
    init.method = "POST";
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) throw new AuthNeeded();
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = (data.error && data.error.message) || response.statusText;
    throw new Error(message);
  }
  return data;
}

async function rpc(method, params) {
  const reply = await api("/rpc", { jsonrpc: "2.0", id: 1, method, params });
  if (reply.error) throw new Error(reply.error.message);
  return reply.result;
}

/** Runs `task`; on 401 asks for a token and runs it again once one is given. */
async function guarded(task) {
  try {
    showError("");
    return await task();
  } catch (e) {
    if (e instanceof AuthNeeded) {
      askToken(token() ? "That token was refused." : "");
      pending = task;
    } else {
      showError(e.message);
    }
  }
}

let pending = null;

function askToken(message) {
  $("token-form").hidden = false;
  $("token-error").textContent = message;
  $("token").focus();
}

$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const value = $("token").value.trim();
  if (!value) return;
  sessionStorage.setItem(TOKEN_KEY, value);
  $("token").value = "";
  $("token-form").hidden = true;
  connect();
  const task = pending;
  pending = null;
  if (task) guarded(task);
});

// ---- search ----------------------------------------------------------------

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = $("q").value.trim();
  if (q) location.hash = "#q=" + encodeURIComponent(q);
});

async function search(q) {
  $("q").value = q;
  const result = await api("/v1/search?q=" + encodeURIComponent(q) + "&limit=50");
  const list = $("results");
  list.replaceChildren();
  $("results-note").textContent = result.hits.length ? "" : "No node matches " + JSON.stringify(q) + ".";
  for (const hit of result.hits) {
    const item = document.createElement("li");
    item.dataset.id = hit.id;
    const id = document.createElement("span");
    id.className = "id";
    id.textContent = hit.id;
    const summary = document.createElement("span");
    summary.className = "summary";
    summary.textContent = hit.kind + (hit.summary ? " · " + hit.summary : "");
    item.append(id, summary);
    item.addEventListener("click", () => openNode(hit.id));
    list.append(item);
  }
}

function openNode(id) {
  location.hash = "#node=" + encodeURIComponent(id);
}

// ---- a node ----------------------------------------------------------------

function nodeUrl(id) {
  return "/v1/nodes/" + id.split("/").map(encodeURIComponent).join("/");
}

async function showNode(id, { live = false } = {}) {
  const result = await api(nodeUrl(id));
  const node = result.node;
  const json = JSON.stringify(node);
  if (live && json === state.nodeJson) return; // a commit elsewhere
  const [tests, source] = await Promise.all([
    api(nodeUrl(id) + "/tests").then((r) => r.tests).catch(() => []),
    nodeSource(node),
  ]);
  state.node = node;
  state.nodeJson = json;
  state.clock = result.clock;
  if (live) state.updates += 1;
  document.body.dataset.clock = String(result.clock);
  document.body.dataset.node = node.id;
  $("node-pane").hidden = false;
  $("node-title").textContent = node.qualified_name;
  $("node-where").textContent =
    node.kind + " · " + node.path + ":" + node.span.start_line + "-" + node.span.end_line + " · " + node.language;
  $("node-signature").textContent = node.signature || "";
  $("node-doc").textContent = node.docstring || "";
  if (source.text !== null) {
    $("node-source").textContent = source.text;
    $("source-note").hidden = true;
  } else {
    $("node-source").textContent = "";
    $("source-note").hidden = false;
    $("source-note").textContent = source.note;
  }
  fields(node);
  draw(node, tests);
  for (const item of $("results").children) {
    item.classList.toggle("current", item.dataset.id === node.id);
  }
}

/**
 * The node's source through context.pack, which reads the file only when its
 * hash still matches the index: `{text}` or `{text: null, note}`.
 */
async function nodeSource(node) {
  let pack;
  try {
    pack = await rpc("context.pack", { nodes: [node.id], budget: 20000 });
  } catch (e) {
    if (e instanceof AuthNeeded) throw e;
    return { text: null, note: "Source unavailable: " + e.message };
  }
  const seed = pack.included.find((item) => item.id === node.id);
  if (!seed || !seed.source) {
    return { text: null, note: "Source not shown: the file changed on disk since it was indexed, or cannot be read." };
  }
  const lines = pack.text.split("\n");
  const header = lines.findIndex((line) => line.startsWith("seed · "));
  const open = lines[header + 1] || "";
  const fence = open.match(/^`+/);
  if (header < 0 || !fence) return { text: null, note: "Source not shown." };
  const end = lines.findIndex((line, i) => i > header + 1 && line === fence[0]);
  return { text: lines.slice(header + 2, end < 0 ? undefined : end).join("\n") };
}

function fields(node) {
  const rows = [
    ["id", node.id],
    ["kind", node.kind],
    ["parent", node.parent || "—"],
    ["complexity", node.complexity],
    ["lines", node.line_count],
    ["type hints", node.has_type_hints ? "yes" : "no"],
    ["docstring outdated", node.docstring_outdated ? "yes" : "no"],
    ["decorators", node.decorators.join(", ") || "—"],
    ["version", node.version],
    ["last updated", node.last_updated + " (" + node.update_source + ", clock " + node.clock + ")"],
    ["source hash", node.source_hash],
    ["renamed from", node.renamed_from || "—"],
  ];
  const table = $("node-fields");
  table.replaceChildren();
  for (const [name, value] of rows) {
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.textContent = name;
    const td = document.createElement("td");
    td.textContent = String(value);
    tr.append(th, td);
    table.append(tr);
  }
}

/** A short label: the last part of the qualified name. */
function label(id) {
  const name = id.includes("::") ? id.slice(id.indexOf("::") + 2) : id;
  return name.length > 40 ? "…" + name.slice(-39) : name;
}

function draw(node, tests) {
  const elements = new Map();
  const edges = [];
  const add = (id, role, resolved = true) => {
    const key = resolved ? id : "unresolved:" + id;
    if (!elements.has(key)) {
      elements.set(key, { data: { id: key, label: label(id), role, target: resolved ? id : null } });
    }
    return key;
  };
  add(node.id, "center");
  // Tests first: a test also calls the node, and is drawn as a test.
  for (const t of tests) {
    const from = add(t.id, "test");
    edges.push({ data: { id: "tests:" + from, source: from, target: node.id, role: "tests" } });
  }
  for (const c of node.callers) {
    const from = add(c.id, "caller", c.resolved);
    edges.push({ data: { id: "caller:" + from, source: from, target: node.id, role: "calls" } });
  }
  for (const c of node.callees) {
    const to = add(c.id, c.resolved ? "callee" : "unresolved", c.resolved);
    edges.push({ data: { id: "callee:" + to, source: node.id, target: to, role: "calls" } });
  }
  if (node.parent) {
    const parent = add(node.parent, "parent");
    edges.push({ data: { id: "contains:" + parent, source: parent, target: node.id, role: "contains" } });
  }
  const unique = new Map(edges.map((e) => [e.data.id, e]));
  const all = [...elements.values(), ...unique.values()];
  if (!state.cy) {
    state.cy = cytoscape({
      container: $("graph"),
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4,
          width: 22, height: 22, "background-color": "#94a3b8", color: "#1d2330", "text-wrap": "ellipsis", "text-max-width": 160 } },
        { selector: 'node[role = "center"]', style: { "background-color": "#2f6fde", width: 34, height: 34, "font-weight": 700 } },
        { selector: 'node[role = "caller"]', style: { "background-color": "#e07b39" } },
        { selector: 'node[role = "callee"]', style: { "background-color": "#2f9e66" } },
        { selector: 'node[role = "test"]', style: { "background-color": "#8b5cf6", shape: "diamond" } },
        { selector: 'node[role = "parent"]', style: { "background-color": "#64748b", shape: "round-rectangle" } },
        { selector: 'node[role = "unresolved"]', style: { "background-color": "#cbd2dc", color: "#667085" } },
        { selector: "edge", style: { width: 1.5, "line-color": "#b8c1cf", "target-arrow-color": "#b8c1cf",
          "target-arrow-shape": "triangle", "curve-style": "bezier" } },
        { selector: 'edge[role = "tests"]', style: { "line-style": "dashed" } },
        { selector: 'edge[role = "contains"]', style: { "line-style": "dotted", "target-arrow-shape": "none" } },
      ],
    });
    state.cy.on("tap", "node", (event) => {
      const target = event.target.data("target");
      if (target && target !== state.node.id) openNode(target);
    });
  }
  const cy = state.cy;
  cy.batch(() => {
    cy.elements().remove();
    cy.add(all);
  });
  cy.layout({ name: "concentric", concentric: (n) => (n.data("role") === "center" ? 2 : 1),
    levelWidth: () => 1, minNodeSpacing: 40, animate: false, padding: 30 }).run();
  if (cy.zoom() > 1.4) {
    cy.zoom(1.4);
    cy.center();
  }
  document.body.dataset.graphNodes = String(cy.nodes().length);
}

// ---- live updates ------------------------------------------------------------

let reconnectDelay = 500;
let refreshTimer = null;

function connect() {
  if (state.socket) state.socket.close();
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
  const protocols = ["codehub"];
  if (token()) protocols.push("codehub.bearer." + token());
  const socket = new WebSocket(url, protocols);
  state.socket = socket;
  socket.onopen = () => {
    reconnectDelay = 500;
    socket.send(JSON.stringify({ jsonrpc: "2.0", id: "subscribe", method: "changes.subscribe", params: {} }));
  };
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.id === "subscribe") {
      const ok = !message.error;
      $("live").textContent = ok ? "live" : "offline";
      $("live").classList.toggle("on", ok);
      $("live").classList.toggle("off", !ok);
      document.body.dataset.live = ok ? "1" : "0";
      return;
    }
    if (message.method === "changes" && state.node) {
      // Any commit may add a caller or change a neighbour: re-read the node (cheap,
      // and answered from the server's per-clock cache), at most every 200 ms.
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => guarded(() => showNode(state.node.id, { live: true })), 200);
    }
  };
  socket.onclose = () => {
    if (state.socket !== socket) return;
    $("live").textContent = "offline";
    $("live").classList.remove("on");
    document.body.dataset.live = "0";
    setTimeout(connect, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, 10000);
  };
}

// ---- routing -------------------------------------------------------------------

function route() {
  const hash = location.hash.slice(1);
  const params = new URLSearchParams(hash);
  if (params.has("node")) {
    guarded(() => showNode(params.get("node")));
  } else if (params.has("q")) {
    guarded(() => search(params.get("q")));
  }
}

window.addEventListener("hashchange", route);
connect();
route();
