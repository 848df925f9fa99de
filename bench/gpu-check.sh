#!/usr/bin/env bash
# Compares `carbonpaper record` with nvidia-smi on a real GPU: builds carbonpaper, runs a 60-s load on
# GPU 0 under the recorder while nvidia-smi logs power.draw every 100 ms beside it, and prints both
# energies over the same window. Needs: an NVIDIA GPU and driver, Java 17, Maven, python3, and nvcc
# (bench/gpu-burn.cu) or python3 with torch for the load. Usage: bench/gpu-check.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_LOAD="${1:-60}"
OUT=bench/out
REC=/tmp/rec
mkdir -p "$OUT"
rm -rf "$REC"

mvn -q -B package -Dmaven.test.skip=true

if command -v nvcc >/dev/null 2>&1 && nvcc -O2 -o "$OUT/gpu-burn" bench/gpu-burn.cu; then
  LOAD=("$OUT/gpu-burn" "$SECONDS_LOAD")
elif python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
  cat > "$OUT/torch-burn.py" <<'PY'
import sys, time, torch
a = torch.randn(8192, 8192, device="cuda")
t = time.time()
while time.time() - t < float(sys.argv[1]):
    b = a @ a
    torch.cuda.synchronize()
print("torch-burn: done")
PY
  LOAD=(python3 "$OUT/torch-burn.py" "$SECONDS_LOAD")
else
  echo "gpu-check: neither nvcc nor python3 with CUDA torch is available for a GPU load" >&2
  exit 2
fi

nvidia-smi -L
nvidia-smi --id=0 --query-gpu=timestamp,power.draw --format=csv,noheader,nounits -lms 100 > "$OUT/smi.csv" &
SMI=$!
trap 'kill $SMI 2>/dev/null || true' EXIT
sleep 2
CUDA_VISIBLE_DEVICES=0 java -jar target/carbonpaper.jar record --out "$REC" --gpus 0 -- "${LOAD[@]}"
sleep 2
kill $SMI; wait $SMI 2>/dev/null || true
cp "$REC/trace.csv" "$REC/experiment.yaml" "$OUT/"

python3 - "$REC/trace.csv" "$OUT/smi.csv" <<'PY'
import csv, sys
from datetime import datetime, timezone

rows = [r for r in csv.reader(l for l in open(sys.argv[1]) if not l.startswith("#"))][1:]
gpu = [r for r in rows if r[2] == "gpu" and r[1] == "0"]
t = lambda s: datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp()
first, last = t(gpu[0][0]), t(gpu[-1][0])
counter = [float(r[5]) for r in gpu if r[5]]
pw = [(t(r[0]), float(r[4])) for r in gpu if r[4]]
trap = sum((b[0] - a[0]) * (a[1] + b[1]) / 2 for a, b in zip(pw, pw[1:]))
smi = []
for line in open(sys.argv[2]):
    parts = [p.strip() for p in line.split(",")]
    try:  # nvidia-smi prints local time
        smi.append((datetime.strptime(parts[0], "%Y/%m/%d %H:%M:%S.%f").timestamp(), float(parts[1])))
    except (ValueError, IndexError):
        pass
win = [p for p in smi if first <= p[0] <= last]
smi_j = sum((b[0] - a[0]) * (a[1] + b[1]) / 2 for a, b in zip(win, win[1:]))
span = last - first
print(f"window {span:.1f} s, {len(gpu)} recorder rows, {len(win)} nvidia-smi rows")
if counter:
    print(f"carbonpaper record, NVML energy counter: {counter[-1]:10.1f} J  (mean {counter[-1] / span:6.1f} W)")
print(f"carbonpaper record, power trace:         {trap:10.1f} J  (mean {trap / span:6.1f} W)")
print(f"nvidia-smi power.draw, same window:      {smi_j:10.1f} J  (mean {smi_j / max(win[-1][0] - win[0][0], 1e-9):6.1f} W)")
if counter and smi_j > 0:
    print(f"counter vs nvidia-smi: {100 * (counter[-1] - smi_j) / smi_j:+.2f} %")
PY
grep -E 'sampler_cpu_seconds|samples:' "$REC/experiment.yaml" || true
