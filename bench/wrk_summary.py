"""Reads wrk's --latency output on stdin and prints "req/s p50 p99 errors" (latencies in ms;
errors = non-2xx/3xx answers plus time-outs), for the bench scripts."""
import re
import sys

text = sys.stdin.read()


def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m:
        return float("nan")
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
timeouts = re.search(r"timeout (\d+)", text)
print(rps.group(1) if rps else "nan", ms("50"), ms("99"),
      int(errors.group(1) if errors else 0) + int(timeouts.group(1) if timeouts else 0))
