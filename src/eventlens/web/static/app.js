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

// The world map: zoom (buttons, wheel) and pan (drag) by changing the SVG viewBox. Zoomed in
// past ZOOM_PLACES, each place shows instead of the clusters; circles and labels keep their
// size on screen.
const ZOOM_PLACES = 3;
const MAX_ZOOM = 40;

function wireMap() {
  const svg = document.getElementById("world-map");
  if (!svg) return;
  const [x0, y0, w0, h0] = svg.dataset.viewbox.split(" ").map(Number);
  let view = { x: x0, y: y0, w: w0, h: h0 };

  function apply() {
    const zoom = w0 / view.w;
    svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    svg.dataset.zoom = zoom.toFixed(3);
    svg.classList.toggle("zoomed", zoom >= ZOOM_PLACES);
    const shrink = Math.pow(zoom, 0.75);  // circles grow a little on screen as one zooms in
    for (const mark of svg.querySelectorAll("circle[data-r]")) {
      mark.setAttribute("r", (Number(mark.dataset.r) / shrink).toFixed(3));
    }
    for (const label of svg.querySelectorAll("text.map-label")) {
      // offsets were placed for the label's own zoom (data-zoom: 1 for clusters, 4 for places)
      const scale = Math.pow(Number(label.dataset.zoom || 1) / zoom, 0.75);
      label.style.fontSize = (3.6 / zoom).toFixed(3) + "px";  // CSSOM: allowed by the CSP, unlike style=""
      label.style.strokeWidth = (0.8 / zoom).toFixed(3) + "px";
      label.setAttribute("x", (Number(label.dataset.x) + Number(label.dataset.dx) * scale).toFixed(3));
      label.setAttribute("y", (Number(label.dataset.y) + Number(label.dataset.dy) * scale).toFixed(3));
    }
  }

  function zoomAt(factor, cx, cy) {
    const zoom = Math.min(Math.max(w0 / (view.w / factor), 1), MAX_ZOOM);
    const w = w0 / zoom;
    const h = h0 / zoom;
    view = { x: cx - (cx - view.x) * (w / view.w), y: cy - (cy - view.y) * (h / view.h), w, h };
    if (zoom === 1) view = { x: x0, y: y0, w: w0, h: h0 };
    apply();
  }

  function toMap(event) {
    const box = svg.getBoundingClientRect();
    return { x: view.x + ((event.clientX - box.left) / box.width) * view.w,
             y: view.y + ((event.clientY - box.top) / box.height) * view.h };
  }

  document.getElementById("zoom-in").addEventListener("click", () => zoomAt(2, view.x + view.w / 2, view.y + view.h / 2));
  document.getElementById("zoom-out").addEventListener("click", () => zoomAt(0.5, view.x + view.w / 2, view.y + view.h / 2));
  document.getElementById("zoom-reset").addEventListener("click", () => { view = { x: x0, y: y0, w: w0, h: h0 }; apply(); });
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const at = toMap(event);
    zoomAt(event.deltaY < 0 ? 1.5 : 1 / 1.5, at.x, at.y);
  }, { passive: false });

  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    drag = { x: event.clientX, y: event.clientY, view: { ...view }, moved: false };
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const box = svg.getBoundingClientRect();
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;  // a click, not a drag
    if (!drag.moved) svg.setPointerCapture(event.pointerId);
    drag.moved = true;
    svg.classList.add("dragging");
    view = { ...drag.view, x: drag.view.x - (dx / box.width) * view.w, y: drag.view.y - (dy / box.height) * view.h };
    apply();
  });
  const stop = () => { svg.classList.remove("dragging"); setTimeout(() => { drag = null; }, 0); };
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);
  svg.addEventListener("click", (event) => { if (drag && drag.moved) event.preventDefault(); }, true);
  apply();
}

document.addEventListener("DOMContentLoaded", wireMap);
