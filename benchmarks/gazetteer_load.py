"""Gazetteer load time and memory: the first use on a fresh machine (the small-places index is
built into the cache directory) and every later process (the index is read from the cache).

Each measurement runs in a fresh Python process so that nothing is shared between them. Prints
wall time, CPU time and the growth of the process's peak resident memory; asserts nothing.

    .venv/bin/python benchmarks/gazetteer_load.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

_PROBE = """
import json, resource, time
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
wall, cpu = time.perf_counter(), time.process_time()
from eventlens.knowledge.gazetteer import Gazetteer
gazetteer = Gazetteer()
found = [gazetteer.resolve(name) for name in ("Sibi", "Aghtrin", "Ma'rib", "Kalat", "Lamu")]
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "peak_mb": (after - before) / 1024, "resolved": sum(p is not None for p in found)}))
"""


def measure(cache_dir: str) -> dict[str, float]:
    env = {**os.environ, "EVENTLENS_CACHE_DIR": cache_dir}
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="eventlens-gazetteer-") as cache_dir:
        cold = measure(cache_dir)
        warm = measure(cache_dir)
    for label, row in (("first use (builds the index)", cold), ("later processes (cached index)", warm)):
        print(
            f"{label:32s} wall {row['wall']:5.2f} s  cpu {row['cpu']:5.2f} s  "
            f"peak memory +{row['peak_mb']:6.1f} MB  (resolved {row['resolved']:.0f}/5 small places)"
        )


if __name__ == "__main__":
    main()
