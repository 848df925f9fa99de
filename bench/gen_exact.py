#!/usr/bin/python3
"""Run the shared trace generator and print its exact energy.

bench/gen-nvsmi-trace prints the energy with six decimals only, which cannot check a reader to
1e-9 relative. This wrapper runs the generator's own code unchanged (runpy, same arguments) and
then prints the total it computed, sum(energy_j) / 3.6e6, with all 17 significant digits.

Usage: gen_exact.py GENERATOR OUT.csv [generator options...]
Prints on stdout: rows=<n> total_kWh=<repr>
"""
import contextlib, io, runpy, sys


def main():
    gen = sys.argv[1]
    sys.argv = [gen] + sys.argv[2:]
    with contextlib.redirect_stderr(io.StringIO()):
        g = runpy.run_path(gen, run_name="__main__")
    total = sum(g["energy_j"]) / 3.6e6
    print(f"rows={g['n'] * g['a'].gpus} total_kWh={total!r}")


if __name__ == "__main__":
    main()
