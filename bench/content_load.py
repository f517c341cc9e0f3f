"""Time loading and validating the shipped content, and a generated copy ten times its size.

Run by hand: ``python bench/content_load.py``. Aims (issue 15): shipped content under 100 ms,
10x under 1 s, both without the start-up cache (validate and a first start pay them); the
cache's cold and warm loads are shown apart. Prints medians of several runs; the 10x copy
renames every id so it is all distinct content.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from gitops_tutor.curriculum.loader import load  # noqa: E402
from gitops_tutor.paths import shipped_content_dir  # noqa: E402

RUNS = 5
SHARED_FILES = ("domains.yaml", "pack.yaml", "comparison.yaml")


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    return common.median_ms(action, runs)


def make_copies(source: Path, target: Path, copies: int) -> None:
    """Write ``copies`` packs whose ids are all suffixed, so nothing clashes."""
    ids, domains = set(), set()
    for path in source.rglob("*.yaml"):
        found = re.findall(r"^\s*-?\s*id:\s*([a-z0-9-]+)\s*$", path.read_text(), flags=re.M)
        (domains if path.name == "domains.yaml" else ids).update(found)
    ids -= domains  # domains.yaml is not copied, so the copies must keep naming the shipped domains
    # A whole hyphenated word is an id or not ("ops-flux" must not match inside "ops-flux-order"), and
    # (?!:) leaves mapping keys alone: a concept id "kind" must not rename the "kind:" key of every file.
    words = re.compile(r"(?<![\w-])[A-Za-z0-9][\w-]*(?![\w-])(?!:)")
    for n in range(copies):
        pack = target / f"copy{n}"
        for path in source.rglob("*.yaml"):
            if path.name in SHARED_FILES:
                continue
            out = pack / path.relative_to(source)
            out.parent.mkdir(parents=True, exist_ok=True)
            renamed = words.sub(lambda m, n=n: f"{m.group()}-c{n}" if m.group() in ids else m.group(), path.read_text())
            out.write_text(renamed)


def parser_floor(roots: list[Path], runs: int = RUNS) -> list[tuple[str, float]]:
    """Median CPU ms of the parsing steps alone, on the same files as the load: what no later step
    can win back while the loader composes with PyYAML.

    libyaml's own parse makes no Python objects; composing adds a Python node, a resolver call
    and two marks for every value; yamlread then builds the YMap/YList values. The rest of a
    load (schema test, models, content hashes, cross-file checks) is the load's row minus the last.
    """
    import yaml

    from gitops_tutor.curriculum.yamlread import _Loader, decode, read_yaml

    texts = [decode(path.read_bytes()) for root in roots for path in sorted(root.rglob("*.yaml"))]

    def libyaml_parse() -> None:
        for text in texts:
            yaml.CSafeLoader(text).raw_parse()

    def compose() -> None:
        for text in texts:
            loader = _Loader(text)
            loader.get_single_node()
            loader.dispose()

    def read() -> None:
        for text in texts:
            read_yaml(text)

    steps = (("libyaml parse only", libyaml_parse), ("PyYAML compose", compose), ("compose + build (yamlread)", read))
    return [(name, cpu_median_ms(step, runs)) for name, step in steps]


def cpu_median_ms(action: Callable[[], object], runs: int) -> float:
    """Median process CPU of ``runs`` calls, in milliseconds, with the collector paused as the loader
    pauses it (otherwise its walks over whatever the process still holds are most of the figure)."""
    from gitops_tutor.curriculum.collector import collector_paused

    times = []
    for _ in range(runs):
        with collector_paused():
            started = time.process_time()
            action()
            times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def with_samples(packs: list[Path], shipped: Path) -> None:
    from gitops_tutor.grading.samples import check_samples

    result = load(packs, shipped=shipped)
    list(check_samples(result.curriculum))


def cache_cold_and_warm(packs: list[Path], shipped: Path, runs: int = RUNS) -> tuple[float, float]:
    """Median ms of the app's and ``list``'s load through the start-up cache: cold (empty cache
    folder: parse, check and write) and warm (read back)."""
    from gitops_tutor.curriculum.cache import load_cached

    cold, warm = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            cold.append(median_ms(lambda folder=folder: load_cached(packs, shipped, Path(folder)), 1))
            warm.append(median_ms(lambda folder=folder: load_cached(packs, shipped, Path(folder)), 1))
    return statistics.median(cold), statistics.median(warm)


def main() -> None:
    shipped = shipped_content_dir()
    result = load([], shipped=shipped)
    cur = result.curriculum
    print(
        f"shipped content: {len(cur.lessons)} lessons, {len(cur.questions)} questions, "
        f"{sum(p.stat().st_size for p in shipped.rglob('*.yaml')) / 1024:.0f} KiB"
    )
    with tempfile.TemporaryDirectory() as tmp:
        make_copies(shipped, Path(tmp), 9)
        packs = sorted(Path(tmp).iterdir())
        big = load(packs, shipped=shipped)
        print(f"10x content:     {len(big.curriculum.questions)} questions, {len(big.errors)} errors")
        small_cold, small_warm = cache_cold_and_warm([], shipped)
        big_cold, big_warm = cache_cold_and_warm(packs, shipped, 3)
        rows = [
            ("load + check, shipped", median_ms(lambda: load([], shipped=shipped)), 100),
            ("load + check, 10x", median_ms(lambda: load(packs, shipped=shipped), 3), 1000),
            ("start-up cache, shipped, cold", small_cold, None),
            ("start-up cache, shipped, warm", small_warm, None),
            ("start-up cache, 10x, cold", big_cold, None),
            ("start-up cache, 10x, warm", big_warm, None),
            ("validate incl. samples, shipped", median_ms(lambda: with_samples([], shipped)), None),
            ("validate incl. samples, 10x", median_ms(lambda: with_samples(packs, shipped), 3), None),
        ]
    print(f"\n{'what':34} {'median ms':>10} {'aim ms':>8}")
    for name, ms, aim in rows:
        print(f"{name:34} {ms:10.1f} {aim if aim else '-':>8}")
    print(f"\nparsing alone, shipped (CPU)      {'median ms':>10}")
    for name, ms in parser_floor([shipped]):
        print(f"{name:34} {ms:10.1f}")


if __name__ == "__main__":
    main()
