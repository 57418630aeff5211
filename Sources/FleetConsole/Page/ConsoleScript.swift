/// The console's script: draws the instructor's or the student's view from the JSON API.
///
/// Every value from the fleet (student names come from a roster file) enters the page through
/// `textContent` or an attribute set by the DOM API, never through `innerHTML`, so no name can
/// become markup. State-changing calls send the session's CSRF token in `X-CSRF-Token`.
enum ConsoleScript {
    static let source = #"""
        "use strict";
        let me = null;
        const $ = (id) => document.getElementById(id);
        function el(tag, attrs, ...children) {
          const node = document.createElement(tag);
          for (const [key, value] of Object.entries(attrs || {})) {
            if (key === "text") node.textContent = value;
            else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
            else node.setAttribute(key, value);
          }
          for (const child of children) node.append(child);
          return node;
        }
        function say(text) { $("message").textContent = text || ""; }
        async function api(method, path, body) {
          const options = { method, headers: {}, credentials: "same-origin" };
          if (method !== "GET") { options.headers["X-CSRF-Token"] = me ? me.csrf : ""; }
          if (body !== undefined) { options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
          const response = await fetch(path, options);
          if (response.status === 401) { location.reload(); throw new Error("signed out"); }
          const data = await response.json().catch(() => ({}));
          if (!response.ok) throw new Error(data.detail || ("HTTP " + response.status));
          return data;
        }
        async function act(method, path, body) {
          try { const data = await api(method, path, body); say(""); return data; } catch (error) { say(error.message); return null; }
        }
        function hostURL(port, path) { return location.protocol + "//" + location.hostname + ":" + port + path; }
        function graphURL(query) {
          return hostURL(me.prometheusPort, "/graph?g0.expr=" + encodeURIComponent(query) + "&g0.tab=0&g0.range_input=30m");
        }
        function scenarioSelect(id, withAll) {
          const select = el("select", { id });
          if (withAll) select.append(el("option", { value: "all", text: "all (whatever runs)" }));
          for (const s of me.scenarios) select.append(el("option", { value: s.alias, text: s.alias + " · " + s.failureMode }));
          return select;
        }
        function section(id, title, ...children) { return el("section", { id }, el("h2", { text: title }), ...children); }
        function exercises(title) {
          const list = el("ol", { id: "exercises" });
          for (const exercise of me.exercises) {
            const queries = el("ul", {});
            for (const query of exercise.queries) {
              const item = el("li", {}, el("code", { text: query }));
              if (me.prometheusPort) item.append(" ", el("a", { href: graphURL(query), target: "_blank", rel: "noopener", class: "graph", text: "graph" }));
              queries.append(item);
            }
            list.append(el("li", {}, el("strong", { text: exercise.title }), " ", el("em", { text: "(" + exercise.scenario + ")" }), queries));
          }
          return section("lab", title, list);
        }

        // ---- instructor ----
        let selected = new Set();
        function instructorView() {
          const main = $("main"); main.replaceChildren();
          const grid = el("table", { id: "grid" },
            el("thead", {}, el("tr", {}, ...["", "id", "owner", "zone", "state", "scenario", "restarts", "requests/s · errors", "links"].map((h) => el("th", { text: h })))),
            el("tbody", { id: "grid-body" }));
          const k = el("input", { id: "random-k", type: "number", min: "1", value: "1" });
          main.append(section("instances", "Instances",
            el("div", { class: "controls" }, scenarioSelect("scenario", false),
              el("button", { id: "start-selected", type: "button", text: "Start on selected", onclick: () => scenario("start", [...selected]) }),
              el("button", { id: "start-random", type: "button", text: "Start on random k", onclick: () => scenario("start", { random: Number(k.value) }) }), k,
              el("button", { id: "start-all", type: "button", text: "Start on all", onclick: () => scenario("start", "all") }),
              el("button", { id: "stop-selected", type: "button", text: "Stop on selected", onclick: () => scenario("stop", [...selected], "all") }),
              el("button", { id: "stop-all", type: "button", text: "Stop everything", onclick: () => scenario("stop", "all", "all") })),
            grid));
          main.append(section("chaos", "Chaos round",
            el("div", { class: "controls" },
              el("label", { for: "chaos-seed", text: "seed" }), el("input", { id: "chaos-seed", type: "number", min: "0" }),
              el("label", { for: "chaos-duration", text: "duration" }), el("input", { id: "chaos-duration", placeholder: "e.g. 10m" }),
              el("button", { id: "chaos-preview", type: "button", text: "Preview plan", onclick: previewPlan }),
              el("button", { id: "chaos-run", type: "button", text: "Run", onclick: runChaos }),
              el("button", { id: "chaos-stop", type: "button", text: "Stop", onclick: () => act("POST", "/api/chaos/stop").then(refreshChaos) }),
              el("button", { id: "chaos-reveal", type: "button", text: "Reveal", onclick: () => act("POST", "/api/chaos/reveal").then(refreshChaos) }),
              el("span", { text: "round: " }), el("strong", { id: "round-phase" })),
            el("pre", { id: "chaos-plan" }), el("h3", { text: "Timeline" }), el("ol", { id: "timeline" }),
            el("h3", { text: "Answer key" }), el("pre", { id: "chaos-key" }),
            el("h3", { text: "Scoreboard" }),
            el("div", { class: "controls" }, el("button", { id: "scoreboard-toggle", type: "button", text: "Show to students", onclick: toggleScoreboard })),
            el("table", { id: "scoreboard" })));
          const rate = el("input", { id: "traffic-rate", type: "number", min: "0", step: "0.5" });
          main.append(section("traffic", "Background traffic",
            el("div", { class: "controls" }, el("span", { id: "traffic-state" }),
              el("button", { id: "traffic-pause", type: "button", text: "Pause", onclick: () => act("POST", "/api/traffic/pause").then(showTraffic) }),
              el("button", { id: "traffic-resume", type: "button", text: "Resume", onclick: () => act("POST", "/api/traffic/resume").then(showTraffic) }),
              rate, el("button", { id: "traffic-set", type: "button", text: "Set rate", onclick: () => act("POST", "/api/traffic/rate", { rate: Number(rate.value) }).then(showTraffic) }))));
          main.append(section("feed", "Live events", el("ul", { id: "events" })));
          main.append(exercises("Lab queries (open in Prometheus)"));
          refreshGrid(); refreshChaos();
          // A fleet without background traffic answers 409: say so in place, not as an error.
          api("GET", "/api/traffic").then(showTraffic, (error) => { $("traffic-state").textContent = error.message; });
          follow();
          setInterval(refreshGrid, 5000); setInterval(refreshChaos, 5000);
        }
        async function scenario(action, instances, fixed) {
          const name = fixed || $("scenario").value;
          const data = await act("POST", "/api/scenario/" + action, { scenario: name, instances });
          if (data) say(data.results.map((r) => r.instance + ": " + r.outcome).join(", "));
          refreshGrid();
        }
        let gridTimer = null;
        function soon() { clearTimeout(gridTimer); gridTimer = setTimeout(refreshGrid, 150); }
        // Rows are made once per instance and updated in place, so a box being ticked or a link
        // being clicked is never replaced under the pointer by a refresh.
        const gridRows = new Map();
        function gridRow(instance) {
          let row = gridRows.get(instance.id);
          if (row) return row;
          const box = el("input", { type: "checkbox", class: "select", "aria-label": "select " + instance.id });
          box.addEventListener("change", () => { box.checked ? selected.add(instance.id) : selected.delete(instance.id); });
          if (me.role !== "instructor") box.hidden = true;
          const links = el("td", {});
          if (instance.port) {
            links.append(el("a", { href: hostURL(instance.port, "/docs"), target: "_blank", rel: "noopener", text: "docs" }), " ",
              el("a", { href: hostURL(instance.port, "/metrics"), target: "_blank", rel: "noopener", text: "metrics" }));
          }
          const cells = {};
          for (const column of ["id", "owner", "zone", "state", "scenario", "restarts", "rate"]) cells[column] = el("td", { class: column });
          row = { element: el("tr", { id: "row-" + instance.id, "data-instance": instance.id }, el("td", {}, box),
            cells.id, cells.owner, cells.zone, cells.state, cells.scenario, cells.restarts, cells.rate, links), cells };
          gridRows.set(instance.id, row);
          $("grid-body").append(row.element);
          return row;
        }
        async function refreshGrid() {
          const data = await act("GET", "/api/instances");
          if (!data) return;
          showGrid(data);
          refreshSparks();
        }
        function showGrid(data) {
          for (const instance of data.instances) {
            const { cells } = gridRow(instance);
            cells.id.textContent = instance.id;
            cells.owner.textContent = instance.owner || "";
            cells.zone.textContent = instance.zone || "";
            cells.state.textContent = instance.state;
            cells.state.className = "state state-" + instance.state;
            cells.scenario.textContent = instance.scenario || "";
            cells.restarts.textContent = String(instance.restarts);
          }
        }
        let sparks = {}; let sparksAt = 0;
        function sparkText(id) { const s = sparks[id]; return s ? s.rate.toFixed(1) + " · " + (100 * s.errors).toFixed(0) + " %" : ""; }
        async function refreshSparks() {
          if (!me.prometheusPort || Date.now() - sparksAt < 15000) return;
          sparksAt = Date.now();
          const data = await api("GET", "/api/sparklines").catch(() => null);
          if (!data) return;
          sparks = {};
          for (const series of data.instances) {
            sparks[series.instance] = { rate: series.rate.at(-1) || 0, errors: series.errors.at(-1) || 0 };
            const row = gridRows.get(series.instance);
            if (row) { row.cells.rate.textContent = sparkText(series.instance); row.cells.rate.append(" ", sparkline(series.rate, "#2465c9"), sparkline(series.errors, "#b3261e")); }
          }
        }
        function sparkline(values, color) {
          const ns = "http://www.w3.org/2000/svg";
          const svg = document.createElementNS(ns, "svg"); svg.setAttribute("class", "spark"); svg.setAttribute("viewBox", "0 0 100 20");
          const max = Math.max(...values, 1e-9);
          const line = document.createElementNS(ns, "polyline");
          line.setAttribute("points", values.map((v, i) => (100 * i / Math.max(1, values.length - 1)).toFixed(1) + "," + (19 - 18 * v / max).toFixed(1)).join(" "));
          line.setAttribute("stroke", color); svg.append(line); return svg;
        }
        function follow() {
          const source = new EventSource("/api/events");
          source.addEventListener("fleet", (message) => {
            const event = JSON.parse(message.data);
            const text = [event.time, event.event, event.instance, event.scenario, event.origin, event.detail].filter(Boolean).join(" ");
            const list = $("events");
            list.prepend(el("li", { text }));
            while (list.children.length > 200) list.lastChild.remove();
            if (event.event.startsWith("scenario.") || event.event.startsWith("instance.")) soon();
            if (event.event.startsWith("chaos.") || event.origin === "chaos") refreshChaos();
          });
        }
        async function previewPlan() {
          const params = new URLSearchParams({ seed: $("chaos-seed").value, duration: $("chaos-duration").value });
          const data = await act("GET", "/api/chaos/plan?" + params);
          if (data) { $("chaos-seed").value = data.seed; $("chaos-plan").textContent = data.plan; }
        }
        async function runChaos() {
          const body = {};
          if ($("chaos-seed").value !== "") body.seed = Number($("chaos-seed").value);
          if ($("chaos-duration").value !== "") body.duration = $("chaos-duration").value;
          const data = await act("POST", "/api/chaos/run", body);
          if (data) say("chaos running: seed " + data.seed + ", " + data.injections + " injections");
          refreshChaos();
        }
        let scoreboardVisible = false;
        async function refreshChaos() {
          const data = await act("GET", "/api/chaos");
          if (!data) return;
          $("round-phase").textContent = data.phase + (data.seed !== null && data.seed !== undefined ? " (seed " + data.seed + ")" : "");
          $("timeline").replaceChildren(...data.timeline.map((t) => el("li", { class: "timeline-entry", text: [t.time, t.event, t.instance, t.scenario, t.detail].filter(Boolean).join(" ") })));
          $("chaos-key").textContent = data.key || "";
          const board = await act("GET", "/api/scoreboard");
          if (board) showScoreboard(board);
        }
        function showScoreboard(board) {
          scoreboardVisible = board.visible;
          const toggle = $("scoreboard-toggle");
          if (toggle) toggle.textContent = board.visible ? "Hide from students" : "Show to students";
          const table = $("scoreboard");
          table.replaceChildren(el("tr", {}, ...["student", "answers", "score", "found", "false alarms"].map((h) => el("th", { text: h }))),
            ...board.rows.map((r) => el("tr", { class: "score-row" }, el("td", { class: "student", text: r.student }), el("td", { text: String(r.answers) }),
              el("td", { class: "score", text: r.score === null || r.score === undefined ? "" : r.score.toFixed(0) }),
              el("td", { text: r.truePositives === undefined || r.truePositives === null ? "" : String(r.truePositives) }),
              el("td", { text: r.falseAlarms === undefined || r.falseAlarms === null ? "" : String(r.falseAlarms) }))));
        }
        async function toggleScoreboard() { await act("POST", "/api/scoreboard", { visible: !scoreboardVisible }); refreshChaos(); }
        function showTraffic(data) {
          // The control protocol's traffic reply: the knobs at the top level (`fleet traffic status --json`).
          if (!data || data.rate === undefined) return;
          $("traffic-state").textContent = (data.paused ? "paused" : "sending") + " · " + data.rate + " req/s per instance · simulated " + data.time_of_day;
        }

        // ---- student ----
        function studentView() {
          const main = $("main"); main.replaceChildren();
          const mine = section("mine", "Your instance " + me.instance, el("table", { id: "grid" },
            el("thead", {}, el("tr", {}, ...["", "id", "owner", "zone", "state", "scenario", "restarts", "", "links"].map((h) => el("th", { text: h })))),
            el("tbody", { id: "grid-body" })));
          if (me.studentsControlTheirInstance) {
            mine.append(el("div", { class: "controls" }, scenarioSelect("scenario", false),
              el("button", { id: "start-own", type: "button", text: "Start", onclick: () => own("start") }),
              el("button", { id: "stop-own", type: "button", text: "Stop", onclick: () => own("stop") })));
          }
          main.append(mine);
          const form = el("form", { id: "answer-form" },
            el("label", { for: "answer-instance", text: "instance" }), el("input", { id: "answer-instance", placeholder: "svc-03", maxlength: "64", required: "" }),
            el("label", { for: "answer-scenario", text: "what failed" }), scenarioSelect("answer-scenario", false),
            el("label", { for: "answer-start", text: "roughly when (UTC)" }), el("input", { id: "answer-start", placeholder: "10:42", maxlength: "64" }),
            el("button", { id: "answer-submit", type: "submit", text: "Submit" }));
          form.addEventListener("submit", async (event) => {
            event.preventDefault();
            const data = await act("POST", "/api/answers", { instance: $("answer-instance").value, scenario: $("answer-scenario").value, start: $("answer-start").value });
            if (data) { showAnswers(data); form.reset(); }
          });
          main.append(section("round", "Chaos round", el("p", {}, "Round: ", el("strong", { id: "round-phase" })), form,
            el("h3", { text: "Your answers" }), el("ol", { id: "my-answers" }), el("p", { id: "my-score" })));
          main.append(section("class-scoreboard", "Scoreboard", el("table", { id: "scoreboard" })));
          main.append(exercises("Exercises (queries show your instance)"));
          refreshStudent(); setInterval(refreshStudent, 2000);
        }
        async function own(action) {
          const data = await act("POST", "/api/scenario/" + action, { scenario: action === "stop" ? "all" : $("scenario").value, instances: [me.instance] });
          if (data) say(data.results.map((r) => r.instance + ": " + r.outcome).join(", "));
          refreshStudent();
        }
        async function refreshStudent() {
          const data = await act("GET", "/api/instances");
          if (data) showGrid(data);
          const round = await act("GET", "/api/round");
          if (round) {
            $("round-phase").textContent = round.phase;
            $("answer-form").hidden = round.phase !== "open";
            $("class-scoreboard").hidden = !round.scoreboardVisible;
            if (round.scoreboardVisible) { const board = await act("GET", "/api/scoreboard"); if (board) showScoreboard(board); }
          }
          const answers = await act("GET", "/api/answers");
          if (answers) showAnswers(answers);
        }
        function showAnswers(data) {
          $("my-answers").replaceChildren(...data.answers.map((a) => el("li", { class: "answer" },
            el("span", { text: a.instance + " · " + a.scenario + (a.start ? " · " + a.start : "") }),
            a.verdict ? el("strong", { class: "verdict verdict-" + a.verdict.replaceAll(" ", "-"), text: " — " + a.verdict }) : "")));
          $("my-score").textContent = data.score === null || data.score === undefined ? "" : "Score: " + data.score.toFixed(0) + " / 100";
        }

        async function start() {
          $("signout").addEventListener("click", async () => { await act("POST", "/signout"); location.reload(); });
          me = await api("GET", "/api/me");
          $("who").textContent = me.role === "instructor" ? "instructor" : me.name + " · " + me.instance;
          if (me.role === "instructor") instructorView(); else studentView();
        }
        start().catch((error) => say(error.message));
        """#
}
