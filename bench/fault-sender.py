#!/usr/bin/env python3
"""The connector side of bench/fault-ingest.sh: posts COUNT messages to POST /api/messages in batches and retries a
batch (after a growing pause) until every item in it is acknowledged as created or duplicate — through refused
connections, resets, timeouts and 5xx answers. Writes the number acknowledged so far to PROGRESS after each batch.

Usage: fault-sender.py BASE TOKEN COUNT BATCH PROGRESS
"""
import json
import sys
import time
import urllib.error
import urllib.request

base, token, count, batch, progress = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
texts = ["Не вывозят мусор во дворе", "Яма на дороге у школы", "Нет отопления в подъезде", "Не горят фонари на улице"]


def item(i):
    return {
        "channel": "vk",
        "externalId": f"fault-{i}",
        "url": f"https://vk.com/wall-100_{i}",
        "author": {"id": f"id{i % 5000}", "name": "Житель"},
        "text": f"{texts[i % len(texts)]}, дом {i}",
        "publishedAt": "2026-11-27T09:00:00Z",
    }


acknowledged = 0
retries = 0
started = time.monotonic()
for first in range(0, count, batch):
    items = [item(i) for i in range(first, min(first + batch, count))]
    body = json.dumps(items, ensure_ascii=False).encode("utf-8")
    pause = 0.2
    while True:
        request = urllib.request.Request(f"{base}/api/messages", data=body, method="POST", headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                answer = json.load(response)
            statuses = [r["status"] for r in answer["items"]]
            if len(statuses) == len(items) and all(s in ("created", "duplicate") for s in statuses):
                break
            print(f"batch {first}: not all acknowledged: {set(statuses)}", flush=True)
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError, ValueError) as e:
            status = getattr(e, "code", None)
            if status is not None and status < 500 and status != 429:
                print(f"batch {first}: refused with {status}: {e.read()[:300]!r}", flush=True)
                sys.exit(1)
        retries += 1
        time.sleep(pause)
        pause = min(pause * 2, 5)
    acknowledged += len(items)
    with open(progress, "w") as f:
        f.write(str(acknowledged))
print(f"sender: {acknowledged} acknowledged, {retries} retried batches, {time.monotonic() - started:.0f} s", flush=True)
