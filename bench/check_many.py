#!/usr/bin/python3
"""Check a report of a gen_many.py sacct history against the generator's exact figures.

Usage: check_many.py WORKLOAD_DIR SITE_DIR

WORKLOAD_DIR/EXACT.txt (written by gen_many.py) gives the GPU-seconds per model; the expected
energy is their sum times each model's TDP, with PUE 1 (run the report with --set pue=1), as
exact fractions. SITE_DIR/tables/training-cost.csv gives carbonpaper's kwh_pue per experiment
(12 significant digits each); their sum must equal the expected energy to 1e-9 relative, and
there must be one row per job. Prints both figures and "ok" or "MISMATCH" (exit status 1).
"""
import csv, sys
from fractions import Fraction

# The TDPs carbonpaper's accelerator catalog gives the two models gen_many.py writes
# (gres/gpu:a100 is read as the A100 SXM4 40GB, gres/gpu:v100 as the V100): NVIDIA's data sheets.
TDP_W = {"a100": 400, "v100": 250}


def main():
    workload, site = sys.argv[1], sys.argv[2]
    seconds, jobs = {}, None
    with open(f"{workload}/EXACT.txt") as f:
        for line in f:
            k, *v = line.split()
            if k == "jobs":
                jobs = int(v[0])
            elif k == "gpu_seconds":
                seconds[v[0]] = int(v[1])
    expected = sum(Fraction(TDP_W[m] * s, 3_600_000) for m, s in seconds.items())
    got, rows = Fraction(0), 0
    with open(f"{site}/tables/training-cost.csv", newline="") as f:
        for r in csv.DictReader(f):
            got += Fraction(r["kwh_pue"])
            rows += 1
    rel = abs(got - expected) / expected
    ok = rows == jobs and rel <= Fraction(1, 10**9)
    print(f"rows {rows} (jobs {jobs}); energy {float(got):.6f} kWh, exact {float(expected):.6f} kWh; "
          f"relative difference {float(rel):.2e}: {'ok' if ok else 'MISMATCH'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
