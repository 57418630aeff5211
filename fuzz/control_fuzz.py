#!/usr/bin/env python3
"""Fuzzes a running fleet's three ZeroMQ endpoints, then checks the fleet is unharmed.

Run by fuzz/control_fuzz.sh (which starts a 3-instance fleet and stops it). Needs pyzmq.

Phases (every one bounded in time; the whole run by --max-seconds):

  command endpoint (ROUTER), REQ: deterministic probes with their documented error code
      (non-JSON, wrong versions, unknown types, bad selections, boundary sizes 65,536 /
      65,537 bytes, multi-frame requests, deep nesting, invalid UTF-8, lone surrogates …),
      then --random-requests seeded random, truncated and mutated requests. Every request
      up to 64 KiB must get exactly one JSON reply; larger ones none (the peer is cut off).
  command endpoint, DEALER: random framings (no delimiter, several empty frames, many frames).
  instance endpoint (ROUTER), DEALERs with random, empty, unknown and spoofed routing ids
      (the ids of live instances: the ROUTER must refuse the duplicate), sending garbage,
      forged register/heartbeat/ack/state messages, multi-frame and oversized messages.
  event endpoint (PUB): DEALER and PUSH peers sending into it, an XSUB sending thousands of
      random subscriptions, and a SUB that never reads.
  floods (--flood messages each, as fast as possible): pings and garbage on a DEALER to the
      command endpoint, garbage from many DEALERs on the instance endpoint, subscriptions
      on the PUB, and a smaller start/stop storm (--storm-scenario, default scenario3) that
      makes real scenario traffic.

  optional: --sustain-seconds of ping flood (FUZZ_SUSTAIN_SECONDS; off by default).
  leak check: the four floods twice more; RSS must not grow from round 2 to round 3 by
      more than a quarter of round 1's growth (at least --leak-mb): allocator high-water
      marks plateau, leaks grow again every round.

Then it asserts: the supervisor answers `status` (every instance `up`, 0 restarts, same PIDs
as before), a start/stop round trip works (via the CLI when --fleet is given, and over REQ)
and shows up on a fresh event subscriber, and the supervisor's RSS after the floods (round 1)
is within 2 × before + --rss-extra-mb. Prints figures. Exit 0 clean, 1 a finding, 2 could
not run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time

try:
    import zmq
except ImportError:  # pragma: no cover
    print("control_fuzz: pyzmq is required (python3 -m pip install pyzmq)", file=sys.stderr)
    sys.exit(2)

MAX = 64 * 1024
VALID_TYPES = ["ping", "status", "start", "stop", "chaos_stop"]  # never `shutdown`; `chaos` only with bad durations
SCENARIOS = ["scenario1", "scenario2", "scenario3", "all", "health", "", "scenario4", "SCENARIO1"]


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError):
        return 0.0


class Findings:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, text: str) -> None:
        self.items.append(text)
        print(f"  FINDING: {text}", flush=True)


class Fuzzer:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.rng = random.Random(args.seed)
        self.ctx = zmq.Context()
        self.findings = Findings()
        self.deadline = time.monotonic() + args.max_seconds
        self.figures: dict[str, object] = {}
        self.reply_codes: dict[str, int] = {}
        self.rss_peak = 0
        self.sampling = True
        self.sampler = threading.Thread(target=self.sample_rss, daemon=True)

    # ---- helpers ----------------------------------------------------------------------
    def sample_rss(self) -> None:
        while self.sampling:
            self.rss_peak = max(self.rss_peak, rss_kb(self.args.supervisor_pid))
            time.sleep(0.1)

    def socket(self, kind: int, endpoint: str, routing_id: bytes | None = None, timeout_ms: int = 3000) -> zmq.Socket:
        s = self.ctx.socket(kind)
        s.setsockopt(zmq.LINGER, 0)
        s.setsockopt(zmq.RCVTIMEO, timeout_ms)
        s.setsockopt(zmq.SNDTIMEO, timeout_ms)
        if routing_id is not None:
            s.setsockopt(zmq.ROUTING_ID, routing_id)
        s.connect(endpoint)
        return s

    def time_left(self) -> float:
        return self.deadline - time.monotonic()

    def request(self, frames: list[bytes], timeout_ms: int = 3000) -> dict | None | str:
        """One REQ round trip on a fresh socket: the decoded reply, None (no reply) or 'bad' text."""
        s = self.socket(zmq.REQ, self.args.command, timeout_ms=timeout_ms)
        try:
            s.send_multipart(frames)
            try:
                raw = s.recv_multipart()
            except zmq.Again:
                return None
        finally:
            s.close()
        try:
            reply = json.loads(raw[-1])
        except ValueError:
            return f"non-JSON reply {raw[-1][:80]!r}"
        if not isinstance(reply, dict) or reply.get("v") != 1:
            return f"reply without v=1: {raw[-1][:80]!r}"
        code = (reply.get("error") or {}).get("code") if not reply.get("ok") else f"ok:{reply.get('type')}"
        self.reply_codes[code] = self.reply_codes.get(code, 0) + 1
        return reply

    def status(self, timeout_ms: int = 10000) -> list[dict] | None:
        reply = self.request([json.dumps({"v": 1, "type": "status", "id": "fuzz-status"}).encode()], timeout_ms)
        if isinstance(reply, dict) and reply.get("ok"):
            return reply.get("instances")
        return None

    # ---- command endpoint: deterministic probes ---------------------------------------
    def probes(self) -> None:
        print("== command endpoint (REQ): documented refusals", flush=True)
        big_id = "x" * 60_000
        exact = b'{"v":1,"type":"ping","id":"' + b"y" * (MAX - 29) + b'"}'
        assert len(exact) == MAX, len(exact)
        cases: list[tuple[str, list[bytes], str | None]] = [
            ("not JSON", [b"not json"], "malformed"),
            ("empty payload", [b""], "malformed"),
            ("JSON array", [b"[1,2,3]"], "malformed"),
            ("JSON string", [b'"ping"'], "malformed"),
            ("JSON null", [b"null"], "malformed"),
            ("no version", [b'{"type":"ping"}'], "malformed"),
            ("v=0", [b'{"v":0,"type":"ping"}'], "unsupported_version"),
            ("v=2", [b'{"v":2,"type":"status"}'], "unsupported_version"),
            ("v=-1", [b'{"v":-1,"type":"status"}'], "unsupported_version"),
            ("v=2^63", [b'{"v":9223372036854775808,"type":"status"}'], "malformed"),
            ('v="1"', [b'{"v":"1","type":"status"}'], "malformed"),
            ("v=null", [b'{"v":null,"type":"status"}'], "malformed"),
            ("unknown type", [b'{"v":1,"type":"explode"}'], "malformed"),
            ("type number", [b'{"v":1,"type":7}'], "malformed"),
            ("missing type", [b'{"v":1}'], "malformed"),
            ("unknown scenario", [b'{"v":1,"type":"start","scenario":"scenario9"}'], "unknown_scenario"),
            ("start without scenario", [b'{"v":1,"type":"start","instances":"all"}'], "missing_scenario"),
            ("unknown instance", [b'{"v":1,"type":"start","scenario":"scenario1","instances":["svc-99"]}'], "unknown_instance"),
            ("empty id list", [b'{"v":1,"type":"stop","scenario":"all","instances":[]}'], "no_instances"),
            ("random 0", [b'{"v":1,"type":"start","scenario":"scenario3","instances":{"random":0}}'], "bad_selection"),
            ("random -5", [b'{"v":1,"type":"start","scenario":"scenario3","instances":{"random":-5}}'], "bad_selection"),
            ("instances 'some'", [b'{"v":1,"type":"start","scenario":"scenario3","instances":"some"}'], "malformed"),
            ("chaos duration 0", [b'{"v":1,"type":"chaos","duration_ms":0}'], "bad_duration"),
            ("chaos duration -1", [b'{"v":1,"type":"chaos","duration_ms":-1}'], "bad_duration"),
            ("chaos duration string", [b'{"v":1,"type":"chaos","duration_ms":"1m"}'], "malformed"),
            ("chaos seed -1", [b'{"v":1,"type":"chaos","seed":-1,"duration_ms":1000}'], "malformed"),
            ("invalid UTF-8", [b"\xff\xfe\x00\x01"], "malformed"),
            ("NUL inside", [b'{"v":1,"type":"ping","id":"a\x00b"}'], "malformed"),
            ("lone surrogate", [b'{"v":1,"type":"ping","id":"\\ud800"}'], None),
            ("deep nesting 50k", [b'{"v":1,"type":"ping","id":' + b"[" * 30000 + b"]" * 30000 + b"}"], "malformed"),
            ("deep object nesting", [b'{"v":1,"x":' + b'{"a":' * 10000 + b"1" + b"}" * 10000 + b',"type":"ping"}'], None),
            ("two payload frames", [b'{"v":1,"type":"ping"}', b'{"v":1,"type":"ping"}'], "malformed"),
            ("five frames", [b"a", b"b", b"", b"c", b"d"], "malformed"),
            ("60 KB id, echoed", [json.dumps({"v": 1, "type": "ping", "id": big_id}).encode()], "ok:pong"),
            ("exactly 65,536 bytes", [exact], "ok:pong"),
            ("5000 duplicate ids", [json.dumps({"v": 1, "type": "stop", "scenario": "scenario2",
                                                "instances": ["svc-01"] * 5000}).encode()], "ok:result"),
            ("3000 unknown ids", [json.dumps({"v": 1, "type": "stop", "scenario": "all",
                                              "instances": [f"x{i}" for i in range(3000)]}).encode()], "unknown_instance"),
            ("huge numbers", [b'{"v":1,"type":"ping","seed":1e400,"duration_ms":-1e400}'], None),
            ("unknown fields", [b'{"v":1,"type":"ping","zzz":{"a":[1,2,{}]},"id":"u"}'], "ok:pong"),
            ("duplicate keys", [b'{"v":1,"type":"ping","type":"status"}'], None),
        ]
        for name, frames, expected in cases:
            reply = self.request(frames)
            if reply is None:
                self.findings.add(f"probe '{name}': no reply (a request up to 64 KiB must get one)")
            elif isinstance(reply, str):
                self.findings.add(f"probe '{name}': {reply}")
            else:
                got = (reply.get("error") or {}).get("code") if not reply.get("ok") else f"ok:{reply.get('type')}"
                mark = "ok " if expected is None or got == expected else "!! "
                print(f"  {mark}{name:26} → {got}" + ("" if expected is None or got == expected else f" (documented: {expected})"))
                if expected is not None and got != expected:
                    self.findings.add(f"probe '{name}': answered {got}, expected {expected}")
                if name == "60 KB id, echoed" and reply.get("id") != big_id:
                    self.findings.add("the 60 KB id was not echoed intact")
        # Oversized: the peer is disconnected, nothing is answered.
        for size in (MAX + 1, 200_000, 4 * 1024 * 1024):
            reply = self.request([b"{" * size], timeout_ms=1000)
            print(f"  {'ok ' if reply is None else '!! '}{size:,} bytes{'':13} → {'no reply (cut off)' if reply is None else reply}")
            if reply is not None:
                self.findings.add(f"an oversized request of {size} bytes was answered: {reply}")

    # ---- command endpoint: random requests --------------------------------------------
    def random_value(self, depth: int = 0):
        r = self.rng.random()
        if depth > 3 or r < 0.3:
            return self.rng.choice([
                None, True, False, 0, -1, 1, 2**31, 2**63, -(2**63), 2**64, 1.5, 1e308, "", "all", "svc-01",
                "svc-02", "scenario1", "ü" * 3, "\u0000", "x" * self.rng.randint(0, 300), {"random": self.rng.randint(-3, 5)},
            ])
        if r < 0.6:
            return [self.random_value(depth + 1) for _ in range(self.rng.randint(0, 4))]
        return {self.rng.choice(["v", "type", "id", "scenario", "instances", "seed", "duration_ms", "q"]):
                self.random_value(depth + 1) for _ in range(self.rng.randint(0, 5))}

    def valid_request(self) -> dict:
        kind = self.rng.choice(VALID_TYPES)
        request: dict = {"v": 1, "type": kind, "id": f"f{self.rng.randrange(10**6)}"}
        if kind in ("start", "stop"):
            request["scenario"] = self.rng.choice(SCENARIOS)
            request["instances"] = self.rng.choice([
                "all", ["svc-01"], ["svc-02", "svc-03"], {"random": self.rng.randint(-1, 4)}, [], ["svc-07"]])
        return request

    def random_payload(self) -> list[bytes]:
        r = self.rng.random()
        if r < 0.2:  # random bytes
            return [os.urandom(self.rng.randint(0, 2048))]
        valid = json.dumps(self.valid_request()).encode()
        if r < 0.4:  # truncated
            return [valid[: self.rng.randint(0, len(valid))]]
        if r < 0.6:  # mutated bytes
            data = bytearray(valid)
            for _ in range(self.rng.randint(1, 4)):
                data[self.rng.randrange(len(data))] = self.rng.randrange(256)
            return [bytes(data)]
        if r < 0.8:  # random fields
            request = self.valid_request()
            for _ in range(self.rng.randint(1, 3)):
                request[self.rng.choice(["v", "type", "id", "scenario", "instances", "seed", "duration_ms", "extra"])] = self.random_value()
            if request.get("type") in ("shutdown", "chaos"):
                request["type"] = "ping"
            return [json.dumps(request, ensure_ascii=self.rng.random() < 0.5).encode()]
        return [json.dumps(self.valid_request()).encode()]  # valid (scenario traffic)

    def random_requests(self) -> None:
        count = self.args.random_requests
        print(f"== command endpoint (REQ): {count} random / truncated / mutated requests", flush=True)
        started, answered, silent = time.monotonic(), 0, 0
        for i in range(count):
            if self.time_left() < 60:
                print(f"  time budget: stopped after {i}")
                break
            frames = self.random_payload()
            reply = self.request(frames, timeout_ms=5000)
            if reply is None:
                silent += 1
                if silent <= 3:
                    self.findings.add(f"no reply to a {len(frames[0])}-byte request: {frames[0][:100]!r}")
            elif isinstance(reply, str):
                self.findings.add(f"random request {frames[0][:60]!r}: {reply}")
            else:
                answered += 1
        elapsed = time.monotonic() - started
        self.figures["random requests"] = f"{answered} answered, {silent} unanswered, in {elapsed:.1f} s"
        print(f"  {answered} answered, {silent} unanswered, {elapsed:.1f} s")

    # ---- command endpoint: DEALER framings --------------------------------------------
    def dealer_framings(self) -> None:
        print("== command endpoint (DEALER): odd framings", flush=True)
        dealer = self.socket(zmq.DEALER, self.args.command, timeout_ms=1500)
        framings = [
            [b'{"v":1,"type":"ping","id":"d1"}'],                   # no delimiter: answered without one
            [b"", b'{"v":1,"type":"ping","id":"d2"}'],              # REQ-style
            [b"", b"", b'{"v":1,"type":"ping","id":"d3"}'],         # two delimiters
            [b"", b"", b"", b""],
            [b"x"] * 50,
            [b""],
            [os.urandom(100) for _ in range(10)],
        ]
        for frames in framings:
            dealer.send_multipart(frames)
        replies = []
        while True:
            try:
                replies.append(dealer.recv_multipart())
            except zmq.Again:
                break
        dealer.close()
        print(f"  {len(framings)} framings sent, {len(replies)} replies")
        self.figures["DEALER framings"] = f"{len(framings)} sent, {len(replies)} replies"

    # ---- instance endpoint ------------------------------------------------------------
    def instance_endpoint(self) -> None:
        print("== instance endpoint (DEALER): random, empty, unknown and spoofed routing ids", flush=True)
        live = [f"svc-{i:02d}" for i in range(1, self.args.expect_instances + 1)]
        ids: list[bytes | None] = [None, b"intruder", b"svc-99", b"svc-04", b"\x00\xff\x00", os.urandom(255)]
        ids += [i.encode() for i in live]  # spoofed: the ROUTER must refuse the duplicate id
        ids += [os.urandom(self.rng.randint(1, 32)) for _ in range(20)]
        messages = [
            b"garbage", b"", b"{}", b'{"v":2,"type":"heartbeat","instance":"svc-01"}',
            b'{"v":1,"type":"register","instance":"svc-01","pid":1,"port":1}',
            b'{"v":1,"type":"heartbeat","instance":"svc-01","scenario":"scenario1"}',
            b'{"v":1,"type":"ack","instance":"svc-01","id":"r1","outcome":"started","scenario":"scenario3"}',
            b'{"v":1,"type":"state","instance":"svc-02","scenario":"scenario2","origin":"http"}',
            b'{"v":1,"type":"register","instance":"svc-04","pid":1,"port":1}',
            b'{"v":1,"type":"ack","instance":"svc-02","id":"r1","outcome":"bogus"}',
            os.urandom(1000), b"{" * MAX,
        ]
        sockets = []
        sent = 0
        for routing_id in ids:
            s = self.socket(zmq.DEALER, self.args.instances, routing_id=routing_id)
            sockets.append(s)
            for message in messages:
                try:
                    s.send(message, zmq.NOBLOCK)
                    sent += 1
                except zmq.Again:
                    pass
            try:
                s.send_multipart([b'{"v":1,"type":"heartbeat","instance":"svc-01"}', b"second frame"], zmq.NOBLOCK)
                s.send(b"x" * (MAX + 1), zmq.NOBLOCK)  # oversized: disconnects this peer
                sent += 2
            except zmq.Again:
                pass
        # Replies? The supervisor must never answer garbage on this endpoint.
        time.sleep(1.0)
        unsolicited = 0
        for s in sockets:
            while True:
                try:
                    s.recv(zmq.NOBLOCK)
                    unsolicited += 1
                except zmq.Again:
                    break
            s.close()
        print(f"  {len(ids)} rogue DEALERs, {sent} messages, {unsolicited} messages received back")
        self.figures["instance endpoint"] = f"{len(ids)} rogue DEALERs, {sent} messages, {unsolicited} received back"
        if unsolicited:
            # Heartbeats to a rogue that managed to take a live id would show up here.
            self.findings.add(f"rogue DEALERs on the instance endpoint received {unsolicited} messages")

    # ---- event endpoint ---------------------------------------------------------------
    def event_endpoint(self) -> None:
        print("== event endpoint (PUB): DEALER/PUSH writers, XSUB subscription storm, a SUB that never reads", flush=True)
        writers = [self.socket(zmq.DEALER, self.args.events), self.socket(zmq.PUSH, self.args.events)]
        sent = 0
        for w in writers:
            for _ in range(200):
                try:
                    w.send_multipart([b"scenario.started", os.urandom(64)], zmq.NOBLOCK)
                    sent += 1
                except zmq.Again:
                    break
        self.lazy_sub = self.socket(zmq.SUB, self.args.events)
        self.lazy_sub.setsockopt(zmq.SUBSCRIBE, b"")
        self.lazy_sub.setsockopt(zmq.RCVHWM, 10)
        time.sleep(0.3)
        for w in writers:
            w.close()
        print(f"  DEALER/PUSH: {sent} messages queued (the PUB cannot accept them)")

    # ---- floods -----------------------------------------------------------------------
    def drain_replies(self, dealer: zmq.Socket) -> tuple[int, float]:
        """Receives until 3 s pass without a reply (or the run's time runs short).
        Returns the number of replies and the time of the last one."""
        replies = 0
        last = time.monotonic()
        while time.monotonic() - last < 3 and self.time_left() > 30:
            try:
                dealer.recv_multipart()
                replies += 1
                last = time.monotonic()
            except zmq.Again:
                pass
        return replies, last

    def flood_command(self) -> None:
        n = self.args.flood
        print(f"== flood: {n} pings, then {n} garbage messages, on one DEALER (command endpoint)", flush=True)
        dealer = self.socket(zmq.DEALER, self.args.command, timeout_ms=100)
        dealer.setsockopt(zmq.SNDHWM, 0)
        dealer.setsockopt(zmq.RCVHWM, 0)
        ping = [b"", b'{"v":1,"type":"ping","id":"flood"}']
        started = time.monotonic()
        for _ in range(n):
            dealer.send_multipart(ping)
        send_time = time.monotonic() - started
        replies, last = self.drain_replies(dealer)
        total = last - started
        print(f"  {n} pings sent in {send_time:.2f} s ({n / send_time:,.0f}/s); {replies} pongs back in {total:.2f} s")
        self.figures["ping flood"] = f"{n} sent in {send_time:.2f} s, {replies} pongs in {total:.2f} s ({replies / total:,.0f}/s)"
        garbage = [[b"", os.urandom(self.rng.randint(0, 200))] if i % 3 else [os.urandom(self.rng.randint(1, 100))] for i in range(n)]
        started = time.monotonic()
        for frames in garbage:
            dealer.send_multipart(frames)
        send_time = time.monotonic() - started
        replies, last = self.drain_replies(dealer)
        print(f"  {n} garbage messages sent in {send_time:.2f} s; {replies} error replies")
        self.figures["garbage flood (command)"] = f"{n} sent in {send_time:.2f} s, {replies} error replies"
        dealer.close()

    def flood_instances(self) -> None:
        n = self.args.flood
        peers = 200
        print(f"== flood: {n} messages from {peers} DEALERs with random routing ids (instance endpoint)", flush=True)
        sockets = [self.socket(zmq.DEALER, self.args.instances, routing_id=os.urandom(8)) for _ in range(peers)]
        spoofed = [self.socket(zmq.DEALER, self.args.instances, routing_id=f"svc-{i:02d}".encode())
                   for i in range(1, self.args.expect_instances + 1)]
        payloads = [b"garbage", b'{"v":1,"type":"heartbeat","instance":"svc-01"}', b'{"v":1,"type":"ack","instance":"x"}']
        started = time.monotonic()
        sent = 0
        for i in range(n):
            s = sockets[i % peers] if i % 10 else spoofed[i % len(spoofed)]
            try:
                s.send(payloads[i % len(payloads)], zmq.NOBLOCK)
                sent += 1
            except zmq.Again:
                pass
        elapsed = time.monotonic() - started
        time.sleep(1)
        for s in sockets + spoofed:
            s.close()
        print(f"  {sent} queued in {elapsed:.2f} s")
        self.figures["instance endpoint flood"] = f"{sent} from {peers} random + {len(spoofed)} spoofed ids in {elapsed:.2f} s"

    def flood_subscriptions(self) -> None:
        n = self.args.flood
        print(f"== flood: {n} random subscriptions + unsubscriptions from an XSUB (event endpoint)", flush=True)
        xsub = self.socket(zmq.XSUB, self.args.events)
        xsub.setsockopt(zmq.SNDHWM, 0)
        started = time.monotonic()
        topics = [os.urandom(self.rng.randint(1, 64)) for _ in range(n)]
        for topic in topics:
            xsub.send(b"\x01" + topic)
        for topic in topics[: n // 2]:
            xsub.send(b"\x00" + topic)
        for _ in range(1000):
            xsub.send(os.urandom(self.rng.randint(0, 40)))  # neither (un)subscribe: ignored
        elapsed = time.monotonic() - started
        time.sleep(1)
        xsub.close()
        print(f"  sent in {elapsed:.2f} s; the XSUB left ({n - n // 2} subscriptions dropped with it)")
        self.figures["subscription flood"] = f"{n} subscribe + {n // 2} unsubscribe + 1000 junk in {elapsed:.2f} s"

    def flood_scenarios(self) -> None:
        n = self.args.scenario_flood
        scenario = self.args.storm_scenario
        print(f"== flood: {n} alternating start {scenario} / stop all on svc-01 (DEALER, real acks and events)", flush=True)
        dealer = self.socket(zmq.DEALER, self.args.command, timeout_ms=200)
        dealer.setsockopt(zmq.SNDHWM, 0)
        dealer.setsockopt(zmq.RCVHWM, 0)
        started = time.monotonic()
        for i in range(n):
            request = ({"v": 1, "type": "start", "scenario": scenario, "instances": ["svc-01"], "id": str(i)} if i % 2 == 0
                       else {"v": 1, "type": "stop", "scenario": "all", "instances": ["svc-01"], "id": str(i)})
            dealer.send_multipart([b"", json.dumps(request).encode()])
        outcomes: dict[str, int] = {}
        replies = 0
        last = time.monotonic()
        while time.monotonic() - last < 5 and self.time_left() > 20:
            try:
                reply = json.loads(dealer.recv_multipart()[-1])
            except zmq.Again:
                continue
            replies += 1
            last = time.monotonic()
            for result in reply.get("results") or [{"outcome": (reply.get("error") or {}).get("code", "?")}]:
                outcomes[result["outcome"]] = outcomes.get(result["outcome"], 0) + 1
        dealer.close()
        elapsed = last - started
        print(f"  {replies} replies in {elapsed:.2f} s; outcomes {outcomes}")
        self.figures[f"start/stop storm ({scenario})"] = f"{n} sent, {replies} replies in {elapsed:.2f} s, outcomes {outcomes}"

    def flood_sustained(self) -> None:
        seconds = self.args.sustain_seconds
        if seconds <= 0:
            return
        print(f"== sustained flood: pings on the command endpoint for {seconds:.0f} s, as fast as possible", flush=True)
        dealer = self.socket(zmq.DEALER, self.args.command, timeout_ms=100)
        dealer.setsockopt(zmq.SNDHWM, 100_000)
        ping = [b"", b'{"v":1,"type":"ping","id":"sustained"}']
        sent = replies = 0
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                dealer.send_multipart(ping, zmq.NOBLOCK)
                sent += 1
            except zmq.Again:
                time.sleep(0.001)
            if sent % 1000 == 0:
                try:
                    while True:
                        dealer.recv_multipart(zmq.NOBLOCK)
                        replies += 1
                except zmq.Again:
                    pass
        dealer.close()
        print(f"  {sent} pings in {seconds:.0f} s ({sent / seconds:,.0f}/s), {replies} pongs read")
        self.figures["sustained ping flood"] = f"{sent} in {seconds:.0f} s, {replies} pongs read"

    # ---- final checks -----------------------------------------------------------------
    def round_trip(self) -> None:
        sub = self.socket(zmq.SUB, self.args.events, timeout_ms=500)
        sub.setsockopt(zmq.SUBSCRIBE, b"scenario.")
        time.sleep(0.5)
        if self.args.fleet:
            base = [self.args.fleet]
            tail = ["--config", self.args.config, "--data-dir", self.args.data_dir]
            start = subprocess.run(base + ["start", "scenario3", "--instance", "svc-02"] + tail, capture_output=True, text=True, timeout=30)
            stop = subprocess.run(base + ["stop", "all", "--all"] + tail, capture_output=True, text=True, timeout=30)
            ok = start.returncode == 0 and "started" in start.stdout and stop.returncode == 0
            print(f"  CLI round trip: start {start.returncode} ({'started' in start.stdout}), stop {stop.returncode}")
            if not ok:
                self.findings.add(f"CLI start/stop round trip failed: {start.stdout}{start.stderr}{stop.stdout}{stop.stderr}")
        reply = self.request([json.dumps({"v": 1, "type": "start", "scenario": "scenario1", "instances": ["svc-03"]}).encode()])
        outcome = reply.get("results", [{}])[0].get("outcome") if isinstance(reply, dict) else reply
        reply2 = self.request([json.dumps({"v": 1, "type": "stop", "scenario": "scenario1", "instances": ["svc-03"]}).encode()])
        outcome2 = reply2.get("results", [{}])[0].get("outcome") if isinstance(reply2, dict) else reply2
        print(f"  REQ round trip: start → {outcome}, stop → {outcome2}")
        if outcome != "started" or outcome2 != "stopped":
            self.findings.add(f"REQ start/stop round trip: {outcome}, {outcome2}")
        events = []
        end = time.monotonic() + 3
        while time.monotonic() < end and len(events) < 4:
            try:
                events.append(json.loads(sub.recv_multipart()[-1]))
            except zmq.Again:
                pass
        sub.close()
        names = [(e.get("event"), e.get("instance")) for e in events]
        print(f"  events seen by a fresh subscriber: {names}")
        expected = 4 if self.args.fleet else 2
        if len(events) < expected:
            self.findings.add(f"a fresh subscriber saw {len(events)} scenario events, expected {expected}: {names}")

    def run(self) -> int:
        a = self.args
        self.sampler.start()
        before_rows = self.status()
        if not before_rows or len(before_rows) != a.expect_instances:
            print(f"control_fuzz: the fleet does not answer status properly: {before_rows}", file=sys.stderr)
            return 2
        rss_before = rss_kb(a.supervisor_pid)
        cpu_before = cpu_seconds(a.supervisor_pid)
        pids_before = {r["id"]: r["pid"] for r in before_rows}
        print(f"fleet: {len(before_rows)} instances up; supervisor PID {a.supervisor_pid}, RSS {rss_before / 1024:.1f} MiB; seed {a.seed}")
        started = time.monotonic()
        phase_rss = []
        for phase in (self.probes, self.dealer_framings, self.instance_endpoint, self.event_endpoint,
                      self.random_requests, self.flood_command, self.flood_instances, self.flood_subscriptions,
                      self.flood_scenarios, self.flood_sustained):
            phase()
            time.sleep(0.3)
            phase_rss.append(f"{phase.__name__} {rss_kb(a.supervisor_pid) / 1024:.0f}")
        self.figures["supervisor RSS after each phase (MiB)"] = ", ".join(phase_rss)
        # RSS bound: after the floods (round 1). Then the floods twice more: memory that is only
        # the allocator's high-water mark stays flat from round 2 to round 3; a leak keeps growing.
        rss_floods = rss_kb(a.supervisor_pid)
        rounds = [rss_floods]
        for round_number in (2, 3):
            print(f"== the floods again, round {round_number} (leak check)", flush=True)
            for phase in (self.flood_command, self.flood_instances, self.flood_subscriptions, self.flood_scenarios):
                phase()
            time.sleep(0.5)
            rounds.append(rss_kb(a.supervisor_pid))
        self.figures["supervisor RSS after flood rounds 1 / 2 / 3"] = " / ".join(f"{r / 1024:.1f}" for r in rounds) + " MiB"
        print(f"  supervisor RSS after flood rounds 1 / 2 / 3: {' / '.join(f'{r / 1024:.1f}' for r in rounds)} MiB")
        # A leak grows by about as much in every round as in the first; a high-water mark hardly moves.
        allowed = max(a.leak_mb * 1024, (rss_floods - rss_before) // 4)
        if rounds[2] - rounds[1] > allowed:
            self.findings.add(f"supervisor RSS grew by {(rounds[2] - rounds[1]) / 1024:.1f} MiB from round 2 to round 3 of "
                              f"the same floods (> {allowed / 1024:.1f} MiB, a quarter of round 1's growth): a leak, "
                              f"not a high-water mark")
        self.lazy_sub.close()
        fuzz_time = time.monotonic() - started
        # Let the supervisor drain what it queued, then stop whatever the fuzz started.
        time.sleep(2)
        for request in ({"v": 1, "type": "chaos_stop"}, {"v": 1, "type": "stop", "scenario": "all", "instances": "all"}):
            self.request([json.dumps(request).encode()], timeout_ms=10000)
        print("== after the fuzz", flush=True)
        rows = self.status()
        if rows is None:
            self.findings.add("the supervisor does not answer status after the fuzz")
            rows = []
        states = {r["id"]: (r["state"], r["restarts"], r["pid"], r["scenario"]) for r in rows}
        print(f"  status: {states}")
        for r in rows:
            if r["state"] != "up" or r["restarts"] != 0:
                self.findings.add(f"{r['id']}: state {r['state']}, {r['restarts']} restarts after the fuzz")
            if pids_before.get(r["id"]) != r["pid"]:
                self.findings.add(f"{r['id']}: PID changed {pids_before.get(r['id'])} → {r['pid']}")
            if r["scenario"] is not None:
                self.findings.add(f"{r['id']}: scenario {r['scenario']} still running after stop all")
        self.round_trip()
        rss_after = rss_kb(a.supervisor_pid)
        self.sampling = False
        bound = 2 * rss_before + a.rss_extra_mb * 1024
        print(f"  supervisor RSS: before {rss_before / 1024:.1f} MiB, after the floods {rss_floods / 1024:.1f} MiB "
              f"(bound 2 × before + {a.rss_extra_mb} MiB = {bound / 1024:.1f} MiB), peak {self.rss_peak / 1024:.1f} MiB, "
              f"at the end {rss_after / 1024:.1f} MiB; CPU {cpu_seconds(a.supervisor_pid) - cpu_before:.1f} s")
        if rss_floods > bound:
            self.findings.add(f"supervisor RSS after the floods {rss_floods / 1024:.1f} MiB > bound {bound / 1024:.1f} MiB")
        print("\n== control fuzz summary")
        rows_out = [
            ("fuzz time", f"{fuzz_time:.1f} s"),
            *self.figures.items(),
            ("reply codes (REQ)", ", ".join(f"{k}: {v}" for k, v in sorted(self.reply_codes.items(), key=lambda kv: str(kv[0])))),
            ("supervisor RSS before / after floods / peak / end",
             f"{rss_before / 1024:.1f} / {rss_floods / 1024:.1f} / {self.rss_peak / 1024:.1f} / {rss_after / 1024:.1f} MiB"),
            ("supervisor CPU during the fuzz", f"{cpu_seconds(a.supervisor_pid) - cpu_before:.1f} s"),
            ("instances after", ", ".join(f"{k} {v[0]} restarts={v[1]}" for k, v in states.items())),
        ]
        width = max(len(k) for k, _ in rows_out)
        for k, v in rows_out:
            print(f"  {k.ljust(width)}  {v}")
        if self.findings.items:
            print(f"\ncontrol fuzzing: {len(self.findings.items)} FINDINGS")
            for f in self.findings.items:
                print(f"  - {f}")
            return 1
        print("\ncontrol fuzzing: clean")
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--command", required=True, help="command endpoint, e.g. ipc:///…/control.sock")
    parser.add_argument("--events", required=True)
    parser.add_argument("--instances", required=True)
    parser.add_argument("--supervisor-pid", type=int, required=True)
    parser.add_argument("--expect-instances", type=int, default=3)
    parser.add_argument("--fleet", help="the fleet binary, for the CLI round trip")
    parser.add_argument("--config")
    parser.add_argument("--data-dir")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", "1")))
    parser.add_argument("--flood", type=int, default=int(os.environ.get("FUZZ_FLOOD", "20000")))
    parser.add_argument("--scenario-flood", type=int, default=int(os.environ.get("FUZZ_SCENARIO_FLOOD", "2000")))
    parser.add_argument("--random-requests", type=int, default=int(os.environ.get("FUZZ_RANDOM_REQUESTS", "2000")))
    parser.add_argument("--max-seconds", type=float, default=float(os.environ.get("FUZZ_MAX_SECONDS", "240")))
    parser.add_argument("--rss-extra-mb", type=int, default=int(os.environ.get("FUZZ_RSS_EXTRA_MB", "20")),
                        help="bound of the supervisor's RSS after the floods: 2 × before + this")
    parser.add_argument("--leak-mb", type=int, default=int(os.environ.get("FUZZ_LEAK_MB", "4")),
                        help="RSS growth allowed from round 2 to round 3 of the floods: this, or a quarter of "
                             "round 1's growth if larger")
    parser.add_argument("--storm-scenario", default=os.environ.get("FUZZ_STORM_SCENARIO", "scenario3"),
                        help="scenario of the start/stop storm")
    parser.add_argument("--sustain-seconds", type=float, default=float(os.environ.get("FUZZ_SUSTAIN_SECONDS", "0")),
                        help="an extra ping flood of this many seconds (0: off)")
    fuzzer = Fuzzer(parser.parse_args())
    try:
        return fuzzer.run()
    finally:
        fuzzer.ctx.destroy(linger=0)


if __name__ == "__main__":
    sys.exit(main())
