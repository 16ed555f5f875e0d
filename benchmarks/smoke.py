"""CI smoke test of the benchmark: it completes and its JSON line carries every key.
No timing is checked here (CI machines are noisy); see README "Performance" for a real run.

    python benchmarks/run.py --papers 2000 --json | python benchmarks/smoke.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.run import KEYS


def main() -> None:
    lines = sys.stdin.read().strip().splitlines()
    results = json.loads(lines[-1])
    missing = [key for key in KEYS if results.get(key) is None]
    if missing:
        raise SystemExit(f"benchmark output lacks {missing}")
    print(f"benchmark smoke test: all {len(KEYS)} keys present for {results['papers']} papers")


if __name__ == "__main__":
    main()
