#!/usr/bin/env python3
"""Driver of bench/console.sh: loads the console in headless chromium and keeps it open.

Prints one line per load, "load_ms <n>": from navigation start until the instance grid shows
every instance (the page's whole first paint of data), signed in as the instructor. Then prints
"open" and keeps the instructor's page open (live event feed, grid refresh) until killed.
Usage: console_page.py URL TOKEN INSTANCES LOADS
"""
import shutil
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

url, token, instances, loads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
options = Options()
options.binary_location = shutil.which("chromium")
for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"]:
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=options)
try:
    driver.get(url + "/")
    driver.find_element(By.ID, "token").send_keys(token)
    driver.find_element(By.ID, "signin").click()
    count = f"return document.querySelectorAll('#grid-body tr').length >= {instances} ? performance.now() : null"
    for _ in range(loads):
        driver.get(url + "/")
        ms = WebDriverWait(driver, 30, poll_frequency=0.01).until(lambda d: d.execute_script(count))
        print(f"load_ms {ms:.0f}", flush=True)
    print("open", flush=True)
    while True:
        time.sleep(1)
        driver.execute_script("return 1")  # the browser is still there
finally:
    driver.quit()
