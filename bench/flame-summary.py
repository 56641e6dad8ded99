#!/usr/bin/env python3
"""Flame summary of a JFR recording: CPU samples (jdk.CPUTimeSample if recorded, else jdk.ExecutionSample) by self frame and by inclusive frame, and
by thread pool, as short text tables. Usage: flame-summary.py RECORDING.jfr [TOP]. Needs `jfr` on PATH or in
JAVA_HOME (JDK 17+)."""
import collections
import json
import os
import re
import subprocess
import sys

recording = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
jfr = os.path.join(os.environ["JAVA_HOME"], "bin", "jfr") if os.environ.get("JAVA_HOME") else "jfr"


def samples(kind):
    out = subprocess.run([jfr, "print", "--json", "--stack-depth", "96", "--events", kind, recording],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


# CPU-time samples (JDK 25, Linux: every thread on CPU, native code included) when recorded, else execution samples.
kind = "jdk.CPUTimeSample"
events = samples(kind)
if not events:
    kind = "jdk.ExecutionSample"
    events = samples(kind)
self_count, incl_count, pools = collections.Counter(), collections.Counter(), collections.Counter()


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].split(".")[-1] + "." + method["name"]


for event in events:
    frames = event["values"]["stackTrace"]["frames"] if event["values"].get("stackTrace") else []
    values = event["values"]
    thread = (values.get("sampledThread") or values.get("eventThread") or {}).get("javaName") or "?"
    pools[re.sub(r"[-#]?\d+$", "", thread)] += 1
    if not frames:
        continue
    self_count[frame_name(frames[0])] += 1
    for name in {frame_name(f) for f in frames}:
        incl_count[name] += 1

total = max(1, len(events))
print(f"{recording}: {len(events)} samples ({kind})")
for title, counter in (("by thread pool", pools), ("self (top of stack)", self_count),
                       ("inclusive (anywhere on the stack)", incl_count)):
    print(f"\n{title}:")
    for name, n in counter.most_common(top):
        print(f"  {100.0 * n / total:5.1f}%  {name}")
