#!/usr/bin/python3
"""The peer: what a researcher does today with pandas (issue 7's script, unchanged).

Usage: peer_pandas.py TRACE.csv    prints the energy in kWh (repr, all digits)
Run with the distribution's Python (/usr/bin/python3 with python3-pandas and python3-numpy).
"""
import sys

import numpy as np
import pandas as pd


def main():
    path = sys.argv[1]
    df = pd.read_csv(path, skipinitialspace=True, na_values=["[N/A]", "[Not Supported]"])
    df.columns = [c.split(" [")[0] for c in df.columns]
    df["power"] = pd.to_numeric(df["power.draw"].astype(str).str.rstrip(" W"), errors="coerce")
    df["t"] = pd.to_datetime(df["timestamp"], format="%Y/%m/%d %H:%M:%S.%f").astype("int64") / 1e9
    kwh = sum(np.trapz(g["power"].to_numpy(), g["t"].to_numpy())
              for _, g in df.dropna(subset=["power"]).groupby("index")) / 3.6e6
    print(repr(float(kwh)))


if __name__ == "__main__":
    main()
