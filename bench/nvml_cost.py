#!/usr/bin/env python3
"""What each NVML query the recorder makes costs on this card, in CPU and wall time (issue 22).

Usage: nvml_cost.py [CALLS]   (needs nvidia-ml-py, i.e. `import pynvml`)
Independent of carbonpaper: the figures say what a sampling interval can cost at best.
"""
import sys
import time

import pynvml as N


def cost(name, f, n):
    f()
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(n):
        f()
    c, w = (time.process_time() - c0) / n, (time.perf_counter() - w0) / n
    print(f"  {name:58s} cpu {1e3 * c:8.3f} ms  wall {1e3 * w:8.3f} ms")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    N.nvmlInit()
    h = N.nvmlDeviceGetHandleByIndex(0)
    print(f"driver {N.nvmlSystemGetDriverVersion()}, {N.nvmlDeviceGetName(h)}, {n} calls each")
    fields = [getattr(N, "NVML_FI_DEV_POWER_INSTANT", 186), getattr(N, "NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION", 83)]
    for v in N.nvmlDeviceGetFieldValues(h, fields):
        print(f"  field {v.fieldId}: nvmlReturn {v.nvmlReturn}, value {v.value.ullVal if v.valueType == 3 else v.value.uiVal}")
    cost("nvmlDeviceGetPowerUsage", lambda: N.nvmlDeviceGetPowerUsage(h), n)
    cost("nvmlDeviceGetTotalEnergyConsumption", lambda: N.nvmlDeviceGetTotalEnergyConsumption(h), n)
    cost("nvmlDeviceGetFieldValues(POWER_INSTANT, TOTAL_ENERGY)", lambda: N.nvmlDeviceGetFieldValues(h, fields), n)
    cost("nvmlDeviceGetFieldValues(TOTAL_ENERGY)", lambda: N.nvmlDeviceGetFieldValues(h, fields[1:]), n)
    cost("nvmlDeviceGetComputeRunningProcesses", lambda: N.nvmlDeviceGetComputeRunningProcesses(h), max(n // 10, 5))
    cost("nvmlDeviceGetPowerManagementLimit", lambda: N.nvmlDeviceGetPowerManagementLimit(h), n)
    N.nvmlShutdown()


if __name__ == "__main__":
    main()
