#!/usr/bin/env python3
"""Compares a `carbonpaper record` recording with nvidia-smi's log of the same GPU (bench/gpu-check.sh).

Usage: gpu_check.py RECORDING_DIR SMI_CSV [COUNTER_CSV]
SMI_CSV: nvidia-smi --query-gpu=timestamp,index,power.draw.instant,power.draw.average --format=csv,noheader,nounits
(timestamps in the local time of the machine that ran nvidia-smi; run this script in the same time zone).
COUNTER_CSV: lines "unix_seconds,millijoules" of nvmlDeviceGetTotalEnergyConsumption read apart from the recorder.
Independent of carbonpaper's own code: it reads the trace as plain CSV.
"""
import csv
import os
import re
import statistics
import sys
from datetime import datetime, timezone


def utc(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp()


def trapezoid(points):
    return sum((b[0] - a[0]) * (a[1] + b[1]) / 2 for a, b in zip(points, points[1:]))


def at(points, t):
    """Linear interpolation of a time series at t (clamped to its ends)."""
    if t <= points[0][0]:
        return points[0][1]
    for a, b in zip(points, points[1:]):
        if a[0] <= t <= b[0]:
            return a[1] if b[0] == a[0] else a[1] + (b[1] - a[1]) * (t - a[0]) / (b[0] - a[0])
    return points[-1][1]


def clipped(points, t0, t1):
    inside = [p for p in points if t0 < p[0] < t1]
    return [(t0, at(points, t0))] + inside + [(t1, at(points, t1))]


def main(rec_dir, smi_csv, counter_csv=None):
    rows = list(csv.reader(l for l in open(f"{rec_dir}/trace.csv") if not l.startswith("#")))
    header, rows = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    gpu = [r for r in rows if r[col["kind"]] == "gpu" and r[col["device"]] == "0"]
    if not gpu:
        print("no GPU rows in the recording")
        return 1
    t = [utc(r[col["time_utc"]]) for r in gpu]
    first, last = t[0], t[-1]
    span = last - first
    power = [(ti, float(r[col["power_w"]])) for ti, r in zip(t, gpu) if r[col["power_w"]]]
    energy = [float(r[col["energy_j"]]) for r in gpu if r[col["energy_j"]]]
    statuses = sorted({r[col["status"]] for r in gpu if r[col["status"]]})
    gaps = [b - a for a, b in zip(t, t[1:])]

    instant, average = [], []
    for line in open(smi_csv):
        parts = [p.strip() for p in line.split(",")]
        try:
            ts = datetime.strptime(parts[0], "%Y/%m/%d %H:%M:%S.%f").timestamp()
            instant.append((ts, float(parts[2])))
            average.append((ts, float(parts[3])))
        except (ValueError, IndexError):
            continue
    counter = []
    if counter_csv and os.path.exists(counter_csv):
        for line in open(counter_csv):
            try:
                ts, mj = line.strip().split(",")
                counter.append((float(ts), float(mj) / 1000))
            except ValueError:
                continue

    print(f"window: {span:.2f} s, {len(gpu)} recorder samples "
          f"(spacing median {1000 * statistics.median(gaps):.1f} ms, max {1000 * max(gaps):.1f} ms), "
          f"{len(energy)} with the energy counter, statuses {statuses or 'none'}")
    results = {}
    if len(energy) > 1:
        results["recorder, NVML energy counter"] = energy[-1] - energy[0]
    results["recorder, trapezoid of its power samples"] = trapezoid(power)
    if len(instant) > 1:
        results["nvidia-smi power.draw.instant, trapezoid"] = trapezoid(clipped(instant, first, last))
        results["nvidia-smi power.draw.average, trapezoid"] = trapezoid(clipped(average, first, last))
    ref = None
    if len(counter) > 1:
        ref = at(counter, last) - at(counter, first)
        results["card's counter read apart (pynvml, every 100 ms)"] = ref
    print(f"nvidia-smi rows inside the window: {sum(1 for p in instant if first <= p[0] <= last)}, "
          f"counter log rows inside it: {sum(1 for p in counter if first <= p[0] <= last)}")
    for name, joules in results.items():
        line = f"{name:50s} {joules:11.1f} J  mean {joules / span:7.1f} W"
        if ref:
            line += f"  {100 * (joules - ref) / ref:+6.2f} % vs the card's counter"
        print(line)
    if power:
        print(f"recorder power: min {min(p for _, p in power):.1f} W, max {max(p for _, p in power):.1f} W")

    manifest = open(f"{rec_dir}/experiment.yaml").read()
    m = re.search(r"sampler_cpu_seconds:\s*([0-9.]+)", manifest)
    if m:
        cpu = float(m.group(1))
        print(f"sampler thread CPU: {cpu:.3f} s over {span:.1f} s = {100 * cpu / span:.2f} % of one core")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
