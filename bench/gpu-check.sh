#!/usr/bin/env bash
# Checks `carbonpaper record` on a real NVIDIA GPU (issue 22). Runs a load on GPU 0 under the recorder while
# nvidia-smi logs power.draw (instant and average) and NVML's Python binding the card's own energy counter every
# 100 ms beside it, then two short checks:
# a recording while another user's process runs on the card, and a recording by an unprivileged user.
# Everything lands in RESULTS (default bench/out); bench/gpu_check.py compares the energies.
#
# Usage: bench/gpu-check.sh [SECONDS]
# Environment: JAVA (default: java on the PATH), CARBONPAPER_JAR (default target/carbonpaper.jar, built with
# Maven when absent), RESULTS (default bench/out).
# Needs: an NVIDIA GPU and driver, Java 17+, python3, and nvcc (bench/gpu-burn.cu) or python3 with CUDA torch.
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_LOAD="${1:-60}"
RESULTS="${RESULTS:-bench/out}"
JAVA="${JAVA:-java}"
JAR="${CARBONPAPER_JAR:-target/carbonpaper.jar}"
mkdir -p "$RESULTS"
RESULTS="$(cd "$RESULTS" && pwd)"
WORK="$(mktemp -d /tmp/gpu-check.XXXXXX)"
chmod 755 "$WORK"
say() { printf '\n== %s\n' "$*"; }

if [ ! -f "$JAR" ]; then mvn -q -B package -Dmaven.test.skip=true || exit 1; fi

say machine
{
  date -u +%Y-%m-%dT%H:%M:%SZ; date +'local offset %z'; uname -a; nproc
  "$JAVA" -version 2>&1
  nvidia-smi
  nvidia-smi -q -d POWER,CLOCK | sed -n 1,60p
  nvidia-smi --query-gpu=name,uuid,driver_version,vbios_version,power.limit,power.max_limit,pci.bus_id --format=csv
  nvcc --version 2>&1 | tail -2
  ldconfig -p | grep -i nvidia-ml; echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
  ls -l /dev/nvidia* 2>&1
  ls /sys/class/powercap 2>&1
} 2>&1 | tee "$RESULTS/machine.txt"

say load
if command -v nvcc >/dev/null 2>&1 && { nvcc -O2 -arch=native -o "$WORK/gpu-burn" bench/gpu-burn.cu || nvcc -O2 -o "$WORK/gpu-burn" bench/gpu-burn.cu; }; then
  LOAD=("$WORK/gpu-burn")
elif python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
  cat > "$WORK/torch-burn.py" <<'PY'
import sys, time, torch
a = torch.randn(8192, 8192, device="cuda")
t = time.time()
while time.time() - t < float(sys.argv[1]):
    b = a @ a
    torch.cuda.synchronize()
print("torch-burn: done")
PY
  LOAD=(python3 "$WORK/torch-burn.py")
else
  echo "gpu-check: neither nvcc nor python3 with CUDA torch is available for a GPU load" >&2
  exit 2
fi
chmod 755 "$WORK"/* 2>/dev/null

record() { # record OUTDIR ARGS... : the recorder with its stderr kept, and its own CPU time (not its children's)
  local out="$1"; shift
  "$JAVA" -jar "$JAR" record --out "$out" "$@" 2> "$out.stderr" &
  local pid=$! cpu=""
  while kill -0 "$pid" 2>/dev/null; do
    cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo "$cpu")
    sleep 0.2
  done
  wait "$pid"; local rc=$?
  echo "exit $rc, recorder JVM CPU ${cpu:-?} ticks of 1/$(getconf CLK_TCK) s (last reading, 0.2 s before its end)" >> "$out.stderr"
  cat "$out.stderr"
}

say "probe: can the recorder load NVML?"
record "$WORK/probe" -- sleep 2
if ! grep -q ',gpu,' "$WORK/probe/trace.csv" 2>/dev/null; then
  lib=$(find /usr/local/nvidia /usr/lib /usr/lib64 /lib /lib64 -name 'libnvidia-ml.so.1' 2>/dev/null | head -1)
  echo "no GPU rows; libnvidia-ml.so.1 found at: ${lib:-nowhere}"
  if [ -n "$lib" ]; then
    export LD_LIBRARY_PATH="$(dirname "$lib")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    record "$WORK/probe2" -- sleep 2
  fi
fi

say "main: ${SECONDS_LOAD} s load on GPU 0 under the recorder, nvidia-smi beside it"
# nvidia-smi has no query field for the energy counter (driver 580: "energy.consumption" is not a valid field),
# so the card's counter is logged independently through NVML's Python binding where it is installed.
nvidia-smi --id=0 --query-gpu=timestamp,index,power.draw.instant,power.draw.average --format=csv,noheader,nounits -lms 100 > "$RESULTS/smi.csv" 2> "$RESULTS/smi.err" &
SMI=$!
python3 - "$RESULTS/counter.csv" > "$RESULTS/counter.err" 2>&1 <<'PY' &
import sys, time
import pynvml as N
N.nvmlInit()
h = N.nvmlDeviceGetHandleByIndex(0)
with open(sys.argv[1], "w") as f:
    while True:
        f.write(f"{time.time():.6f},{N.nvmlDeviceGetTotalEnergyConsumption(h)}\n")
        f.flush()
        time.sleep(0.1)
PY
COUNTER=$!
trap 'kill $SMI $COUNTER 2>/dev/null || true' EXIT
sleep 2
CUDA_VISIBLE_DEVICES=0 record "$WORK/main" --gpus 0 -- "${LOAD[@]}" "$SECONDS_LOAD"
sleep 2
kill $SMI $COUNTER 2>/dev/null; wait $SMI $COUNTER 2>/dev/null

say "shared: another user's process on the card during the recording"
OTHER=(setpriv --reuid=65534 --regid=65534 --clear-groups)
"${OTHER[@]}" true 2>/dev/null || OTHER=()
"${OTHER[@]}" "${LOAD[@]}" 25 > "$WORK/other.log" 2>&1 &
OTHERPID=$!
sleep 4
nvidia-smi --query-compute-apps=pid,process_name,used_memory --format=csv 2>&1 | tee "$WORK/apps.txt"
record "$WORK/shared" -- "${LOAD[@]}" 8
wait $OTHERPID

say "unprivileged: the recorder run by another user"
if [ ${#OTHER[@]} -gt 0 ]; then
  cp "$JAR" "$WORK/carbonpaper.jar"; chmod 644 "$WORK/carbonpaper.jar"
  mkdir -p "$WORK/nobody"; chmod 777 "$WORK/nobody"
  "${OTHER[@]}" env HOME=/tmp "$JAVA" -jar "$WORK/carbonpaper.jar" record --out "$WORK/nobody/rec" -- "${LOAD[@]}" 8 2>&1 | tee "$WORK/nobody.stderr"
else
  echo "setpriv is not available: not checked" | tee "$WORK/nobody.stderr"
fi

say results
tar -C "$WORK" -czf "$RESULTS/recordings.tar.gz" --exclude=gpu-burn --exclude=carbonpaper.jar --exclude=torch-burn.py .
python3 bench/gpu_check.py "$WORK/main" "$RESULTS/smi.csv" "$RESULTS/counter.csv" 2>&1 | tee "$RESULTS/summary.txt"
for d in probe probe2 main shared nobody/rec; do
  [ -f "$WORK/$d/experiment.yaml" ] && { echo "-- $d/experiment.yaml"; grep -E 'shared|energy_counter|samples|sampler_cpu|warnings|notes|- "' "$WORK/$d/experiment.yaml"; }
done 2>&1 | tee -a "$RESULTS/summary.txt"
