// The library page: lists documents, shows a summary with its citations,
// opens the passage a citation points to, and streams answers to questions.
"use strict";

const state = { documents: [], current: null, asking: null, token: sessionStorage.getItem("precis-token") || "" };

// Stops the answer being streamed, if any (its request is aborted, so the server stops generating it).
function stopAsking() {
  if (state.asking) state.asking.abort();
  state.asking = null;
  $("ask-button").disabled = false;
}
const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (state.token) headers["Authorization"] = "Bearer " + state.token;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) {
    $("token-form").hidden = false;
    throw new Error("this server needs its API token: enter it above");
  }
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).error.message; } catch (_) {}
    throw new Error(message);
  }
  return response;
}

async function loadLibrary() {
  try {
    const query = $("search").value.trim();
    const response = await api("/v1/documents" + (query ? "?q=" + encodeURIComponent(query) : ""));
    state.documents = (await response.json()).data;
    renderLibrary();
  } catch (error) {
    $("library-status").textContent = error.message;
    $("library-status").className = "error";
  }
}

function renderLibrary() {
  const list = $("documents");
  list.replaceChildren();
  $("library-status").textContent = state.documents.length
    ? state.documents.length + " document" + (state.documents.length === 1 ? "" : "s")
    : "No summarized documents" + ($("search").value ? " match." : " yet: run `precis summarize DIR`.");
  $("library-status").className = "";
  for (const doc of state.documents) {
    const link = el("a", { href: "#" + doc.id, "data-id": doc.id, class: doc.id === state.current ? "current" : "" },
      el("span", { class: "badge" + (doc.status === "ok" ? "" : " failed") }, doc.status === "ok" ? (doc.genre || "document") : "failed"),
      doc.title, doc.title === doc.name ? null : el("small", { class: "file" }, doc.name));
    list.append(el("li", {}, link));
  }
}

async function openDocument(id) {
  stopAsking();
  state.current = id;
  renderLibrary();
  $("answers").replaceChildren();
  $("answer-status").textContent = "";
  $("source-panel").hidden = true;
  try {
    const detail = await (await api("/v1/documents/" + encodeURIComponent(id))).json();
    renderDocument(detail.document, detail.summary);
  } catch (error) {
    $("document").hidden = false;
    $("document-title").textContent = "";
    $("summary").replaceChildren(el("p", { class: "error" }, error.message));
  }
}

function citationButton(citation) {
  return el("button", { type: "button", class: "citation", "data-block": String(citation.block),
    onclick: () => openSource(citation.block) }, "[" + citation.location + "]");
}

function pointItem(point) {
  return el("li", {}, point.label ? el("span", { class: "label" }, point.label + ": ") : null, point.text,
    ...(point.citations || []).map(citationButton));
}

function pointList(text) {
  return el("ul", {}, ...((text && text.points) || []).map(pointItem));
}

function renderDocument(doc, summary) {
  $("document").hidden = false;
  $("document-title").textContent = doc.title;
  $("document-meta").textContent = [doc.genre, doc.format, doc.tokens ? doc.tokens + " tokens" : null,
    "summarized " + new Date(doc.summarized).toLocaleString()].filter(Boolean).join(" · ");
  const parts = [];
  if (!summary) {
    parts.push(el("p", { class: "error" }, doc.error || "No summary was written for this document."));
  } else {
    parts.push(el("h3", {}, "Summary"), pointList(summary.summary));
    const s = summary.structure || {};
    const items = (title, rows, render) => rows && rows.length ? [el("h3", {}, title), el("ul", {}, ...rows.map(render))] : [];
    parts.push(...items("Key terms", s.key_terms, (t) => el("li", {}, el("span", { class: "label" }, t.term + ": "), t.value, ...t.citations.map(citationButton))));
    parts.push(...items("Decisions", s.decisions, meetingItem));
    parts.push(...items("Action items", s.action_items, meetingItem));
    parts.push(...items("Open questions", s.open_questions, meetingItem));
    for (const [title, list] of [["Chapters", summary.chapters], ["Sections", summary.sections]]) {
      if (!list || !list.some((p) => p.summary && p.summary.points.length)) continue;
      parts.push(el("h3", {}, title));
      for (const part of list.filter((p) => p.summary && p.summary.points.length)) {
        parts.push(el("h4", {}, part.label), pointList(part.summary));
      }
    }
  }
  $("summary").replaceChildren(...parts);
}

function meetingItem(item) {
  const who = [item.owner || item.speaker, item.due].filter(Boolean).join(", ");
  return el("li", {}, item.text, who ? " — " + who : "", citationButton(item.citation));
}

async function openSource(block) {
  const panel = $("source-panel");
  panel.hidden = false;
  $("source-location").textContent = "Loading…";
  $("source-context").replaceChildren();
  try {
    const detail = await (await api("/v1/documents/" + encodeURIComponent(state.current) + "/source?block=" + block)).json();
    const passage = detail.passage;
    $("source-location").textContent = passage.location;
    $("source-location").title = passage.section.join(" › ");
    const paragraph = (b, cited) => el("p", { class: cited ? "cited" : "", "data-block": String(b.block) }, b.text);
    $("source-context").replaceChildren(...passage.before.map((b) => paragraph(b, false)),
      paragraph({ block: passage.block, text: passage.text }, true), ...passage.after.map((b) => paragraph(b, false)));
  } catch (error) {
    $("source-location").textContent = error.message;
  }
}

// Reads a server-sent event stream from a fetch response, calling onEvent(name, data).
async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = "message", data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) name = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      if (data) onEvent(name, JSON.parse(data));  // a block of comments only (": waiting") keeps the connection alive
    }
  }
}

async function ask(event) {
  event.preventDefault();
  const question = $("question").value.trim();
  if (!question || !state.current) return;
  stopAsking();
  const answers = $("answers");
  answers.replaceChildren();
  delete answers.dataset.done;
  $("answer-status").textContent = "Reading…";
  $("ask-button").disabled = true;
  const asking = new AbortController();
  state.asking = asking;
  let current = null;
  try {
    const response = await api("/v1/documents/" + encodeURIComponent(state.current) + "/ask", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question, stream: true }), signal: asking.signal,
    });
    await readEvents(response, (name, data) => {
      if (state.asking !== asking) return;  // another document or question since
      if (name === "source") {
        current = el("span", { class: "text" });
        const from = el("span", { class: "from" }, "From " + (data.citation || data.title)
          + (data.from_snapshot ? " (snapshot)" : " (read now)"));
        answers.append(el("div", { class: "answer" }, from, current));
        $("answer-status").textContent = "Answering…";
      } else if (name === "token" && current) {
        current.textContent += data.text;
      } else if (name === "end") {
        $("answer-status").textContent = data.completion_tokens + " tokens in " + data.seconds.toFixed(1) + " s"
          + (data.finish_reason === "length" ? " (cut at the length limit)" : "");
      } else if (name === "error") {
        $("answer-status").textContent = data.error.message;
      } else if (name === "done") {
        answers.dataset.done = "true";
      }
    });
  } catch (error) {
    if (state.asking === asking) $("answer-status").textContent = error.message;
  } finally {
    if (state.asking === asking) {
      state.asking = null;
      $("ask-button").disabled = false;
    }
  }
}

function route() {
  const id = location.hash.slice(1);
  if (id) openDocument(id);
}

document.addEventListener("DOMContentLoaded", () => {
  $("search").addEventListener("input", () => loadLibrary());
  $("ask-form").addEventListener("submit", ask);
  $("source-close").addEventListener("click", () => { $("source-panel").hidden = true; });
  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.token = $("token").value;
    sessionStorage.setItem("precis-token", state.token);
    $("token-form").hidden = true;
    loadLibrary().then(route);
  });
  window.addEventListener("hashchange", route);
  loadLibrary().then(route);
});
