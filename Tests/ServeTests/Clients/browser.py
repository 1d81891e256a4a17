"""Drives the library page in headless Chromium: open the library, open a
document, click a citation and see its passage, ask a question and see the
answer stream in. Saves a screenshot after each step.

Usage: browser.py BASE_URL DOCUMENT_TITLE SCREENSHOT_DIR; prints one JSON
object with what it saw, exits non-zero on the first failed check."""
import json
import os
import shutil
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen_on_page
from selenium.webdriver.support.ui import WebDriverWait

base, title, shots = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(shots, exist_ok=True)
options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900"):
    options.add_argument(flag)
options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 300)
seen = {}
try:
    driver.get(base + "/")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#documents a"))
    seen["library"] = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#documents a")]
    driver.save_screenshot(os.path.join(shots, "1-library.png"))

    link = next(a for a in driver.find_elements(By.CSS_SELECTOR, "#documents a") if title in a.text)
    link.click()
    wait.until(lambda d: d.find_element(By.ID, "document-title").text == title)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#summary .citation"))
    seen["points"] = len(driver.find_elements(By.CSS_SELECTOR, "#summary li"))
    driver.save_screenshot(os.path.join(shots, "2-document.png"))

    citation = driver.find_elements(By.CSS_SELECTOR, "#summary .citation")[0]
    seen["citation"] = citation.text
    citation.click()
    wait.until(seen_on_page.visibility_of_element_located((By.CSS_SELECTOR, "#source-context p.cited")))
    seen["passage"] = driver.find_element(By.CSS_SELECTOR, "#source-context p.cited").text
    seen["passage_location"] = driver.find_element(By.ID, "source-location").text
    assert seen["passage"], "the cited passage is empty"
    driver.save_screenshot(os.path.join(shots, "3-citation.png"))

    driver.find_element(By.ID, "question").send_keys("Who pays the fees?")
    driver.find_element(By.ID, "ask-button").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#answers .answer .text"))
    wait.until(lambda d: d.find_element(By.ID, "answers").get_attribute("data-done") == "true")
    seen["answer"] = driver.find_element(By.CSS_SELECTOR, "#answers .answer .text").text
    seen["answer_from"] = driver.find_element(By.CSS_SELECTOR, "#answers .answer .from").text
    seen["status"] = driver.find_element(By.ID, "answer-status").text
    assert seen["answer"].strip(), "no answer appeared"
    driver.save_screenshot(os.path.join(shots, "4-answer.png"))

    search = driver.find_element(By.ID, "search")
    search.send_keys("no document is called this")
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#documents a"))
    seen["search_empty"] = driver.find_element(By.ID, "library-status").text
finally:
    driver.quit()
print(json.dumps(seen))
