#!/usr/bin/env python3
"""Soak test of a whole fleet: load, chaos and kill -9 at once, then strict checks.

Run through bench/soak.sh, which makes the scratch folder, resolves the binary and cleans up
even if this script is killed. Standard library only; pyzmq, when installed, adds an event
stream subscriber (counts and sequence gaps).

What happens, in order:

1. A configuration with small scenario caps is written to <work>/fleet.yaml and `fleet up`
   starts N instances (ports base_port…), the supervisor's /metrics and Prometheus (when the
   binary is installed), all on 127.0.0.1.
2. For `--seconds`: one `wrk` spreads a throttled request mix over every instance
   (bench/soak_wrk.lua); a chaos run (`fleet chaos run`, mean gap 5 s, holds 10–30 s) injects
   the three scenarios; every `--kill-interval` seconds a random instance that is up gets
   SIGKILL and the time until its /scenario/health answers 200 again is measured; every
   `--sample-interval` seconds the supervisor's VmRSS, every instance's VmRSS and every
   scenario2 folder's size are sampled and checked against the configured caps.
3. At the end: every instance back up, healthy and idle; every Prometheus target up; no 5xx
   anywhere (wrk, each instance's /metrics, Prometheus' history); the chaos journal closed
   every injection it applied and `fleet chaos reveal` reads it; then `fleet down`, no
   process of the fleet left, no file left but the chaos journal (copied to the report,
   then removed).

Prints a summary table and exits 1 when a hard check failed, 2 on a usage/setup problem.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

MB = 1000 * 1000
MiB = 1024 * 1024
HOST = "127.0.0.1"

# Loopback only: never go through a proxy from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_get(url: str, timeout: float = 2.0) -> tuple[int | None, str]:
    """(status, body); status None when there was no HTTP answer at all."""
    try:
        with _OPENER.open(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except Exception as error:  # connection refused, reset, timeout
        return None, str(error)


def now() -> float:
    return time.monotonic()


def log(message: str) -> None:
    print(f"[soak {time.strftime('%H:%M:%S')}] {message}", flush=True)


def rss_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def process_state(pid: int) -> str | None:
    """The state letter of /proc/PID/stat (R, S, Z, …), None when the process is gone."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def processes_naming(text: str) -> list[tuple[int, list[str]]]:
    """Every process whose command line contains `text`: (pid, argv). Read-only."""
    found = []
    own = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == own:
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                raw = handle.read()
        except OSError:
            continue
        if text.encode() in raw:
            found.append((int(entry), [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]))
    return found


def folder_usage(path: str) -> tuple[int, int, int]:
    """(apparent bytes, allocated bytes, files) under `path`; zeros when it does not exist."""
    apparent = allocated = files = 0
    for root, _dirs, names in os.walk(path):
        for name in names:
            try:
                stat = os.lstat(os.path.join(root, name))
            except OSError:
                continue  # deleted while we walked
            apparent += stat.st_size
            allocated += stat.st_blocks * 512
            files += 1
    return apparent, allocated, files


def human(n: float, unit: str = "B") -> str:
    for suffix in ("", "Ki", "Mi", "Gi"):
        if abs(n) < 1024 or suffix == "Gi":
            return f"{n:.1f} {suffix}{unit}" if suffix else f"{n:.0f} {unit}"
        n /= 1024
    return f"{n:.1f} {unit}"


class Check:
    def __init__(self, name: str, ok: bool, detail: str, hard: bool = True):
        self.name, self.ok, self.detail, self.hard = name, ok, detail, hard

    @property
    def verdict(self) -> str:
        if self.ok:
            return "PASS"
        return "FAIL" if self.hard else "WARN"


class EventCounter(threading.Thread):
    """Subscribes to the fleet's event stream (pyzmq) and counts events and sequence gaps."""

    def __init__(self, endpoint: str):
        super().__init__(daemon=True)
        self.endpoint = endpoint
        self.counts: dict[str, int] = {}
        self.gaps = 0
        self.received = 0
        self.last_seq: int | None = None
        self.stop_flag = threading.Event()
        self.error: str | None = None

    def run(self) -> None:
        try:
            import zmq  # noqa: PLC0415 (optional dependency)
        except ImportError:
            self.error = "pyzmq not installed"
            return
        context = zmq.Context()
        socket = context.socket(zmq.SUB)
        socket.setsockopt(zmq.LINGER, 0)
        socket.setsockopt(zmq.RCVTIMEO, 300)
        socket.setsockopt(zmq.SUBSCRIBE, b"")
        socket.connect(self.endpoint)
        try:
            while not self.stop_flag.is_set():
                try:
                    frames = socket.recv_multipart()
                except zmq.Again:
                    continue
                try:
                    event = json.loads(frames[-1])
                except ValueError:
                    continue
                self.received += 1
                name = event.get("event", "?")
                self.counts[name] = self.counts.get(name, 0) + 1
                seq = event.get("seq")
                if isinstance(seq, int):
                    if self.last_seq is not None and seq != self.last_seq + 1:
                        self.gaps += 1
                    self.last_seq = seq
        finally:
            socket.close()
            context.term()


class Soak:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.work = os.path.abspath(args.work)
        self.data = os.path.join(self.work, "data")
        self.config_path = os.path.join(self.work, "fleet.yaml")
        self.report = os.path.join(self.work, "report")
        self.n = args.instances
        self.ids = [f"svc-{i:0{max(2, len(str(self.n)))}d}" for i in range(1, self.n + 1)]
        self.ports = {id_: args.base_port + i for i, id_ in enumerate(self.ids)}
        self.seed = args.seed if args.seed is not None else random.randrange(1, 2**31)
        self.rng = random.Random(self.seed)
        self.prometheus_binary = shutil.which("prometheus") if args.prometheus != "off" else None
        # Caps of the soak configuration (see write_config).
        self.leak_chunk = 1 * MB
        self.leak_max_chunks = 40
        self.leak_cap = self.leak_chunk * self.leak_max_chunks
        self.disk_size = 64 * MiB
        self.fill_chunk = 2 * MiB
        self.reserve = 2 * 1024 * MiB
        self.supervisor: subprocess.Popen | None = None
        self.wrk: subprocess.Popen | None = None
        self.checks: list[Check] = []
        self.lock = threading.Lock()
        self.restart_times: list[tuple[str, float]] = []
        self.restart_failures: list[str] = []
        self.kills: list[tuple[float, str, int]] = []
        self.measurers: list[threading.Thread] = []
        self.samples = 0
        self.supervisor_rss: list[int] = []
        self.instance_rss_peak: dict[str, int] = {}
        self.instance_rss_sum_peak = 0
        self.memory_violations: list[str] = []
        self.disk_peak: dict[str, int] = {}
        self.disk_alloc_peak = 0
        self.disk_sum_peak = 0
        self.disk_violations: list[str] = []
        self.min_real_free: int | None = None
        self.states_seen_down: set[str] = set()
        self.baseline_kb = 0
        self.events: EventCounter | None = None
        self.wrk_result: dict | None = None

    # ---- the fleet --------------------------------------------------------------------
    def fleet(self, *arguments: str, timeout: float = 30) -> subprocess.CompletedProcess:
        return subprocess.run(
            [self.args.fleet, *arguments, "--config", self.config_path, "--data-dir", self.data],
            capture_output=True, text=True, timeout=timeout)

    def status(self) -> list[dict] | None:
        try:
            result = self.fleet("status", "--json", timeout=15)
        except subprocess.TimeoutExpired:
            return None
        if result.returncode != 0:
            return None
        try:
            return json.loads(result.stdout)["instances"]
        except (ValueError, KeyError):
            return None

    def instance_pids(self) -> dict[str, int]:
        """id → pid of the live `fleet instance` processes of this data folder (from /proc)."""
        pids = {}
        for pid, argv in processes_naming(self.data):
            if "instance" in argv and "--id" in argv and process_state(pid) not in (None, "Z"):
                try:
                    pids[argv[argv.index("--id") + 1]] = pid
                except IndexError:
                    pass
        return pids

    def write_config(self) -> None:
        a = self.args
        rules = os.path.join(a.repo, "lab/rules/fleet-alerts.yml")
        prometheus = (
            f"{{ enabled: true, port: {a.prometheus_port}, scrape_interval: 2s, evaluation_interval: 5s, "
            # keep_data: false, so that "no file left but the chaos journal" checks fleet down's cleanup.
            f"rule_files: [{rules}], keep_data: false }}" if self.prometheus_binary else "{ enabled: false, rule_files: [] }")
        warmup = min(5, max(1, a.seconds // 10))
        text = f"""# bench/soak.py: small caps so a 50-instance fleet passes the resource preflight and the
# soak can check them: leak cap 1MB x 40 = 40 MB, simulated disk 64 MiB per instance.
fleet: {{ name: soak, instances: {self.n}, host: {HOST}, base_port: {a.base_port}, data_dir: {self.data} }}
node: {{ memory: 2GiB, disk: 64MiB }}
scenarios:
  scenario1: {{ chunk_size: 1MB, interval: 500ms, max_chunks: {self.leak_max_chunks} }}
  scenario2: {{ chunk_size: 2MiB, interval: 500ms, free_space_reserve: 2GiB }}
  scenario3: {{ client_rate: 20, min_delay: 10ms, max_delay: 100ms }}
supervisor: {{ metrics_port: {a.metrics_port} }}
console: {{ port: 0 }}
prometheus: {prometheus}
# The soak's checks (no 5xx, restarts = kills) hold for the original three failure modes:
# scenario5 answers 500 and scenario7 crashes on purpose, so chaos leaves scenario4-8 out here.
chaos: {{ duration: {a.seconds}s, mean_gap: 5s, hold_min: 10s, hold_max: 30s, max_concurrent: 0.3, warmup: {warmup}s,
  weights: {{ scenario1: 1, scenario2: 1, scenario3: 1, scenario4: 0, scenario5: 0, scenario6: 0, scenario7: 0, scenario8: 0 }} }}
"""
        with open(self.config_path, "w") as handle:
            handle.write(text)

    def start_fleet(self) -> None:
        self.write_config()
        up_log = open(os.path.join(self.work, "up.log"), "w")
        self.supervisor = subprocess.Popen(
            [self.args.fleet, "up", "--config", self.config_path, "--data-dir", self.data],
            stdout=up_log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        started = now()
        deadline = started + max(60, self.n * 1.5)
        while now() < deadline:
            if self.supervisor.poll() is not None:
                raise SetupError(f"fleet up exited with {self.supervisor.returncode}:\n{self.tail('up.log')}")
            rows = self.status()
            if rows and len(rows) == self.n and all(r["state"] == "up" for r in rows):
                if all(http_get(f"http://{HOST}:{p}/scenario/health")[0] == 200 for p in self.ports.values()):
                    log(f"{self.n} instances up and healthy after {now() - started:.1f} s "
                        f"(supervisor PID {self.supervisor.pid})")
                    break
            time.sleep(0.25)
        else:
            raise SetupError(f"the fleet was not up within {deadline - started:.0f} s:\n{self.tail('up.log')}")
        if self.prometheus_binary:
            url = f"http://{HOST}:{self.args.prometheus_port}/-/ready"
            deadline = now() + 30
            while now() < deadline and http_get(url)[0] != 200:
                time.sleep(0.25)
            if http_get(url)[0] != 200:
                raise SetupError("Prometheus did not become ready within 30 s")
            log(f"Prometheus ready on :{self.args.prometheus_port}")

    def tail(self, name: str, lines: int = 30) -> str:
        try:
            with open(os.path.join(self.work, name), errors="replace") as handle:
                return "".join(handle.readlines()[-lines:])
        except OSError:
            return ""

    # ---- load -------------------------------------------------------------------------
    def start_wrk(self) -> None:
        a = self.args
        script = os.path.join(self.work, "soak_wrk.lua")  # in WORK: soak.sh's /proc sweep finds wrk
        shutil.copy(os.path.join(a.repo, "bench/soak_wrk.lua"), script)
        connections = self.n * a.connections_per_instance
        delay_ms = int(a.connections_per_instance * 1000 / a.rate) if a.rate > 0 else 0
        env = dict(os.environ, SOAK_HOST=HOST, SOAK_DELAY_MS=str(delay_ms),
                   SOAK_PORTS=",".join(str(self.ports[i]) for i in self.ids))
        self.wrk_log = os.path.join(self.work, "wrk.log")
        self.wrk = subprocess.Popen(
            ["wrk", "-t", str(self.n), "-c", str(connections), "-d", f"{a.seconds}s", "--timeout", "5s",
             "--latency", "-s", script, f"http://{HOST}:{a.base_port}/"],
            stdout=open(self.wrk_log, "w"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        log(f"wrk: {self.n} threads (one per instance), {connections} connections, "
            f"{delay_ms} ms pause per connection (~{a.rate} req/s per instance), {a.seconds} s")

    def finish_wrk(self) -> None:
        assert self.wrk
        try:
            self.wrk.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.wrk.kill()
            self.wrk.wait()
        with open(self.wrk_log, errors="replace") as handle:
            text = handle.read()
        match = re.search(r"^SOAK_WRK_JSON (.*)$", text, re.M)
        if match:
            self.wrk_result = json.loads(match.group(1))
        else:
            log("wrk printed no summary:\n" + text[-2000:])

    # ---- chaos ------------------------------------------------------------------------
    def start_chaos(self) -> None:
        result = self.fleet("chaos", "run", "--seed", str(self.seed), "--duration", f"{self.args.seconds}s")
        if result.returncode != 0:
            raise SetupError(f"fleet chaos run failed: {result.stderr or result.stdout}")
        log(result.stdout.strip().replace("\n", "; "))

    @property
    def journal_path(self) -> str:
        return os.path.join(self.data, "chaos-journal.jsonl")

    def journal(self, path: str | None = None) -> list[dict]:
        entries = []
        try:
            with open(path or self.journal_path) as handle:
                for line in handle:
                    if line.strip():
                        entries.append(json.loads(line))
        except OSError:
            pass
        return [e for e in entries if e.get("seed") == self.seed]

    # ---- kill -9 ----------------------------------------------------------------------
    def kill_one(self, rows: list[dict] | None, recently: dict[str, float]) -> None:
        if not rows:
            return
        eligible = [
            r for r in rows
            if r["state"] == "up" and r.get("pid")
            and now() - recently.get(r["id"], -1e9) > self.args.kill_cooldown
        ]
        if not eligible:
            return
        victim = self.rng.choice(eligible)
        pid = int(victim["pid"])
        # Only ever signal a process that is this fleet's instance `victim`, checked in /proc.
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                argv = [p.decode() for p in handle.read().split(b"\0") if p]
        except OSError:
            return
        if self.data not in " ".join(argv) or "--id" not in argv or argv[argv.index("--id") + 1] != victim["id"]:
            return
        started = now()
        os.kill(pid, signal.SIGKILL)
        recently[victim["id"]] = started
        with self.lock:
            self.kills.append((started, victim["id"], pid))
        thread = threading.Thread(target=self.measure_restart, args=(victim["id"], pid, started), daemon=True)
        thread.start()
        self.measurers.append(thread)

    def measure_restart(self, id_: str, old_pid: int, started: float) -> None:
        """Time from SIGKILL until the instance's /scenario/health answers 200 again."""
        url = f"http://{HOST}:{self.ports[id_]}/scenario/health"
        while process_state(old_pid) not in (None, "Z") and now() - started < 5:
            time.sleep(0.005)
        deadline = started + self.args.restart_timeout
        while now() < deadline:
            if http_get(url, timeout=1)[0] == 200:
                elapsed = now() - started
                with self.lock:
                    self.restart_times.append((id_, elapsed))
                return
            time.sleep(0.02)
        with self.lock:
            self.restart_failures.append(f"{id_} (PID {old_pid}) not healthy {self.args.restart_timeout:.0f} s after kill -9")

    # ---- sampling ---------------------------------------------------------------------
    def measure_baseline(self) -> None:
        rss = [rss_kb(pid) or 0 for pid in self.instance_pids().values()]
        self.baseline_idle_kb = max(rss) if rss else 0
        self.baseline_kb = self.baseline_idle_kb + self.args.rss_slack_mb * 1024
        log(f"instance RSS at rest: max {self.baseline_idle_kb / 1024:.1f} MiB, median "
            f"{statistics.median(rss) / 1024:.1f} MiB; baseline allowance {self.baseline_kb / 1024:.1f} MiB "
            f"(+{self.args.rss_slack_mb} MiB slack) + leak cap {self.leak_cap / MB:.0f} MB per instance")

    def sample(self, rows: list[dict] | None) -> None:
        self.samples += 1
        if self.supervisor:
            value = rss_kb(self.supervisor.pid)
            if value:
                self.supervisor_rss.append(value)
        per_instance_cap_kb = self.baseline_kb + self.leak_cap // 1024
        total = 0
        for id_, pid in self.instance_pids().items():
            value = rss_kb(pid) or 0
            total += value
            if value > self.instance_rss_peak.get(id_, 0):
                self.instance_rss_peak[id_] = value
            if value > per_instance_cap_kb:
                self.memory_violations.append(
                    f"{id_} PID {pid}: VmRSS {value / 1024:.1f} MiB > {per_instance_cap_kb / 1024:.1f} MiB")
        self.instance_rss_sum_peak = max(self.instance_rss_sum_peak, total)
        if total > self.n * per_instance_cap_kb:
            self.memory_violations.append(f"sum of instance RSS {total / 1024:.1f} MiB > {self.n} × cap")
        disk_total = 0
        for id_ in self.ids:
            apparent, allocated, _ = folder_usage(os.path.join(self.data, id_, "scenario2"))
            disk_total += apparent
            self.disk_peak[id_] = max(self.disk_peak.get(id_, 0), apparent)
            self.disk_alloc_peak = max(self.disk_alloc_peak, allocated)
            if apparent > self.disk_size:
                self.disk_violations.append(f"{id_}: scenario2 holds {apparent} B > node.disk {self.disk_size} B")
        self.disk_sum_peak = max(self.disk_sum_peak, disk_total)
        if disk_total > self.n * self.disk_size:
            self.disk_violations.append(f"all scenario2 folders: {disk_total} B > {self.n} × node.disk")
        stats = os.statvfs(self.data)
        free = stats.f_bavail * stats.f_frsize
        self.min_real_free = free if self.min_real_free is None else min(self.min_real_free, free)
        for row in rows or []:
            if row["state"] == "down":
                self.states_seen_down.add(row["id"])

    # ---- the run ----------------------------------------------------------------------
    def run(self) -> int:
        a = self.args
        log(f"soak: {self.n} instances on {HOST}:{a.base_port}-{a.base_port + self.n - 1}, {a.seconds} s, "
            f"seed {self.seed}, binary {a.fleet}, work {self.work}")
        log(f"machine: {os.cpu_count()} cores, load avg {open('/proc/loadavg').read().split()[:3]}")
        self.start_fleet()
        time.sleep(1)
        self.measure_baseline()
        self.events = EventCounter(f"ipc://{self.data}/events.sock")
        self.events.start()
        time.sleep(0.3)  # ZeroMQ slow joiner
        self.start_wrk()
        self.start_chaos()
        soak_started = now()
        soak_end = soak_started + a.seconds
        next_kill = soak_started + a.kill_interval
        recently: dict[str, float] = {}
        while now() < soak_end:
            rows = self.status()
            self.sample(rows)
            if now() >= next_kill:
                self.kill_one(rows, recently)
                next_kill += a.kill_interval
            if self.supervisor and self.supervisor.poll() is not None:
                raise SetupError(f"the supervisor exited during the soak:\n{self.tail('up.log')}", code=1)
            time.sleep(max(0.0, min(a.sample_interval, soak_end - now())))
        log(f"soak window over: {len(self.kills)} kill -9, {self.samples} samples; winding down")
        self.finish_wrk()
        self.wind_down()
        return self.verdict()

    def wind_down(self) -> None:
        a = self.args
        # The chaos run ends on its own (its duration is the soak's) and stops what it started.
        deadline = now() + 30
        while now() < deadline and not any(e.get("kind") == "run_ended" for e in self.journal()):
            self.sample(self.status())
            time.sleep(0.5)
        for thread in self.measurers:
            thread.join(timeout=a.restart_timeout + 5)
        # Every instance up, idle and healthy (restarts still in their backoff get some time).
        deadline = now() + 30
        rows = None
        while now() < deadline:
            rows = self.status()
            self.sample(rows)
            if rows and all(r["state"] == "up" and r["scenario"] is None for r in rows):
                break
            time.sleep(0.5)
        self.final_rows = rows or []
        self.final_checks()
        self.shutdown_checks()

    def final_checks(self) -> None:
        rows = self.final_rows
        # Instances back and healthy.
        not_up = [r["id"] for r in rows if r["state"] != "up"]
        unhealthy = [id_ for id_, port in self.ports.items()
                     if http_get(f"http://{HOST}:{port}/scenario/health")[0] != 200]
        self.checks.append(Check(
            "every instance back up and healthy",
            len(rows) == self.n and not not_up and not unhealthy and not self.restart_failures,
            f"{self.n - len(not_up)}/{self.n} up, {self.n - len(unhealthy)}/{self.n} answer /scenario/health"
            + (f"; not up: {not_up}" if not_up else "") + (f"; unhealthy: {unhealthy}" if unhealthy else "")
            + (f"; {'; '.join(self.restart_failures)}" if self.restart_failures else "")))
        if self.states_seen_down:
            self.checks.append(Check("no instance given up (state down)", False,
                                     f"seen down during the soak: {sorted(self.states_seen_down)}"))
        # Restarts: ours, and any the supervisor made on its own (hung instances).
        restarts = sum(int(r.get("restarts", 0)) for r in rows)
        self.restarts_total = restarts
        hung = self.tail("up.log", 100000).count("instance hung")
        self.checks.append(Check(
            "restarts = kills (no other deaths)", restarts == len(self.kills),
            f"{restarts} restarts in fleet status for {len(self.kills)} kill -9"
            + (f"; supervisor log: {hung} 'instance hung' kills" if hung else ""), hard=False))
        # Prometheus.
        if self.prometheus_binary:
            self.checks.append(self.prometheus_targets_check())
        else:
            self.checks.append(Check("Prometheus sees every target up", False,
                                     "skipped: no prometheus binary on PATH", hard=False))
        self.checks.append(self.server_error_check())
        self.checks.append(self.chaos_check(rows))

    def prometheus_targets_check(self) -> Check:
        url = f"http://{HOST}:{self.args.prometheus_port}/api/v1/targets?state=active"
        deadline = now() + 30
        detail = "no answer"
        while now() < deadline:
            status, body = http_get(url, timeout=5)
            if status == 200:
                targets = json.loads(body)["data"]["activeTargets"]
                instances = {t["labels"].get("instance"): t["health"] for t in targets
                             if t["labels"].get("job") == "fleet-instances"}
                supervisor = [t["health"] for t in targets if t["labels"].get("job") == "fleet-supervisor"]
                down = sorted(k for k, v in instances.items() if v != "up")
                missing = sorted(set(self.ids) - set(instances))
                detail = (f"{len(targets)} targets: {sum(v == 'up' for v in instances.values())}/{self.n} instances up, "
                          f"supervisor {supervisor[0] if supervisor else 'missing'}"
                          + (f"; down: {down}" if down else "") + (f"; missing: {missing}" if missing else ""))
                if not down and not missing and supervisor == ["up"]:
                    return Check("Prometheus sees every target up", True, detail)
            time.sleep(1)
        return Check("Prometheus sees every target up", False, detail)

    def server_error_check(self) -> Check:
        problems = []
        statuses = (self.wrk_result or {}).get("statuses", {})
        wrk_5xx = sum(n for code, n in statuses.items() if code.startswith("5"))
        if wrk_5xx:
            problems.append(f"wrk saw {wrk_5xx} 5xx")
        series = []
        for id_, port in self.ports.items():
            status, body = http_get(f"http://{HOST}:{port}/metrics", timeout=5)
            if status != 200:
                problems.append(f"{id_} /metrics answered {status}")
                continue
            series += [f"{id_}: {line}" for line in body.splitlines()
                       if re.search(r'http_status_code="5\d\d"', line) and not line.startswith("#")]
        if series:
            problems.append(f"{len(series)} 5xx series in instance /metrics, e.g. {series[0]}")
        history = "not checked (no Prometheus)"
        if self.prometheus_binary:
            window = int(self.args.seconds + 120)
            query = f'count(max_over_time(http_server_duration_milliseconds_count{{http_status_code=~"5.."}}[{window}s]))'
            status, body = http_get(f"http://{HOST}:{self.args.prometheus_port}/api/v1/query?"
                                    + urllib.parse.urlencode({"query": query}), timeout=10)
            if status == 200:
                result = json.loads(body)["data"]["result"]
                count = int(float(result[0]["value"][1])) if result else 0
                history = f"{count} 5xx series in Prometheus over {window} s"
                if count:
                    problems.append(history)
            else:
                problems.append(f"Prometheus query failed: {status} {body[:200]}")
        self.checks_5xx_detail = f"wrk 5xx: {wrk_5xx}; instance /metrics 5xx series: {len(series)}; {history}"
        return Check("no 5xx (wrk, /metrics, Prometheus history)", not problems,
                     "; ".join(problems) or self.checks_5xx_detail)

    def chaos_check(self, rows: list[dict]) -> Check:
        entries = self.journal()
        kinds = [e.get("kind") for e in entries]
        applied = [e for e in entries if e.get("kind") == "applied"]
        stopped = [e for e in entries if e.get("kind") == "stopped"]
        self.chaos_counts = {k: kinds.count(k) for k in sorted(set(kinds))}
        key = lambda e: (e.get("instance"), e.get("scenario"), e.get("started_at"))  # noqa: E731
        open_ = [key(e) for e in applied if key(e) not in {key(s) for s in stopped}]
        orphans = [key(s) for s in stopped if key(s) not in {key(e) for e in applied}]
        still_running = [f"{r['id']}={r['scenario']}" for r in rows if r.get("scenario")]
        reveal = self.fleet("chaos", "reveal")
        reasons: dict[str, int] = {}
        for s in stopped:
            reasons[s.get("reason", "?")] = reasons.get(s.get("reason", "?"), 0) + 1
        self.chaos_reasons = reasons
        problems = []
        if kinds.count("run_started") != 1 or kinds.count("run_ended") != 1:
            problems.append(f"run brackets: {kinds.count('run_started')} run_started, {kinds.count('run_ended')} run_ended")
        if open_:
            problems.append(f"applied without stopped: {open_}")
        if orphans:
            problems.append(f"stopped without applied: {orphans}")
        if still_running:
            problems.append(f"scenarios still running after the run: {still_running}")
        if reveal.returncode != 0:
            problems.append(f"fleet chaos reveal failed: {reveal.stderr.strip()}")
        elif f"applied={len(applied)}" not in reveal.stdout:
            problems.append(f"reveal does not say applied={len(applied)}: {reveal.stdout.splitlines()[:1]}")
        self.reveal_text = reveal.stdout
        return Check("chaos journal consistent with the final state", not problems,
                     "; ".join(problems) or
                     f"{len(applied)} applied, all stopped; {kinds.count('skipped')} skipped; "
                     f"stop reasons {reasons}; reveal OK")

    def shutdown_checks(self) -> None:
        assert self.supervisor
        down = self.fleet("down")
        try:
            code = self.supervisor.wait(timeout=30)
        except subprocess.TimeoutExpired:
            code = None
        self.checks.append(Check(
            "fleet down stops the supervisor (exit 0)", down.returncode == 0 and code == 0,
            f"fleet down: {down.returncode}; supervisor exit: {code}"))
        # Orphans: anything whose command line names the data folder (instances, fleet guard/Prometheus).
        deadline = now() + 5
        leftovers = processes_naming(self.data)
        while leftovers and now() < deadline:
            time.sleep(0.2)
            leftovers = processes_naming(self.data)
        for pid, _ in leftovers:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        self.checks.append(Check(
            "no orphan process after fleet down", not leftovers,
            "none" if not leftovers else "; ".join(f"PID {p}: {' '.join(argv)[:120]}" for p, argv in leftovers)))
        # Leftover files: only the chaos journal may remain; copy it out, then remove it.
        os.makedirs(self.report, exist_ok=True)
        left = []
        if os.path.isdir(self.data):
            for root, dirs, names in os.walk(self.data):
                left += [os.path.relpath(os.path.join(root, n), self.data) for n in names + dirs]
        journal_copy = os.path.join(self.report, "chaos-journal.jsonl")
        if os.path.exists(self.journal_path):
            shutil.copy(self.journal_path, journal_copy)
        others = [p for p in left if p != "chaos-journal.jsonl"]
        self.checks.append(Check(
            "no file left in the data folder but the chaos journal", not others,
            f"left: {sorted(left) or 'nothing'}" if not others else f"unexpected: {sorted(others)[:20]}"))
        shutil.rmtree(self.data, ignore_errors=True)
        # Resource samples (gathered during the whole run).
        self.checks.append(Check(
            "instance memory within caps (every sample)", not self.memory_violations,
            f"{self.samples} samples; peak instance {max(self.instance_rss_peak.values(), default=0) / 1024:.1f} MiB "
            f"≤ {(self.baseline_kb + self.leak_cap // 1024) / 1024:.1f} MiB; peak sum "
            f"{self.instance_rss_sum_peak / 1024:.0f} MiB ≤ {self.n * (self.baseline_kb + self.leak_cap // 1024) / 1024:.0f} MiB"
            if not self.memory_violations else "; ".join(self.memory_violations[:5])))
        self.checks.append(Check(
            "scenario2 disk within node.disk (every sample)", not self.disk_violations,
            f"peak folder {human(max(self.disk_peak.values(), default=0))} ≤ {human(self.disk_size)}; "
            f"peak sum {human(self.disk_sum_peak)}" if not self.disk_violations else "; ".join(self.disk_violations[:5])))
        if self.min_real_free is not None:
            self.checks.append(Check(
                "real free space stayed above free_space_reserve", self.min_real_free >= self.reserve,
                f"min free {human(self.min_real_free)} (reserve {human(self.reserve)})", hard=False))
        rss = self.supervisor_rss
        if rss:
            bound = 2 * rss[0] + self.args.supervisor_rss_extra_mb * 1024
            self.checks.append(Check(
                "supervisor RSS bounded", max(rss) <= bound,
                f"first {rss[0] / 1024:.1f} MiB, peak {max(rss) / 1024:.1f} MiB, last {rss[-1] / 1024:.1f} MiB "
                f"(bound 2×first + {self.args.supervisor_rss_extra_mb} MiB = {bound / 1024:.1f} MiB)"))

    # ---- report -----------------------------------------------------------------------
    def verdict(self) -> int:
        w = self.wrk_result or {}
        errors = w.get("errors", {})
        statuses = w.get("statuses", {})
        lat = w.get("latency_us", {})
        times = sorted(t for _, t in self.restart_times)
        rss = self.supervisor_rss or [0]
        served = w.get("requests", 0)
        duration = w.get("duration_us", 1) / 1e6
        rows = [
            ("instances / duration / seed", f"{self.n} / {self.args.seconds} s / {self.seed}"),
            ("requests served (wrk)", f"{served} ({served / duration:.0f} req/s)"),
            ("responses by status", ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())) or "-"),
            ("  intended 4xx", f"429: {statuses.get('429', 0)}, 404: {statuses.get('404', 0)}"),
            ("  5xx", str(sum(v for k, v in statuses.items() if k.startswith("5")))),
            ("socket errors (wrk)", f"connect {errors.get('connect', 0)}, read {errors.get('read', 0)}, "
                                    f"write {errors.get('write', 0)}, timeout {errors.get('timeout', 0)}"
                                    " (kill -9 windows)"),
            ("non-2xx/3xx (wrk)", str(errors.get("status", 0))),
            ("latency p50 / p99 / max", f"{lat.get('p50', 0) / 1000:.2f} / {lat.get('p99', 0) / 1000:.2f} / "
                                        f"{lat.get('max', 0) / 1000:.1f} ms"),
            ("kill -9 / restarts", f"{len(self.kills)} / {getattr(self, 'restarts_total', '?')}"),
            ("restart time (kill → health 200)",
             f"median {statistics.median(times) * 1000:.0f} ms, p90 {times[int(0.9 * (len(times) - 1))] * 1000:.0f} ms, "
             f"max {times[-1] * 1000:.0f} ms ({len(times)} measured)" if times else "-"),
            ("chaos journal", ", ".join(f"{k}: {v}" for k, v in getattr(self, "chaos_counts", {}).items()) or "-"),
            ("events (pyzmq)", (f"{self.events.received} received, {self.events.gaps} seq gaps; "
                                + ", ".join(f"{k} {v}" for k, v in sorted(self.events.counts.items())))
             if self.events and not self.events.error else (self.events.error if self.events else "-")),
            ("supervisor RSS first / peak / last", f"{rss[0] / 1024:.1f} / {max(rss) / 1024:.1f} / {rss[-1] / 1024:.1f} MiB"),
            ("instance RSS at rest / peak", f"{self.baseline_idle_kb / 1024:.1f} / "
                                            f"{max(self.instance_rss_peak.values(), default=0) / 1024:.1f} MiB "
                                            f"(cap {self.leak_cap / MB:.0f} MB leak + baseline)"),
            ("sum of instance RSS, peak", f"{self.instance_rss_sum_peak / 1024:.0f} MiB"),
            ("scenario2 folder peak / sum peak", f"{human(max(self.disk_peak.values(), default=0))} / "
                                                 f"{human(self.disk_sum_peak)} (node.disk {human(self.disk_size)})"),
            ("min real free space", human(self.min_real_free or 0)),
        ]
        width = max(len(k) for k, _ in rows)
        print("\n== soak summary")
        for k, v in rows:
            print(f"  {k.ljust(width)}  {v}")
        print("\n== checks")
        for check in self.checks:
            print(f"  {check.verdict:4}  {check.name}: {check.detail}")
        failed = [c for c in self.checks if not c.ok and c.hard]
        summary = {
            "seed": self.seed, "instances": self.n, "seconds": self.args.seconds, "wrk": self.wrk_result,
            "kills": len(self.kills), "restarts": getattr(self, "restarts_total", None),
            "restart_times_s": [round(t, 4) for t in times], "supervisor_rss_kb": rss,
            "instance_rss_peak_kb": self.instance_rss_peak, "disk_peak_bytes": self.disk_peak,
            "checks": [{"name": c.name, "verdict": c.verdict, "detail": c.detail} for c in self.checks],
        }
        with open(os.path.join(self.report, "summary.json"), "w") as handle:
            json.dump(summary, handle, indent=1)
        with open(os.path.join(self.report, "summary.txt"), "w") as handle:
            for k, v in rows:
                handle.write(f"{k.ljust(width)}  {v}\n")
            for check in self.checks:
                handle.write(f"{check.verdict:4}  {check.name}: {check.detail}\n")
        if self.args.report_dir:
            os.makedirs(self.args.report_dir, exist_ok=True)
            for name in os.listdir(self.report):
                shutil.copy(os.path.join(self.report, name), self.args.report_dir)
            for name in ("up.log", "wrk.log"):
                if os.path.exists(os.path.join(self.work, name)):
                    shutil.copy(os.path.join(self.work, name), self.args.report_dir)
            print(f"\nreport (summary, chaos journal, logs): {self.args.report_dir}")
        print(f"\nsoak {'FAILED: ' + ', '.join(c.name for c in failed) if failed else 'passed'}")
        return 1 if failed else 0

    # ---- cleanup ----------------------------------------------------------------------
    def cleanup(self) -> None:
        """Ends everything this script started, by PID (also on errors and signals)."""
        if self.events:
            self.events.stop_flag.set()
        for process, grace in ((self.wrk, 2), (self.supervisor, 20)):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=grace)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        for pid, _ in processes_naming(self.data):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


class SetupError(Exception):
    """The soak could not run (exit 2), or the fleet broke down during it (exit 1)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    env = os.environ.get
    parser.add_argument("--fleet", required=True, help="the fleet binary")
    parser.add_argument("--work", required=True, help="scratch folder (config, data dir, logs)")
    parser.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--seconds", type=int, default=int(env("SOAK_SECONDS", "300")))
    parser.add_argument("--instances", type=int, default=int(env("SOAK_INSTANCES", "50")))
    parser.add_argument("--seed", type=int, default=int(env("SOAK_SEED")) if env("SOAK_SEED") else None)
    parser.add_argument("--base-port", type=int, default=int(env("SOAK_BASE_PORT", "31001")))
    parser.add_argument("--metrics-port", type=int, default=int(env("SOAK_METRICS_PORT", "31900")))
    parser.add_argument("--prometheus-port", type=int, default=int(env("SOAK_PROMETHEUS_PORT", "31990")))
    parser.add_argument("--prometheus", choices=["auto", "off"], default=env("SOAK_PROMETHEUS", "auto"))
    parser.add_argument("--kill-interval", type=float, default=float(env("SOAK_KILL_INTERVAL", "4")))
    parser.add_argument("--kill-cooldown", type=float, default=float(env("SOAK_KILL_COOLDOWN", "35")),
                        help="an instance is not killed again within this many seconds (the supervisor "
                             "resets its failure count after 30 s up)")
    parser.add_argument("--restart-timeout", type=float, default=30)
    parser.add_argument("--sample-interval", type=float, default=float(env("SOAK_SAMPLE_INTERVAL", "2")))
    parser.add_argument("--rate", type=float, default=float(env("SOAK_RATE", "40")),
                        help="wrk requests per second per instance (0 = unthrottled)")
    parser.add_argument("--connections-per-instance", type=int, default=2)
    parser.add_argument("--rss-slack-mb", type=int, default=int(env("SOAK_RSS_SLACK_MB", "48")))
    parser.add_argument("--supervisor-rss-extra-mb", type=int, default=int(env("SOAK_SUPERVISOR_RSS_EXTRA_MB", "32")))
    parser.add_argument("--report-dir", default=env("SOAK_REPORT_DIR") or None)
    args = parser.parse_args()
    if args.seconds < 20 or args.instances < 2:
        parser.error("needs --seconds >= 20 and --instances >= 2")
    if args.base_port + args.instances - 1 >= min(args.metrics_port, args.prometheus_port) > args.base_port:
        parser.error("the instance port range overlaps the metrics or Prometheus port")

    soak = Soak(args)

    def on_signal(number, _frame):
        raise SystemExit(128 + number)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        return soak.run()
    except SetupError as error:
        print(f"soak: {error}", file=sys.stderr)
        return error.code
    finally:
        soak.cleanup()


if __name__ == "__main__":
    sys.exit(main())
