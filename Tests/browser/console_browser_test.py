#!/usr/bin/env python3
"""Real-browser tests of the fleet console: Debian's chromium + chromium-driver, driven by Selenium.

Starts a small fleet (`fleet up`, console on its own port, a roster with a student whose name
is HTML), reads the class's tokens from its tokens file, and drives the console as
the instructor and as a student:

  instructor_starts_a_scenario_from_the_grid   scenario1 on svc-02 from the grid; its row shows it within 5 s
  instructor_sees_the_chaos_timeline            a short chaos round; its injections appear on the timeline
  student_answer_is_graded_after_the_reveal     a student answers during the round; graded once revealed
  student_name_with_html_renders_as_text        a roster name with markup shows as text, never as elements

Every wait is bounded (WebDriverWait / a deadline), never a sleep-and-hope. On a failure, both
views are saved as screenshots (and page sources) in $CONSOLE_ARTIFACTS (default
.build/browser-artifacts). Prints "ran and passed: <name>" per test; exits 1 if any failed.
Usage: console_browser_test.py [--binary .build/debug/fleet] [--base-port 31081]
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HTML_NAME = '<img src=x onerror="window.pwned=1"><b>Bob</b> & co'


def chromium_paths():
    """The Debian package's browser and driver (fails, never skips, when missing)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        raise SystemExit("error: chromium and chromium-driver are required (scripts/install-deps.sh installs them)")
    return browser, driver


class Fleet:
    """`fleet up` in a temporary folder, on ports of the browser tests' own range."""

    def __init__(self, binary, base_port):
        self.binary = os.path.abspath(binary)
        self.work = tempfile.mkdtemp(prefix="fleetsim-browser-")
        self.data = os.path.join(self.work, "data")
        self.config = os.path.join(self.work, "fleet.yaml")
        self.console_port = base_port - 1
        self.log_path = os.path.join(self.work, "supervisor.log")
        with open(self.config, "w") as f:
            f.write(f"""fleet: {{ name: browser, instances: 3, host: 127.0.0.1, base_port: {base_port}, data_dir: {self.data} }}
node: {{ memory: 512MiB, disk: 64MiB }}
scenarios:
  scenario1: {{ chunk_size: 1MB, interval: 200ms, max_chunks: 20 }}
  scenario2: {{ chunk_size: 256KiB, interval: 100ms, free_space_reserve: 64MiB }}
  scenario3: {{ client_rate: 20, min_delay: 1ms, max_delay: 5ms }}
supervisor: {{ metrics_port: 0 }}
prometheus: {{ enabled: false }}
traffic: {{ enabled: false }}
chaos:
  duration: 30s
  warmup: 1s
  mean_gap: 2s
  hold_min: 6s
  hold_max: 8s
  max_concurrent: 1
  weights: {{ scenario4: 1, scenario5: 1 }}
classroom:
  students: ["Alice", {yaml_quote(HTML_NAME)}]
console: {{ port: {self.console_port} }}
""")
        self.process = None

    def args(self):
        return ["--config", self.config, "--data-dir", self.data]

    def up(self):
        log = open(self.log_path, "w")
        self.process = subprocess.Popen([self.binary, "up", *self.args()], stdout=log, stderr=subprocess.STDOUT, cwd=self.work)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("fleet up exited early:\n" + open(self.log_path).read())
            try:
                with urllib.request.urlopen(f"{self.url}/", timeout=1) as response:
                    if response.status == 200 and "instances ready" in open(self.log_path).read():
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the console did not answer within 60 s:\n" + open(self.log_path).read())

    @property
    def url(self):
        return f"http://127.0.0.1:{self.console_port}"

    def tokens(self):
        """name -> token ("instructor" for the instructor's), from the class's tokens file (mode
        0600 in the data folder, what `fleet roster` prints): a test may read it, a browser never does."""
        with open(os.path.join(self.data, "classroom-tokens.json")) as f:
            stored = json.load(f)
        return {"instructor": stored["instructor"], **stored["students"]}

    def down(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.work, ignore_errors=True)


def yaml_quote(text):
    return "'" + text.replace("'", "''") + "'"


def browser(paths):
    options = Options()
    options.binary_location = paths[0]
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=paths[1]), options=options)


def sign_in(driver, url, token):
    driver.get(url + "/")
    driver.find_element(By.ID, "token").send_keys(token)
    driver.find_element(By.ID, "signin").click()
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.ID, "main")))
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "who").text != "")


def cell(driver, instance, column):
    return driver.find_element(By.CSS_SELECTOR, f"#row-{instance} td.{column}").text


class Suite:
    def __init__(self, fleet, paths, artifacts):
        self.fleet = fleet
        self.paths = paths
        self.artifacts = artifacts
        self.drivers = {}
        self.tokens = fleet.tokens()
        # Both views from the start, so a failure always has a screenshot of each.
        self.driver("instructor")
        self.driver("Alice")

    def driver(self, who):
        if who not in self.drivers:
            self.drivers[who] = browser(self.paths)
            token = self.tokens["instructor"] if who == "instructor" else self.tokens[who]
            sign_in(self.drivers[who], self.fleet.url, token)
        return self.drivers[who]

    def save_artifacts(self, name):
        os.makedirs(self.artifacts, exist_ok=True)
        for who, driver in self.drivers.items():
            label = "instructor" if who == "instructor" else "student"
            base = os.path.join(self.artifacts, f"{name}-{label}")
            try:
                driver.save_screenshot(base + ".png")
                with open(base + ".html", "w") as f:
                    f.write(driver.page_source)
            except Exception as error:  # a crashed browser still lets the other view be saved
                print(f"could not save {base}: {error}", file=sys.stderr)
        shutil.copy(self.fleet.log_path, os.path.join(self.artifacts, f"{name}-supervisor.log"))

    # ---- tests ----

    def instructor_starts_a_scenario_from_the_grid(self):
        d = self.driver("instructor")
        WebDriverWait(d, 10).until(lambda d: cell(d, "svc-02", "state") == "up")
        assert cell(d, "svc-02", "scenario") == ""
        d.find_element(By.CSS_SELECTOR, "#row-svc-02 input.select").click()
        Select(d.find_element(By.ID, "scenario")).select_by_value("scenario1")
        d.find_element(By.ID, "start-selected").click()
        WebDriverWait(d, 5).until(lambda d: cell(d, "svc-02", "scenario") == "scenario1")
        # The live feed shows the start as the supervisor published it.
        WebDriverWait(d, 5).until(lambda d: "scenario.started svc-02 scenario1" in d.find_element(By.ID, "events").text)
        d.find_element(By.ID, "stop-all").click()
        WebDriverWait(d, 5).until(lambda d: cell(d, "svc-02", "scenario") == "")

    def instructor_sees_the_chaos_timeline(self):
        d = self.driver("instructor")
        seed = d.find_element(By.ID, "chaos-seed")
        seed.clear()
        seed.send_keys("11")
        d.find_element(By.ID, "chaos-duration").send_keys("30s")
        d.find_element(By.ID, "chaos-preview").click()
        WebDriverWait(d, 5).until(lambda d: "svc-0" in d.find_element(By.ID, "chaos-plan").text)
        d.find_element(By.ID, "chaos-run").click()
        WebDriverWait(d, 5).until(lambda d: d.find_element(By.ID, "round-phase").text.startswith("open"))
        WebDriverWait(d, 20).until(lambda d: "chaos.injected" in d.find_element(By.ID, "timeline").text)

    def student_answer_is_graded_after_the_reveal(self):
        d = self.driver("instructor")
        injected = [li.text.split() for li in d.find_elements(By.CSS_SELECTOR, "#timeline li") if "chaos.injected" in li.text]
        assert injected, "no injection on the timeline"
        _, _, instance, scenario = injected[0][:4]
        # Any student may name any instance: the answer is about what they saw, not what they own.
        s = self.driver("Alice")
        WebDriverWait(s, 10).until(lambda s: s.find_element(By.ID, "round-phase").text == "open")
        s.find_element(By.ID, "answer-instance").send_keys(instance)
        Select(s.find_element(By.ID, "answer-scenario")).select_by_value(scenario)
        s.find_element(By.ID, "answer-submit").click()
        WebDriverWait(s, 5).until(lambda s: instance in s.find_element(By.ID, "my-answers").text)
        assert "true positive" not in s.find_element(By.ID, "my-answers").text
        d.find_element(By.ID, "chaos-stop").click()
        d.find_element(By.ID, "chaos-reveal").click()
        WebDriverWait(d, 5).until(lambda d: instance in d.find_element(By.ID, "chaos-key").text)
        WebDriverWait(s, 10).until(lambda s: "true positive" in s.find_element(By.ID, "my-answers").text)
        WebDriverWait(s, 5).until(lambda s: "Score: 100" in s.find_element(By.ID, "my-score").text)

    def student_name_with_html_renders_as_text(self):
        s = self.driver(HTML_NAME)
        WebDriverWait(s, 10).until(lambda s: HTML_NAME in s.find_element(By.ID, "who").text)
        assert s.find_elements(By.CSS_SELECTOR, "header b, header img") == [], "the name became markup"
        assert s.execute_script("return window.pwned === undefined"), "the name's script ran"
        d = self.driver("instructor")
        WebDriverWait(d, 10).until(lambda d: cell(d, "svc-02", "owner") == HTML_NAME)
        assert d.find_elements(By.CSS_SELECTOR, "#grid b, #grid img") == []
        assert d.execute_script("return window.pwned === undefined")

    TESTS = [
        "instructor_starts_a_scenario_from_the_grid",
        "instructor_sees_the_chaos_timeline",
        "student_answer_is_graded_after_the_reveal",
        "student_name_with_html_renders_as_text",
    ]

    def close(self):
        for driver in self.drivers.values():
            driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/fleet"))
    parser.add_argument("--base-port", type=int, default=31081)
    args = parser.parse_args()
    artifacts = os.environ.get("CONSOLE_ARTIFACTS", os.path.join(ROOT, ".build/browser-artifacts"))
    paths = chromium_paths()
    fleet = Fleet(args.binary, args.base_port)
    failed = []
    suite = None
    try:
        fleet.up()
        suite = Suite(fleet, paths, artifacts)
        for name in Suite.TESTS:
            try:
                getattr(suite, name)()
                print(f"ran and passed: {name}", flush=True)
            except Exception:
                failed.append(name)
                print(f"FAILED: {name}\n{traceback.format_exc()}", flush=True)
                suite.save_artifacts(name)
                print(f"screenshots of both views: {artifacts}/{name}-*.png", flush=True)
    finally:
        if suite:
            suite.close()
        if failed or suite is None:
            print(open(fleet.log_path).read()[-4000:] if os.path.exists(fleet.log_path) else "", file=sys.stderr)
        fleet.down()
    sys.exit(1 if failed or suite is None else 0)


if __name__ == "__main__":
    main()
