// eventlens UI script: small and dependency-free. Data from the server is written with
// textContent only (never innerHTML), so article text can never become markup.
"use strict";

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  return node;
}

function markCurrentNav() {
  const path = window.location.pathname;
  const section = path === "/" || path.startsWith("/events") ? "events"
    : path.split("/")[1];
  for (const link of document.querySelectorAll("nav a[data-nav]")) {
    if (link.dataset.nav === section) link.classList.add("current");
  }
}

function showResult(box, state, lines, eventIds) {
  // state: "pending" | "ok" | "bad"
  box.replaceChildren();
  const panel = el("div", null, { class: state, id: "ingest-" + state });
  for (const line of lines) panel.appendChild(el("p", line));
  if (eventIds && eventIds.length) {
    const list = el("ul", null, { id: "ingest-events" });
    for (const id of eventIds.slice(0, 50)) {
      const item = el("li");
      item.appendChild(el("a", id, { href: "/events/" + encodeURIComponent(id) }));
      list.appendChild(item);
    }
    panel.appendChild(list);
  }
  box.appendChild(panel);
}

async function submitIngest(form, body, headers) {
  const box = document.getElementById("ingest-result");
  showResult(box, "pending", ["Processing…"]);
  let response;
  let data = {};
  try {
    response = await fetch(form.action, { method: "POST", body, headers, credentials: "same-origin" });
    data = await response.json();
  } catch (err) {
    showResult(box, "bad", ["The request failed: " + err]);
    return;
  }
  if (!response.ok) {
    showResult(box, "bad", ["Error " + response.status + ": " + (data.detail || "unknown error")]);
    return;
  }
  const lines = [
    `${data.articles} article(s) read, ${data.stored} stored, ${data.skipped} already stored; ${data.events} event(s).`,
  ];
  for (const error of data.errors || []) lines.push(`${error.article_id}: ${error.stage}: ${error.reason}`);
  showResult(box, (data.errors || []).length === 0 ? "ok" : "bad", lines, data.event_ids);
}

function wireIngestForms() {
  const upload = document.getElementById("upload-form");
  if (upload) {
    upload.addEventListener("submit", (event) => {
      event.preventDefault();
      submitIngest(upload, new FormData(upload), {});
    });
  }
  const text = document.getElementById("text-form");
  if (text) {
    text.addEventListener("submit", (event) => {
      event.preventDefault();
      const payload = {};
      for (const [key, value] of new FormData(text).entries()) {
        if (String(value).trim() !== "") payload[key] = String(value);
      }
      submitIngest(text, JSON.stringify(payload), { "Content-Type": "application/json" });
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  markCurrentNav();
  wireIngestForms();
});
