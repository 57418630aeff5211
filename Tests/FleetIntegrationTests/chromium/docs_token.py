"""Drives an instance's /docs page in headless Chromium over the DevTools protocol.

Usage: docs_token.py <docs-url> <devtools-port> <profile-dir>, with tokens on stdin, one a line.
For each token: types it into the page's token field (as a user would: value + input event),
clicks scenario4's Start button, waits for the page's answer line and prints it; then Stop.
An empty line means "no token". Prints one line per token: the text of the page's toast.
"""
import json, subprocess, sys, time, urllib.request

import websocket  # websocket-client

url, port, profile = sys.argv[1], int(sys.argv[2]), sys.argv[3]
tokens = [line.rstrip("\n") for line in sys.stdin]
browser = subprocess.Popen(
    ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
     f"--remote-debugging-port={port}", "--remote-allow-origins=*", f"--user-data-dir={profile}", url],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    page = None
    for _ in range(200):
        try:
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=1))
            page = next((t for t in targets if t.get("type") == "page" and "/docs" in t.get("url", "")), None)
            if page:
                break
        except OSError:
            pass
        time.sleep(0.1)
    if not page:
        sys.exit("chromium did not open the page")
    ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=10)
    counter = [0]

    def evaluate(expression):
        counter[0] += 1
        ws.send(json.dumps({"id": counter[0], "method": "Runtime.evaluate",
                            "params": {"expression": expression, "awaitPromise": True, "returnByValue": True}}))
        while True:
            message = json.loads(ws.recv())
            if message.get("id") == counter[0]:
                return message.get("result", {}).get("result", {}).get("value")

    for _ in range(100):
        if evaluate("document.querySelectorAll('#cards button.primary').length") == 8:
            break
        time.sleep(0.1)
    for token in tokens:
        result = evaluate("""(async () => {
            const field = document.getElementById("token");
            field.value = %s;
            field.dispatchEvent(new Event("input"));
            const toast = document.getElementById("toast");
            const before = toast.textContent;
            document.querySelectorAll("#cards button.primary")[3].click();
            for (let i = 0; i < 100 && (toast.textContent === before || toast.textContent.endsWith("…")); i++) {
              await new Promise(r => setTimeout(r, 50));
            }
            return toast.textContent;
        })()""" % json.dumps(token))
        print(result, flush=True)
        evaluate("""(async () => {
            document.querySelectorAll("#cards button:not(.primary)")[3].click();
            await new Promise(r => setTimeout(r, 300));
        })()""")
    ws.close()
finally:
    browser.terminate()
    try:
        browser.wait(timeout=5)
    except subprocess.TimeoutExpired:
        browser.kill()
        browser.wait()
