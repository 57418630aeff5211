/// The instance's `GET /docs` page: a self-contained, offline replacement for Swagger UI.
///
/// The original service serves Swagger UI from a CDN, which a classroom without internet cannot
/// load. This page has no external resources at all (system fonts, inline CSS and vanilla JS; a
/// Content-Security-Policy meta tag forbids loading anything but same-origin `fetch`es), and
/// builds itself from `./openapi.json`:
/// - a quick-actions strip with scenario1..8 (memory leak, disk fill, rate limit, latency, errors,
///   cpu, crash loop, fd leak), their state from
///   `GET /scenario/health` every 2 s while the tab is visible, and Start/Stop buttons
///   (`POST /scenario/{alias}?action=start|stop`); links to `/metrics` and `/openapi.json`;
/// - a token field (classroom mode): its value goes with every request as `Authorization: Bearer`;
/// - every operation of the document grouped by tag, each with a "Try it out" form (path and query
///   parameters, enums as selects, a JSON body editor prefilled from the schema) that sends the
///   request with `fetch()` and shows status, content-type and the pretty-printed body.
///
/// All URLs are resolved relative to the page's folder (a trailing `docs` or `docs/` is dropped),
/// so it works on any host, port or path prefix. Everything it renders goes through
/// `textContent`, never `innerHTML`, so response data cannot inject markup.
///
/// Serve it as `text/html; charset=utf-8` (the title contains an em dash).
///
/// Why a Swift string literal and not a SwiftPM resource file: memory per process, measured. The
/// two documents are 40 KB of text (this page 26.8 KB, the OpenAPI document 13.3 KB). As
/// literals they sit in the binary's read-only data, file-backed pages that all instances share
/// (a few KB of Pss each at most); loaded from a resource bundle they would become a private
/// heap copy in every process: 40 KB × 200 instances = 8 MB more for a fleet whose instances
/// total 442 MB of Pss (2.21 MB each, `bench/scale.sh`), plus a bundle lookup and a read at every
/// start. `scripts/instance-documents.py` keeps the text editable as files (`extract-*`,
/// `preview`) and regenerates the Swift source.
public enum DocsPage {
    /// The complete HTML document.
    public static let html: String = ##"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <!-- Offline by construction: nothing may be loaded from anywhere but this page and its own host. -->
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'">
    <!-- An empty icon, so the browser does not ask the instance for /favicon.ico (a 404 in its metrics). -->
    <link rel="icon" href="data:,">
    <title>fleetsim instance — API docs</title>
    <style>
      :root {
        --bg: #f5f6f8; --panel: #ffffff; --text: #1d2330; --muted: #667085; --line: #e2e5eb;
        --accent: #e6522c; --code-bg: #f0f2f5;
        --get: #2f6fde; --put: #c77800; --post: #1f9d55; --delete: #d33c3c; --other: #6b7280;
        --ok: #1f9d55; --warn: #c77800; --err: #d33c3c;
        --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
      }
      @media (prefers-color-scheme: dark) {
        :root {
          --bg: #12151b; --panel: #1b1f27; --text: #e6e8ec; --muted: #9aa3b2; --line: #2c323d;
          --code-bg: #11141a;
        }
      }
      * { box-sizing: border-box; }
      body {
        margin: 0; background: var(--bg); color: var(--text);
        font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      }
      header {
        background: var(--panel); border-bottom: 3px solid var(--accent);
        padding: 18px 28px; display: flex; align-items: center; gap: 18px; flex-wrap: wrap;
      }
      header h1 { font-size: 22px; margin: 0; }
      header .sub { color: var(--muted); font-size: 14px; }
      header nav { margin-left: auto; display: flex; gap: 10px; }
      header nav a {
        color: var(--text); text-decoration: none; border: 1px solid var(--line); border-radius: 6px;
        padding: 6px 12px; font-family: var(--mono); font-size: 13px; background: var(--bg);
      }
      header nav a:hover { border-color: var(--accent); color: var(--accent); }
      main { max-width: 1100px; margin: 0 auto; padding: 20px 28px 60px; }
      h2 { font-size: 18px; margin: 28px 0 4px; text-transform: capitalize; }
      h2 + .tagdesc { color: var(--muted); margin: 0 0 12px; font-size: 14px; }

      /* Quick actions: the three scenarios, their state and start/stop. */
      #quick {
        background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px;
      }
      #quick .head { display: flex; align-items: baseline; gap: 12px; margin-bottom: 10px; }
      #quick .head strong { font-size: 15px; }
      #quick .head .stamp { color: var(--muted); font-size: 13px; margin-left: auto; }
      #quick .head .stamp.bad { color: var(--err); }
      .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 12px; }
      .card {
        border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: var(--bg);
        display: grid; grid-template-columns: 1fr auto; gap: 6px 10px; align-items: center;
      }
      .card.running { border-color: var(--ok); box-shadow: inset 4px 0 0 var(--ok); }
      .card .name { font-weight: 600; }
      .card .alias { color: var(--muted); font-family: var(--mono); font-size: 12px; }
      .card .buttons { grid-column: 1 / -1; display: flex; gap: 8px; }
      .pill {
        font-size: 12px; font-weight: 600; border-radius: 999px; padding: 2px 10px;
        background: var(--line); color: var(--muted); text-transform: uppercase; letter-spacing: .03em;
      }
      .pill.running { background: var(--ok); color: #fff; }
      .pill.stopped { background: var(--line); color: var(--text); }
      #toast { margin-top: 10px; font-size: 13px; font-family: var(--mono); min-height: 1.4em; color: var(--muted); }

      button {
        font: inherit; font-size: 13px; font-weight: 600; border-radius: 6px; padding: 5px 14px;
        border: 1px solid var(--line); background: var(--panel); color: var(--text); cursor: pointer;
      }
      button:hover { border-color: var(--accent); }
      button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
      button.primary:hover { filter: brightness(1.08); }
      button:disabled { opacity: .5; cursor: default; }

      /* One operation. */
      details.op {
        background: var(--panel); border: 1px solid var(--line); border-radius: 8px; margin: 8px 0;
        overflow: hidden;
      }
      details.op > summary {
        list-style: none; cursor: pointer; display: flex; align-items: center; gap: 12px; padding: 9px 12px;
      }
      details.op > summary::-webkit-details-marker { display: none; }
      details.op > summary:hover { background: var(--bg); }
      details.op[open] > summary { border-bottom: 1px solid var(--line); }
      .method {
        font-family: var(--mono); font-size: 12px; font-weight: 700; color: #fff; border-radius: 5px;
        padding: 3px 0; width: 64px; text-align: center; flex: none; background: var(--other);
      }
      .method.get { background: var(--get); } .method.put { background: var(--put); }
      .method.post { background: var(--post); } .method.delete { background: var(--delete); }
      details.op.get { border-left: 4px solid var(--get); }
      details.op.put { border-left: 4px solid var(--put); }
      details.op.post { border-left: 4px solid var(--post); }
      .path { font-family: var(--mono); font-size: 14px; font-weight: 600; word-break: break-all; }
      .summary { color: var(--muted); font-size: 14px; margin-left: auto; text-align: right; }
      .opbody { padding: 12px 16px 16px; }
      .opid { color: var(--muted); font-family: var(--mono); font-size: 12px; margin-bottom: 10px; }
      .section { font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em;
                 color: var(--muted); margin: 14px 0 6px; }
      .codes { display: flex; flex-wrap: wrap; gap: 6px; }
      .code {
        font-size: 12px; border: 1px solid var(--line); border-radius: 5px; padding: 2px 8px;
        background: var(--bg);
      }
      .code b { font-family: var(--mono); }
      .c2 b { color: var(--ok); } .c3 b { color: var(--warn); } .c4 b, .c5 b { color: var(--err); }
      table.params { border-collapse: collapse; width: 100%; }
      table.params td { padding: 5px 8px 5px 0; vertical-align: middle; }
      table.params td:first-child { width: 34%; }
      .pname { font-family: var(--mono); font-weight: 600; }
      .req { color: var(--err); font-size: 11px; margin-left: 4px; }
      .ptype { color: var(--muted); font-size: 12px; font-family: var(--mono); }
      input, select, textarea {
        font: 13px var(--mono); color: var(--text); background: var(--bg); border: 1px solid var(--line);
        border-radius: 6px; padding: 6px 8px; width: 100%;
      }
      input:focus, select:focus, textarea:focus { outline: 2px solid var(--accent); outline-offset: -1px; }
      textarea { min-height: 90px; resize: vertical; margin-top: 6px; }
      .actions { display: flex; align-items: center; gap: 12px; margin-top: 12px; }
      .url { font-family: var(--mono); font-size: 12px; color: var(--muted); word-break: break-all; }
      .result { margin-top: 12px; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
      .result .meta {
        display: flex; flex-wrap: wrap; gap: 16px; padding: 7px 12px; background: var(--bg);
        font-size: 13px; border-bottom: 1px solid var(--line);
      }
      .result .status { font-family: var(--mono); font-weight: 700; }
      .result .status.c2 { color: var(--ok); } .result .status.c3 { color: var(--warn); }
      .result .status.c4, .result .status.c5, .result .status.c0 { color: var(--err); }
      .result .meta span.k { color: var(--muted); }
      pre {
        margin: 0; padding: 10px 12px; background: var(--code-bg); font: 13px/1.4 var(--mono);
        white-space: pre-wrap; word-break: break-word; max-height: 420px; overflow: auto;
      }
      pre.empty { color: var(--muted); font-style: italic; }
      #load-error { color: var(--err); font-family: var(--mono); }
      label.token { font-size: 12px; color: var(--muted); display: inline-flex; gap: 6px; align-items: center; }
      label.token input { font-family: var(--mono); font-size: 12px; width: 16em; }
      footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 40px; }
    </style>
    </head>
    <body>
    <header>
      <div>
        <h1>fleetsim instance — API docs</h1>
        <div class="sub" id="api-title">loading openapi.json…</div>
      </div>
      <nav>
        <a href="./metrics" data-path="/metrics" target="_blank" rel="noopener">/metrics</a>
        <a href="./openapi.json" data-path="/openapi.json" target="_blank" rel="noopener">/openapi.json</a>
        <label class="token" title="Classroom mode: your token from the handout, sent as Authorization: Bearer with every request of this page">Token
          <input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="from your handout"></label>
      </nav>
    </header>
    <main>
      <section id="quick" aria-label="Scenario quick actions">
        <div class="head">
          <strong>Scenarios</strong>
          <span class="stamp" id="health-stamp">checking…</span>
        </div>
        <div class="cards" id="cards"></div>
        <div id="toast" role="status" aria-live="polite">Only one scenario runs at a time: stop the running one before starting another.</div>
      </section>
      <div id="load-error"></div>
      <div id="operations"></div>
      <footer>Self-contained page: no fonts, scripts or styles are loaded from anywhere, so it works without internet.</footer>
    </main>
    <script>
    "use strict";
    (function () {
      // Every URL is relative to this page, so the page works on any host, port or path prefix
      // (e.g. behind a reverse proxy that mounts the instance under /something/). The base is the
      // page's folder; a trailing "docs" or "docs/" is dropped so both spellings of the page work.
      const BASE = new URL(location.pathname.replace(/docs\/?$/, ""), location.href);
      const url = (path) => new URL(String(path).replace(/^\/+/, ""), BASE);
      for (const link of document.querySelectorAll("a[data-path]")) link.href = url(link.dataset.path);

      // Classroom mode: the student's token goes with every request as a bearer token. It stays in
      // this tab (sessionStorage), never in a URL, so it is neither in the history nor in logs.
      const tokenInput = document.getElementById("token");
      tokenInput.value = sessionStorage.getItem("fleetsim.token") || "";
      tokenInput.addEventListener("input", () => sessionStorage.setItem("fleetsim.token", tokenInput.value.trim()));
      function withToken(headers) {
        const token = tokenInput.value.trim();
        if (token) headers.authorization = "Bearer " + token;
        return headers;
      }

      const SCENARIOS = [
        { alias: "scenario1", name: "Memory leak" },
        { alias: "scenario2", name: "Disk fill" },
        { alias: "scenario3", name: "Rate limit" },
        { alias: "scenario4", name: "Latency" },
        { alias: "scenario5", name: "Errors" },
        { alias: "scenario6", name: "CPU" },
        { alias: "scenario7", name: "Crash loop" },
        { alias: "scenario8", name: "FD leak" },
      ];
      // Values to prefill the forms with, so a first "Execute" already succeeds.
      const PARAM_DEFAULTS = { alias: "scenario1", label: "demo", length_ms: "250" };
      const METHOD_ORDER = ["get", "put", "post", "delete", "patch", "options", "head"];

      // The only way this page puts text into the DOM: createElement + textContent, so nothing from
      // the network (response bodies, even the spec) can ever be interpreted as HTML.
      function h(tag, attrs, ...children) {
        const el = document.createElement(tag);
        for (const [key, value] of Object.entries(attrs || {})) {
          if (value === undefined || value === null || value === false) continue;
          if (key === "class") el.className = value;
          else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
          else el.setAttribute(key, value === true ? "" : String(value));
        }
        for (const child of children.flat()) {
          if (child === undefined || child === null || child === false) continue;
          el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
        }
        return el;
      }
      const statusClass = (status) => "c" + String(status).charAt(0);

      // ---- Quick actions -------------------------------------------------------------------------
      const cards = {};
      for (const s of SCENARIOS) {
        const pill = h("span", { class: "pill" }, "unknown");
        const start = h("button", { class: "primary", onclick: () => act(s.alias, "start") }, "Start");
        const stop = h("button", { onclick: () => act(s.alias, "stop") }, "Stop");
        const card = h("div", { class: "card" },
          h("div", null, h("div", { class: "name" }, s.name), h("div", { class: "alias" }, s.alias)),
          pill, h("div", { class: "buttons" }, start, stop));
        cards[s.alias] = { card, pill, start, stop };
        document.getElementById("cards").appendChild(card);
      }
      const stamp = document.getElementById("health-stamp");
      const toast = document.getElementById("toast");

      function showState(states) {
        for (const s of SCENARIOS) {
          const c = cards[s.alias];
          const state = states && typeof states[s.alias] === "string" ? states[s.alias] : "unknown";
          c.pill.textContent = state;
          c.pill.className = "pill " + (state === "running" || state === "stopped" ? state : "");
          c.card.classList.toggle("running", state === "running");
          c.start.disabled = state === "running";
          c.stop.disabled = state === "stopped";
        }
      }

      let polling = false;
      async function refreshHealth() {
        if (polling) return; // a slow instance must not pile up requests
        polling = true;
        try {
          const response = await fetch(url("/scenario/health"), { cache: "no-store" });
          if (!response.ok) throw new Error("HTTP " + response.status);
          const body = await response.json();
          showState(body.scenarios);
          stamp.textContent = "updated " + new Date().toLocaleTimeString();
          stamp.classList.remove("bad");
        } catch (error) {
          showState(null);
          stamp.textContent = "health check failed (" + error.message + ")";
          stamp.classList.add("bad");
        } finally {
          polling = false;
        }
      }

      async function act(alias, action) {
        toast.textContent = "POST /scenario/" + alias + "?action=" + action + " …";
        toast.style.color = "";
        try {
          const response = await fetch(url("/scenario/" + encodeURIComponent(alias) + "?action=" + action),
                                       { method: "POST", cache: "no-store", headers: withToken({}) });
          const text = await response.text();
          let detail = "";
          if (response.status === 304) {
            detail = action === "start" ? "already running" : "not running";
          } else if (text) {
            try {
              const body = JSON.parse(text);
              detail = typeof body.detail === "string" ? body.detail
                     : body.status ? alias + " is " + body.status : text;
            } catch (_) { detail = text; }
          }
          toast.textContent = response.status + " " + (response.statusText || "") + " — " + detail;
          toast.style.color = response.status < 300 ? "var(--ok)"
                            : response.status < 400 ? "var(--warn)" : "var(--err)";
        } catch (error) {
          toast.textContent = "request failed: " + error.message;
          toast.style.color = "var(--err)";
        }
        refreshHealth();
      }

      showState(null);
      refreshHealth();
      // Every 2 s while the tab is visible: a hidden tab would only add noise to the instance's metrics.
      setInterval(() => { if (document.visibilityState === "visible") refreshHealth(); }, 2000);
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") refreshHealth();
      });

      // ---- Operations from openapi.json ----------------------------------------------------------
      let spec = null;

      function resolve(schema) {
        // Local $refs only ("#/components/schemas/Name"), which is all FastAPI emits.
        let seen = 0;
        while (schema && typeof schema.$ref === "string" && seen++ < 10) {
          schema = schema.$ref.replace(/^#\//, "").split("/")
            .reduce((node, key) => (node ? node[key] : undefined), spec);
        }
        return schema || {};
      }

      function typeLabel(schema) {
        const resolved = resolve(schema);
        const name = schema && schema.$ref ? schema.$ref.split("/").pop() + " " : "";
        if (Array.isArray(resolved.enum)) return name + "enum: " + resolved.enum.join(" | ");
        return name + (resolved.type || "any");
      }

      // An example value for a request body, built from its schema.
      function example(schema, depth) {
        const s = resolve(schema);
        if ((depth || 0) > 5) return null;
        if (s.example !== undefined) return s.example;
        if (Array.isArray(s.enum)) return s.enum[0];
        switch (s.type) {
          case "object": {
            const out = {};
            for (const [key, sub] of Object.entries(s.properties || {})) out[key] = example(sub, (depth || 0) + 1);
            return out;
          }
          case "array": return [example(s.items, (depth || 0) + 1)];
          case "integer": case "number": return 5;
          case "boolean": return true;
          case "string": return "text";
          default: return null;
        }
      }

      function parameterRow(param) {
        const schema = resolve(param.schema);
        const id = "p-" + Math.random().toString(36).slice(2);
        let field;
        if (Array.isArray(schema.enum)) {
          field = h("select", { id, name: param.name },
            schema.enum.map((v) => h("option", { value: v }, v)));
        } else {
          field = h("input", {
            id, name: param.name, required: param.required,
            type: "text", inputmode: schema.type === "integer" ? "numeric" : null,
            placeholder: schema.type || "value", value: PARAM_DEFAULTS[param.name] || "",
            list: param.name === "alias" ? "aliases" : null,
          });
        }
        field.dataset.in = param.in;
        return h("tr", null,
          h("td", null,
            h("label", { for: id }, h("span", { class: "pname" }, param.name),
              param.required ? h("span", { class: "req" }, "required") : null),
            h("div", { class: "ptype" }, param.in + " · " + typeLabel(param.schema))),
          h("td", null, field));
      }

      function renderResult(box, response, text, elapsed, requestUrl) {
        const type = response.headers.get("content-type");
        let shown = text;
        if (text && type && type.includes("json")) {
          try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (_) { /* show it raw */ }
        }
        box.replaceChildren(
          h("div", { class: "meta" },
            h("span", null, h("span", { class: "k" }, "status "),
              h("span", { class: "status " + statusClass(response.status) },
                response.status + (response.statusText ? " " + response.statusText : ""))),
            h("span", null, h("span", { class: "k" }, "content-type "), type || "(none)"),
            h("span", null, h("span", { class: "k" }, "time "), elapsed + " ms"),
            h("span", { class: "url" }, requestUrl)),
          text ? h("pre", null, shown) : h("pre", { class: "empty" }, "(no body)"));
      }

      function operation(path, method, op) {
        const params = op.parameters || [];
        const bodyContent = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
        const form = h("form", { novalidate: true });
        if (params.length) {
          form.appendChild(h("div", { class: "section" }, "Parameters"));
          form.appendChild(h("table", { class: "params" }, params.map(parameterRow)));
        }
        let editor = null;
        if (bodyContent) {
          form.appendChild(h("div", { class: "section" }, "Request body",
            op.requestBody.required ? h("span", { class: "req" }, "required") : null));
          form.appendChild(h("div", { class: "ptype" }, "application/json · " + typeLabel(bodyContent.schema)));
          editor = h("textarea", { spellcheck: "false", "aria-label": "request body" },
            JSON.stringify(example(bodyContent.schema), null, 2));
          form.appendChild(editor);
        }
        const execute = h("button", { class: "primary", type: "submit" }, "Execute");
        const preview = h("span", { class: "url" });
        form.appendChild(h("div", { class: "actions" }, execute, preview));
        const result = h("div", { class: "result", hidden: true });
        form.appendChild(result);

        function requestUrl() {
          let built = path;
          const query = new URLSearchParams();
          for (const field of form.querySelectorAll("[data-in]")) {
            if (field.dataset.in === "path") {
              built = built.split("{" + field.name + "}").join(encodeURIComponent(field.value));
            } else if (field.dataset.in === "query" && field.value !== "") {
              query.append(field.name, field.value);
            }
          }
          const qs = query.toString();
          return built + (qs ? "?" + qs : "");
        }
        const updatePreview = () => { preview.textContent = method.toUpperCase() + " " + requestUrl(); };
        form.addEventListener("input", updatePreview);
        form.addEventListener("change", updatePreview);
        updatePreview();

        form.addEventListener("submit", async (event) => {
          event.preventDefault();
          updatePreview();
          const target = requestUrl();
          const init = { method: method.toUpperCase(), cache: "no-store", headers: withToken({ accept: "application/json" }) };
          if (editor) {
            init.body = editor.value;
            init.headers["content-type"] = "application/json";
          }
          execute.disabled = true;
          result.hidden = false;
          result.replaceChildren(h("pre", { class: "empty" }, "sending " + init.method + " " + target + " …"));
          const started = performance.now();
          try {
            const response = await fetch(url(target), init);
            const text = await response.text();
            renderResult(result, response, text, Math.round(performance.now() - started), init.method + " " + target);
          } catch (error) {
            result.replaceChildren(h("div", { class: "meta" },
              h("span", { class: "status c0" }, "request failed"), h("span", null, error.message)));
          } finally {
            execute.disabled = false;
          }
        });

        const responses = Object.entries(op.responses || {}).map(([code, r]) =>
          h("span", { class: "code " + statusClass(code), title: r.description || "" },
            h("b", null, code), " ", r.description || ""));

        return h("details", { class: "op " + method },
          h("summary", null,
            h("span", { class: "method " + method }, method.toUpperCase()),
            h("span", { class: "path" }, path),
            h("span", { class: "summary" }, op.summary || "")),
          h("div", { class: "opbody" },
            op.description ? h("p", null, op.description) : null,
            op.operationId ? h("div", { class: "opid" }, "operationId: " + op.operationId) : null,
            form,
            h("div", { class: "section" }, "Documented responses"),
            h("div", { class: "codes" }, responses)));
      }

      function render() {
        const info = spec.info || {};
        document.getElementById("api-title").textContent =
          (info.title || "API") + " · version " + (info.version || "?") + " · OpenAPI " + (spec.openapi || "?");
        // Group by tag, in the order of the document's top-level tags, then any others.
        const groups = new Map();
        for (const tag of spec.tags || []) groups.set(tag.name, { description: tag.description, ops: [] });
        for (const [path, item] of Object.entries(spec.paths || {})) {
          for (const method of METHOD_ORDER) {
            const op = item[method];
            if (!op) continue;
            const tag = (op.tags && op.tags[0]) || "default";
            if (!groups.has(tag)) groups.set(tag, { description: "", ops: [] });
            groups.get(tag).ops.push([path, method, op]);
          }
        }
        const root = document.getElementById("operations");
        root.replaceChildren(h("datalist", { id: "aliases" },
          SCENARIOS.map((s) => h("option", { value: s.alias }, s.name))));
        for (const [tag, group] of groups) {
          if (!group.ops.length) continue;
          root.appendChild(h("h2", null, tag));
          root.appendChild(h("p", { class: "tagdesc" }, group.description || ""));
          for (const [path, method, op] of group.ops) root.appendChild(operation(path, method, op));
        }
      }

      fetch(url("/openapi.json"), { cache: "no-store" })
        .then((response) => {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then((document_) => { spec = document_; render(); })
        .catch((error) => {
          document.getElementById("api-title").textContent = "could not load openapi.json";
          document.getElementById("load-error").textContent = "Loading ./openapi.json failed: " + error.message;
        });
    })();
    </script>
    </body>
    </html>
    """##
}
