"""Score linking end to end: each pool split (and ../shared/corpus/dev) ingested with --auto-merge, then score_link.py.

    python -m training.eval_link [--split train|dev|test|corpus-dev ...]

For each set: an empty database in a temporary home, `longarm ingest FILES --auto-merge`,
`longarm export --format json`, and ../shared/tools/score_link.py against gold files
written in the same temporary folder with the incident keys of the annotations (every
incident of a file, as the held-out gold has them; the corpus dev set brings its own
gold). `--story-keys` scores against incidents.tsv's one rough key per file instead, as
before the annotations were used. Nothing of the texts is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from training.link_pool import POOL, ROOT, pool_files

SHARED = ROOT.parent / "shared"
CORPUS_DEV = SHARED / "corpus" / "dev"
SCORER = SHARED / "tools" / "score_link.py"
SETS = ("train", "dev", "test", "corpus-dev")


def _longarm(home: Path, *args: str) -> str:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LONGARM_")}
    env["LONGARM_HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-m", "longarm", *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"longarm {args[0]} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def score(files: list[Path], gold: Path, corpus: Path, work: Path) -> str:
    """Ingest the files into an empty database with --auto-merge, export, and return score_link.py's report."""
    home = work / "home"
    _longarm(home, "init")
    _longarm(home, "ingest", *map(str, files), "--auto-merge")
    export = work / "export.json"
    _longarm(home, "export", "--format", "json", "--out", str(export))
    done = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold), "--corpus", str(corpus), "--export", str(export)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _pool_gold(split: str, gold: Path, *, story_keys: bool) -> list[Path]:
    gold.mkdir()
    files = [f for f in pool_files() if f.split == split]
    for pool_file in files:
        keys = [pool_file.key] if story_keys else sorted(pool_file.keys)
        record = {"file": pool_file.name, "incidents": [{"key": key, "optional": False} for key in keys]}
        (gold / f"{Path(pool_file.name).stem}.json").write_text(json.dumps(record), encoding="utf-8")
    return [POOL / f.name for f in files]


def main(argv: list[str] | None = None) -> int:
    """Print link P/R/F1 for each requested set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", choices=SETS, help="a set to score (default: all)")
    parser.add_argument("--verbose", action="store_true", help="print the missed and wrong document pairs")
    parser.add_argument("--story-keys", action="store_true", help="score the pool against incidents.tsv's story keys")
    args = parser.parse_args(argv)
    for name in args.split or SETS:
        with tempfile.TemporaryDirectory(prefix=f"eval-link-{name}-") as folder:
            work = Path(folder)
            if name == "corpus-dev":
                files = sorted(CORPUS_DEV.glob("*.txt"))
                report = score(files, CORPUS_DEV / "gold", CORPUS_DEV, work)
            else:
                files = _pool_gold(name, work / "gold", story_keys=args.story_keys)
                report = score(files, work / "gold", POOL, work)
        lines = report.strip().splitlines()
        shown = lines if args.verbose else [lines[0], lines[-1]]
        print(f"{name:<11} {len(files):>3} files  " + "  ".join(shown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
