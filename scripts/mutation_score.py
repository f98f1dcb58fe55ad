"""Print the mutation score of the last `mutmut run`, per module and overall (`make mutants`).

A mutant counts as killed when a test failed (or timed out) with it; one that no test covers
counts as survived. With ``--min PERCENT`` the exit code is 1 below that score; with
``--survivors`` every surviving mutant is listed (`mutmut show NAME` prints its diff).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mutmut.stats import status_by_exit_code

KILLED = {"killed", "timeout", "segfault", "caught by type check"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=0.0, help="fail below this score (percent)")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    args = parser.parse_args(argv)
    metas = sorted(Path("mutants").rglob("*.py.meta"))
    if not metas:
        print("no mutmut results in mutants/: run `make mutants`", file=sys.stderr)
        return 1
    total_killed = total = 0
    survivors: list[tuple[str, str]] = []
    print(f"{'module':34} {'killed':>6} {'total':>6} {'score':>7}  other")
    for meta in metas:
        module = meta.relative_to("mutants").as_posix().removesuffix(".meta")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        statuses = {name: status_by_exit_code[code] for name, code in codes.items()}
        if not statuses:
            continue
        killed = sum(s in KILLED for s in statuses.values())
        others: dict[str, int] = {}
        for name, status in sorted(statuses.items()):
            if status not in KILLED:
                others[status] = others.get(status, 0) + 1
                survivors.append((name, status))
        total_killed, total = total_killed + killed, total + len(statuses)
        print(
            f"{module:34} {killed:6} {len(statuses):6} {100 * killed / len(statuses):6.1f}%  "
            + ", ".join(f"{n} {s}" for s, n in sorted(others.items()))
        )
    score = 100 * total_killed / total if total else 0.0
    print(f"{'overall':34} {total_killed:6} {total:6} {score:6.1f}%")
    if args.survivors:
        print()
        for name, status in survivors:
            print(f"{status:12} {name}")
    if score < args.min:
        print(f"mutation score {score:.1f}% is below {args.min:g}%", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
