-- wrk script of bench/soak.py: spreads wrk's threads over every instance of the fleet and
-- counts responses by status code.
--
-- Environment (read by every thread's Lua state):
--   SOAK_HOST      the fleet's host (127.0.0.1)
--   SOAK_PORTS     the instances' ports, separated by commas; thread i targets port i (mod n)
--   SOAK_DELAY_MS  pause of a connection between two requests (throttle; 0 = flat out)
--
-- Requests rotate through a fixed mix of the service's routes. Intended 4xx: 429 from
-- /scenario/do_something (10 allowed a minute) and 404 from an unknown path. A 5xx is a bug.
-- At the end `done` prints one line `SOAK_WRK_JSON {…}` that soak.py parses.

local host = os.getenv("SOAK_HOST") or "127.0.0.1"
local ports = {}
for port in string.gmatch(os.getenv("SOAK_PORTS") or "", "%d+") do ports[#ports + 1] = port end
local pause = tonumber(os.getenv("SOAK_DELAY_MS") or "0") or 0

-- setup() runs in the main Lua state, once per thread, before the threads start.
local threads = {}
local next_thread = 0

function setup(thread)
  if #ports == 0 then error("SOAK_PORTS is empty") end
  next_thread = next_thread + 1
  local port = ports[((next_thread - 1) % #ports) + 1]
  thread.addr = wrk.lookup(host, port)[1]
  thread:set("port", port)
  threads[#threads + 1] = thread
end

-- Per-thread state (each thread runs this file in its own Lua state).
local mix = nil
local position = 0
statuses = {}

local function build_mix(port)
  local h = { ["Host"] = host .. ":" .. port }
  local json = { ["Host"] = host .. ":" .. port, ["Content-Type"] = "application/json" }
  local m = {}
  local function add(weight, method, path, headers, body)
    for _ = 1, weight do m[#m + 1] = wrk.format(method, path, headers, body) end
  end
  add(6, "GET", "/scenario/health", h)
  add(2, "GET", "/showcase/count/alpha", h)
  add(1, "GET", "/showcase/count/beta", h)
  add(1, "GET", "/showcase/count/gamma", h)
  add(1, "GET", "/showcase/duration/12", h)
  add(1, "GET", "/showcase/duration/250", h)
  add(1, "GET", "/showcase/duration/3000", h)
  add(2, "PUT", "/showcase/gauge", json, '{"value": 42}')
  add(1, "PUT", "/showcase/gauge", json, '{"value": 7}')
  add(2, "GET", "/scenario/do_something", h)      -- mostly 429: intended
  add(1, "GET", "/scenario/scenario1", h)
  add(1, "GET", "/scenario/scenario2", h)
  add(1, "GET", "/metrics", h)
  add(1, "GET", "/no/such/route", h)              -- 404: intended
  return m
end

function init(args)
  statuses = {}
end

function request()
  if mix == nil then
    mix = build_mix(wrk.thread:get("port") or ports[1])
    -- Threads do not all start on the same request.
    position = math.random(#mix)
  end
  position = position % #mix + 1
  return mix[position]
end

function delay()
  return pause
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

local function json_string(s)
  return '"' .. tostring(s):gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses") or {}
    for code, n in pairs(counts) do total[code] = (total[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(total) do parts[#parts + 1] = json_string(code) .. ":" .. string.format("%d", n) end
  local e = summary.errors
  local out = string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d},' ..
    '"statuses":{%s},"threads":%d}',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9), latency.max,
    table.concat(parts, ","), #threads)
  io.write("SOAK_WRK_JSON " .. out .. "\n")
end
