#!/usr/bin/env python3
"""Drive a running fleet with nothing but pyzmq and docs/control-protocol.md.

Usage: drive_fleet.py COMMAND_ENDPOINT EVENTS_ENDPOINT INSTANCE_ID
Starts scenario3 on INSTANCE_ID, checks the ack, the status and the event stream, stops it,
and prints a JSON summary. Exits non-zero on the first surprise. Every wait is bounded.
"""
import json
import sys

import zmq

TIMEOUT_MS = 5000


def request(ctx, endpoint, message):
    sock = ctx.socket(zmq.REQ)
    sock.setsockopt(zmq.LINGER, 0)
    sock.setsockopt(zmq.RCVTIMEO, TIMEOUT_MS)
    sock.setsockopt(zmq.SNDTIMEO, TIMEOUT_MS)
    sock.connect(endpoint)
    try:
        sock.send(json.dumps(message).encode())
        return json.loads(sock.recv())
    finally:
        sock.close()


def expect(condition, what):
    if not condition:
        print(f"FAILED: {what}", file=sys.stderr)
        sys.exit(1)


def main():
    command, events, instance = sys.argv[1:4]
    ctx = zmq.Context()
    sub = ctx.socket(zmq.SUB)
    sub.setsockopt(zmq.LINGER, 0)
    sub.setsockopt(zmq.RCVTIMEO, TIMEOUT_MS)
    sub.setsockopt(zmq.SUBSCRIBE, b"scenario.")
    sub.connect(events)

    pong = request(ctx, command, {"v": 1, "type": "ping", "id": "p1"})
    expect(pong.get("ok") is True and pong.get("id") == "p1", f"ping answered {pong}")

    started = request(ctx, command, {"v": 1, "type": "start", "id": "s1", "scenario": "scenario3", "instances": [instance]})
    expect(started["ok"] and started["results"][0]["outcome"] == "started", f"start answered {started}")

    status = request(ctx, command, {"v": 1, "type": "status", "id": "q1"})
    row = next(r for r in status["instances"] if r["id"] == instance)
    expect(row["scenario"] == "scenario3" and row["state"] == "up", f"status row {row}")

    topic, payload = sub.recv_multipart()
    event = json.loads(payload)
    expect(topic == b"scenario.started" and event["instance"] == instance and event["seq"] >= 1, f"event {topic} {event}")

    stopped = request(ctx, command, {"v": 1, "type": "stop", "id": "s2", "scenario": "all", "instances": "all"})
    outcomes = {r["instance"]: r["outcome"] for r in stopped["results"]}
    expect(outcomes[instance] == "stopped", f"stop answered {stopped}")

    wrong = request(ctx, command, {"v": 2, "type": "status"})
    expect(wrong["ok"] is False and wrong["error"]["code"] == "unsupported_version", f"v2 answered {wrong}")

    sub.close()
    ctx.term()
    print(json.dumps({"start": started["results"][0], "event": event, "stop": outcomes[instance]}))


if __name__ == "__main__":
    main()
