#!/usr/bin/python3
"""Write the many-experiments workload of issue 7: a Slurm accounting history and many tiny traces.

Usage: gen_many.py OUT_DIR [--jobs 10000] [--steps 7] [--traces 10000] [--samples 60] [--seed 1]

OUT_DIR/sacct/history.txt: `sacct --parsable2` output with the header
JobID|JobName|Partition|AllocTRES|Elapsed|Start|End|State; each job has its own row, a .batch and
an .extern row and --steps numbered steps (.0, .1, ...): 10,000 jobs x 10 rows = 100,000 rows.
OUT_DIR/runs/rNNNNN/: experiment.yaml (name, group, hardware) and gpu.csv, an nvidia-smi CSV of
--samples one-second samples of one GPU. Deterministic for a given seed.
OUT_DIR/EXACT.txt: what the sacct history adds up to, in whole numbers (GPU-seconds per model and
the number of jobs), printed too, so bench/check_many.py can check a report's total exactly.
"""
import argparse, datetime, os, random


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--jobs", type=int, default=10000)
    p.add_argument("--steps", type=int, default=7)
    p.add_argument("--traces", type=int, default=10000)
    p.add_argument("--samples", type=int, default=60)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "sacct"), exist_ok=True)
    base = datetime.datetime(2026, 1, 1)
    fmt = "%Y-%m-%dT%H:%M:%S"
    gpu_seconds = {"a100": 0, "v100": 0}
    with open(os.path.join(a.out, "sacct", "history.txt"), "w") as f:
        f.write("JobID|JobName|Partition|AllocTRES|Elapsed|Start|End|State\n")
        for j in range(a.jobs):
            jid = 100000 + j
            gpus = rng.choice([1, 2, 4, 8])
            model = rng.choice(["a100", "v100"])
            secs = rng.randint(60, 48 * 3600)
            start = base + datetime.timedelta(minutes=7 * j)
            end = start + datetime.timedelta(seconds=secs)
            gpu_seconds[model] += gpus * secs
            el = f"{secs // 86400}-{secs % 86400 // 3600:02d}:{secs % 3600 // 60:02d}:{secs % 60:02d}" if secs >= 86400 \
                else f"{secs // 3600:02d}:{secs % 3600 // 60:02d}:{secs % 60:02d}"
            tres = f"billing={gpus * 4},cpu={gpus * 8},gres/gpu:{model}={gpus},gres/gpu={gpus},mem={gpus * 64}G,node=1"
            state = rng.choice(["COMPLETED"] * 8 + ["FAILED", "CANCELLED by 1234"])
            s, e = start.strftime(fmt), end.strftime(fmt)
            f.write(f"{jid}|train-{j % 97}|gpu|{tres}|{el}|{s}|{e}|{state}\n")
            f.write(f"{jid}.batch|batch||{tres}|{el}|{s}|{e}|{state.split()[0]}\n")
            f.write(f"{jid}.extern|extern||{tres}|{el}|{s}|{e}|COMPLETED\n")
            for st in range(a.steps):
                f.write(f"{jid}.{st}|python||{tres}|{el}|{s}|{e}|COMPLETED\n")
    exact = f"jobs {a.jobs}\n" + "".join(f"gpu_seconds {m} {v}\n" for m, v in sorted(gpu_seconds.items()))
    with open(os.path.join(a.out, "EXACT.txt"), "w") as f:
        f.write(exact)
    print(exact, end="")
    for r in range(a.traces):
        d = os.path.join(a.out, "runs", f"r{r:05d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "experiment.yaml"), "w") as f:
            f.write(f"name: run {r}\ngroup: sweep-{r % 10}\nhardware:\n  accelerator: V100\n  count: 1\n")
        t0 = base + datetime.timedelta(hours=r)
        rows = ["timestamp, index, name, power.draw [W]\n"]
        for i in range(a.samples):
            ts = (t0 + datetime.timedelta(seconds=i)).strftime("%Y/%m/%d %H:%M:%S.%f")[:-3]
            rows.append(f"{ts}, 0, Tesla V100-SXM2-16GB, {rng.uniform(50, 300):.2f} W\n")
        with open(os.path.join(d, "gpu.csv"), "w") as f:
            f.write("".join(rows))


if __name__ == "__main__":
    main()
