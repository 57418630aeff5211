#!/usr/bin/env python3
"""Fan-out latency of the control plane: `start scenario3` then `stop all` on every instance.

Talks to a running fleet's command endpoint (REQ socket, docs/control-protocol.md) and times
each request from send until the reply, which the supervisor sends once every instance acked.
Also collects the per-instance `latency_ms` of every result. Prints figures; exits non-zero only
when the fleet misbehaves (an error reply, a missing reply, an outcome other than
started/stopped), never on a slow figure.

    python3 bench/fanout.py ipc:///path/to/data/control.sock [--rounds 30] [--expect 50]
"""

import argparse
import json
import sys
import time

import zmq


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil(n * p / 100)
    return ordered[int(rank) - 1]


def summary(values):
    return (f"n={len(values):<5} p50 {percentile(values, 50):8.2f} ms   p99 {percentile(values, 99):8.2f} ms   "
            f"max {max(values):8.2f} ms   min {min(values):8.2f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("endpoint", help="the command endpoint, e.g. ipc://<data_dir>/control.sock")
    parser.add_argument("--rounds", type=int, default=30, help="start/stop pairs to time (default 30)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed pairs first (default 1)")
    parser.add_argument("--expect", type=int, default=50, help="instances every reply must cover (default 50)")
    parser.add_argument("--pause", type=float, default=0.2, help="seconds between requests (default 0.2)")
    parser.add_argument("--hold", type=float, default=1.5,
                        help="seconds a started scenario3 runs before the stop (default 1.5); each client sends its "
                             "first request at a random point of its first period (1 / client_rate, 1 s in the "
                             "bench config), so the stop meets every client connected and sending")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for a reply (default 10)")
    parser.add_argument("--ack-target", type=float, default=20.0,
                        help="per-instance ack p99 target in ms, printed met/MISSED; 0 prints none (default 20, fanout.sh's 50 instances)")
    parser.add_argument("--start-target", type=float, default=None,
                        help="`start scenario3 --all` round-trip p99 target in ms, printed met/MISSED (default: none)")
    parser.add_argument("--baseline", type=int, default=30,
                        help="also time this many `ping`s and no-op fan-outs (`stop all` on the idle fleet, "
                             "every outcome not_running): the control plane without scenario work (default 30, 0 = off)")
    args = parser.parse_args()

    context = zmq.Context()
    socket = context.socket(zmq.REQ)
    socket.setsockopt(zmq.LINGER, 0)
    socket.setsockopt(zmq.RCVTIMEO, int(args.timeout * 1000))
    socket.setsockopt(zmq.SNDTIMEO, int(args.timeout * 1000))
    socket.connect(args.endpoint)

    counter = 0

    def request(kind, scenario, want):
        nonlocal counter
        counter += 1
        message = {"v": 1, "type": kind, "id": f"bench-{counter}", "scenario": scenario, "instances": "all"}
        payload = json.dumps(message).encode()
        started = time.perf_counter()
        socket.send(payload)
        try:
            raw = socket.recv()
        except zmq.Again:
            sys.exit(f"no reply to {kind} {scenario} within {args.timeout} s")
        elapsed = (time.perf_counter() - started) * 1000
        reply = json.loads(raw)
        if not reply.get("ok"):
            sys.exit(f"{kind} {scenario}: error reply {reply}")
        results = reply.get("results", [])
        if len(results) != args.expect:
            sys.exit(f"{kind} {scenario}: {len(results)} results, expected {args.expect}")
        bad = [r for r in results if r.get("outcome") != want]
        if bad:
            sys.exit(f"{kind} {scenario}: {len(bad)} outcomes other than {want}, e.g. {bad[:3]}")
        latencies = [r["latency_ms"] for r in results if r.get("latency_ms") is not None]
        return elapsed, latencies

    def ping():
        started = time.perf_counter()
        socket.send(json.dumps({"v": 1, "type": "ping", "id": "bench-ping"}).encode())
        try:
            reply = json.loads(socket.recv())
        except zmq.Again:
            sys.exit(f"no reply to ping within {args.timeout} s")
        if reply.get("type") != "pong":
            sys.exit(f"ping: unexpected reply {reply}")
        return (time.perf_counter() - started) * 1000

    ping_ms, noop_ms, noop_acks = [], [], []
    try:
        for _ in range(args.baseline):
            ping_ms.append(ping())
            time.sleep(args.pause / 4)
        for _ in range(args.baseline):
            elapsed, acks = request("stop", "all", "not_running")
            noop_ms.append(elapsed)
            noop_acks += acks
            time.sleep(args.pause)

        for _ in range(args.warmup):
            request("start", "scenario3", "started")
            time.sleep(args.hold)
            request("stop", "all", "stopped")
            time.sleep(args.pause)

        start_ms, stop_ms, start_acks, stop_acks = [], [], [], []
        for _ in range(args.rounds):
            elapsed, acks = request("start", "scenario3", "started")
            start_ms.append(elapsed)
            start_acks += acks
            time.sleep(args.hold)
            elapsed, acks = request("stop", "all", "stopped")
            stop_ms.append(elapsed)
            stop_acks += acks
            time.sleep(args.pause)
    finally:
        socket.close()
        context.term()

    print(f"fan-out to {args.expect} instances, {args.rounds} rounds (+{args.warmup} warm-up), "
          f"{args.pause:.1f} s between requests, stop {args.hold:.1f} s after start; percentiles are nearest-rank "
          f"(p99 of {args.rounds} samples is the maximum)")
    if ping_ms:
        print(f"ping (no fan-out)      round trip  {summary(ping_ms)}")
        print(f"no-op stop all --all   round trip  {summary(noop_ms)}")
        print(f"no-op  per-instance latency_ms     {summary(noop_acks)}")
    print(f"start scenario3 --all  round trip  {summary(start_ms)}")
    print(f"stop all --all         round trip  {summary(stop_ms)}")
    print(f"start  per-instance latency_ms     {summary(start_acks)}")
    print(f"stop   per-instance latency_ms     {summary(stop_acks)}")
    both = start_acks + stop_acks
    p99 = percentile(both, 99)
    print(f"all    per-instance latency_ms     {summary(both)}")
    if args.ack_target > 0:
        print(f"target per-instance p99 < {args.ack_target:g} ms: {'met' if p99 < args.ack_target else 'MISSED'} ({p99:.2f} ms)")
    if args.start_target is not None:
        start_p99 = percentile(start_ms, 99)
        print(f"target start scenario3 --all round trip p99 < {args.start_target:g} ms: "
              f"{'met' if start_p99 < args.start_target else 'MISSED'} ({start_p99:.2f} ms)")
    # One machine-readable line for the README.
    print("FIGURES " + json.dumps({
        "start_p50": percentile(start_ms, 50), "start_p99": percentile(start_ms, 99),
        "stop_p50": percentile(stop_ms, 50), "stop_p99": percentile(stop_ms, 99),
        "ack_p50": percentile(both, 50), "ack_p99": p99,
        "start_ack_p99": percentile(start_acks, 99), "stop_ack_p99": percentile(stop_acks, 99),
        **({"ping_p50": percentile(ping_ms, 50), "noop_p50": percentile(noop_ms, 50),
            "noop_ack_p99": percentile(noop_acks, 99)} if ping_ms else {}),
    }))


if __name__ == "__main__":
    main()
