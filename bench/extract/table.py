#!/usr/bin/python3
"""Prints bench/extract's table from the scorer's results and the timings.

    table.py RESULTS.json TIMES_DIR

TIMES_DIR holds NAME.time files ("pages bytes seconds") for each NAME of
RESULTS.json (written by evaluate.py --output).
"""
import json
import os
import sys


def main():
    results = json.load(open(sys.argv[1]))
    times = {}
    for name in results:
        p = os.path.join(sys.argv[2], name + ".time")
        if os.path.exists(p):
            pages, size, secs = open(p).read().split()
            times[name] = (int(pages), int(size), float(secs))
    k = times.get("khabar")
    print("%-18s %6s %6s %13s   %9s %8s %12s" % ("extractor", "P", "R", "F1 (± boot.)",
                                              "pages/s", "MB/s", "khabar is"))
    for name in sorted(results, key=lambda n: (n != "khabar", n)):
        m = results[name]
        row = "%-18s %6.3f %6.3f %6.3f ± %.3f" % (name, m["precision"], m["recall"], m["f1"],
                                                  m.get("f1_std", 0.0))
        if name in times:
            pages, size, secs = times[name]
            pps = pages / secs if secs > 0 else 0
            mbs = size / secs / 1e6 if secs > 0 else 0
            ratio = ""
            if k and name != "khabar" and secs > 0:
                ratio = "%.1fx faster" % (secs / k[2]) if k[2] > 0 else ""
            row += "   %9.1f %8.2f %12s" % (pps, mbs, ratio)
        print(row)
    print("(F1/P/R: the benchmark's evaluate.py; speed: one thread, HTML bytes in,"
          " text out, decompression not timed)")


if __name__ == "__main__":
    main()
