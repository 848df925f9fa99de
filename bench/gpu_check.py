#!/usr/bin/env python3
"""Compares a `carbonpaper record` recording with nvidia-smi's log of the same GPU (bench/gpu-check.sh).

Usage: gpu_check.py RECORDING_DIR SMI_CSV
SMI_CSV: nvidia-smi --query-gpu=timestamp,index,power.draw,energy.consumption --format=csv,noheader,nounits
(timestamps in the local time of the machine that ran nvidia-smi; run this script in the same time zone).
Independent of carbonpaper's own code: it reads the trace as plain CSV.
"""
import csv
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


def main(rec_dir, smi_csv):
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

    smi_p, smi_e = [], []
    for line in open(smi_csv):
        parts = [p.strip() for p in line.split(",")]
        try:
            ts = datetime.strptime(parts[0], "%Y/%m/%d %H:%M:%S.%f").timestamp()
        except (ValueError, IndexError):
            continue
        try:
            smi_p.append((ts, float(parts[2])))
        except (ValueError, IndexError):
            pass
        try:
            smi_e.append((ts, float(parts[3])))
        except (ValueError, IndexError):
            pass

    print(f"window: {span:.2f} s, {len(gpu)} recorder samples "
          f"(spacing median {1000 * statistics.median(gaps):.1f} ms, max {1000 * max(gaps):.1f} ms), statuses {statuses or 'none'}")
    rec_trap = trapezoid(power)
    results = {}
    if energy:
        results["recorder, NVML energy counter"] = energy[-1] - energy[0]
    results["recorder, trapezoid of its power samples"] = rec_trap
    win = [p for p in smi_p if first <= p[0] <= last]
    if len(smi_p) > 1:
        results["nvidia-smi power.draw, trapezoid (same window)"] = trapezoid(clipped(smi_p, first, last))
    if len(smi_e) > 1:
        delta = at(smi_e, last) - at(smi_e, first)
        # nvidia-smi's energy.consumption unit differs by version; judge it against the power trapezoid
        unit = "J"
        if rec_trap > 0 and 300 < delta / rec_trap < 3000:
            delta, unit = delta / 1000, "mJ"
        results[f"nvidia-smi energy.consumption difference ({unit} in its log)"] = delta
    ref = results.get("nvidia-smi energy.consumption difference (J in its log)",
                      results.get("nvidia-smi energy.consumption difference (mJ in its log)"))
    print(f"nvidia-smi rows inside the window: {len(win)}")
    for name, joules in results.items():
        line = f"{name:58s} {joules:11.1f} J  mean {joules / span:7.1f} W"
        if ref:
            line += f"  {100 * (joules - ref) / ref:+6.2f} % vs the card's counter (nvidia-smi)"
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
    sys.exit(main(sys.argv[1], sys.argv[2]))
