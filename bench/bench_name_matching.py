"""Benchmark: name matching on the real files, to choose the library and the key.

    .venv/bin/python bench/bench_name_matching.py [--shared ../shared] [--threshold 90]

1. "Did you mean": every supplier and recipient name of the real SIPRI exports, misspelt
   deterministically (fixed seed: a letter dropped, two letters swapped, the `*` dropped, the
   case changed, a letter doubled), looked up among the committed aliases; the true name among
   the first 1 and 3 candidates, and whether a name of the UN list (not an alias) wrongly gets
   candidates. difflib's get_close_matches against rapidfuzz's extract (ratio and WRatio).
2. Entity resolution on the real UN Consolidated List: each Latin-script alias of a party,
   searched among the listed names of all parties (its own party's hit at 1 and 3); each name in
   original script, searched among the listed names, with and without transliteration
   (anyascii, when installed); rapidfuzz on matching keys (embargo/name_matching.py), difflib on
   plain lower-case names, and splink (name only, Jaro-Winkler levels, u by random sampling, m by
   expectation maximisation) when installed.
3. The real cross-source candidates: every SIPRI supplier and recipient name against every name
   and alias of the list at or above --threshold, printed for a person to check.

Prints figures only; reads ../shared/data (SIPRI and the UN list stay outside the repository).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import random
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz, process

from embargo.config import REFERENCE_DIR
from embargo.name_matching import matching_key, name_score
from ingest.sources.sanctions_list import read_list

SHARED = Path(__file__).resolve().parents[2] / "shared"
LIST_FILE = "data/un_sc_sanctions/un_sc_consolidated_list_2025-11-20.xml"


def sipri_names(folder: Path) -> list[str]:
    names: set[str] = set()
    for path in sorted(folder.glob("trade-register*.csv")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        lines = text.splitlines()
        start = next(
            i
            for i, line in enumerate(lines)
            if line.startswith(("Recipient,Supplier", "SIPRI AT Database ID"))
        )
        for row in csv.DictReader(io.StringIO("\n".join(lines[start:]))):
            for column in ("Recipient", "Supplier"):
                if row.get(column):
                    names.add(row[column].strip())
    return sorted(names)


def committed_aliases() -> list[str]:
    with (REFERENCE_DIR / "country_aliases.csv").open(encoding="utf-8") as handle:
        return [row["alias"] for row in csv.DictReader(handle)]


def misspell(name: str, rng: random.Random) -> str:
    kind = rng.choice(("drop", "swap", "star", "case", "double"))
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if kind == "star" and name.endswith("*"):
        return name.rstrip("*")
    if kind == "case":
        return name.upper() if name != name.upper() else name.lower()
    if len(letters) < 3:
        return name + name[-1]
    i = rng.choice(letters[1:-1])
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    if kind == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + name[i] + name[i:]


def timed(function, queries):
    started = time.perf_counter()
    results = [function(query) for query in queries]
    return results, (time.perf_counter() - started) / max(1, len(queries)) * 1000


def did_you_mean(sipri: list[str], decoys: list[str]) -> None:
    known = committed_aliases()
    lowered = {alias.lower(): alias for alias in known}
    keys = list(lowered)
    rng = random.Random(20261106)
    cases = [(misspell(name, rng), name) for name in sipri for _ in range(3)]
    cases = [(query, truth) for query, truth in cases if query.lower() != truth.lower()]
    methods = {
        "difflib get_close_matches (0.6)": lambda q: [
            lowered[k] for k in difflib.get_close_matches(q.lower(), keys, n=3, cutoff=0.6)
        ],
        "rapidfuzz ratio (>= 60)": lambda q: [
            lowered[k]
            for k, _, _ in process.extract(
                q.lower(), keys, scorer=fuzz.ratio, limit=3, score_cutoff=60
            )
        ],
        "rapidfuzz WRatio (>= 80)": lambda q: [
            lowered[k]
            for k, _, _ in process.extract(
                q.lower(), keys, scorer=fuzz.WRatio, limit=3, score_cutoff=80
            )
        ],
    }
    print(
        f"\n1. Did you mean: {len(cases)} misspellings of {len(sipri)} real SIPRI names among "
        f"{len(known)} committed aliases; {len(decoys)} UN-list names as decoys"
    )
    for label, method in methods.items():
        found, ms = timed(method, [query for query, _ in cases])
        top1 = sum(bool(f) and f[0] == truth for f, (_, truth) in zip(found, cases, strict=True))
        top3 = sum(truth in f for f, (_, truth) in zip(found, cases, strict=True))
        wrong, _ = timed(method, decoys)
        suggested = sum(bool(w) for w in wrong)
        print(
            f"   {label:<34} top-1 {top1 / len(cases):6.1%}  top-3 {top3 / len(cases):6.1%}  "
            f"decoys given candidates {suggested / len(decoys):6.1%}  {ms:.3f} ms/name"
        )


def is_latin(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def list_parties(path: Path):
    handler = read_list(path)
    listed: dict[str, str] = {}
    aliases: list[tuple[str, str]] = []
    originals: list[tuple[str, str]] = []
    for record in handler.records:
        reference = record.first("REFERENCE_NUMBER")
        name = " ".join(
            p
            for p in map(record.first, ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"))
            if p
        )
        listed[reference] = name
        for alias in record.aliases:
            aliases.append((alias["ALIAS_NAME"], reference))
        if record.first("NAME_ORIGINAL_SCRIPT"):
            originals.append((record.first("NAME_ORIGINAL_SCRIPT"), reference))
    return listed, aliases, originals


def rank(
    query_key: str, index: list[tuple[str, str]], limit: int = 3, scorer=fuzz.token_sort_ratio
) -> list[str]:
    scored = process.extract(
        query_key, [key for key, _ in index], scorer=scorer, limit=limit * 4, score_cutoff=60
    )
    parties: list[str] = []
    for _, _, position in scored:
        party = index[position][1]
        if party not in parties:
            parties.append(party)
    return parties[:limit]


def hits(found: list[list[str]], truths: list[str]) -> tuple[float, float]:
    n = max(1, len(truths))
    top1 = sum(bool(f) and f[0] == t for f, t in zip(found, truths, strict=True)) / n
    top3 = sum(t in f for f, t in zip(found, truths, strict=True)) / n
    return top1, top3


def entity_resolution(list_path: Path) -> None:
    listed, aliases, originals = list_parties(list_path)
    latin = [(a, ref) for a, ref in aliases if is_latin(a) and a.strip()]
    index = [(matching_key(name), ref) for ref, name in listed.items()]
    plain = [(name.lower(), ref) for ref, name in listed.items()]
    print(
        f"\n2. Entity resolution on the UN list: {len(listed)} parties; {len(latin)} Latin-"
        f"script aliases and {len(originals)} names in original script as queries"
    )
    truths = [r for _, r in latin]
    for label, scorer in (
        ("token-set", fuzz.token_set_ratio),
        ("token-sort", fuzz.token_sort_ratio),
        ("ratio", fuzz.ratio),
    ):
        found, ms = timed(
            lambda q, s=scorer: rank(matching_key(q), index, scorer=s), [a for a, _ in latin]
        )
        top1, top3 = hits(found, truths)
        print(
            f"   aliases, rapidfuzz {label:<10} on keys   top-1 {top1:6.1%}  top-3 {top3:6.1%}"
            f"  {ms:.2f} ms/name"
        )
    keys = [k for k, _ in plain]

    def difflib_rank(query: str) -> list[str]:
        close = difflib.get_close_matches(query.lower(), keys, n=3, cutoff=0.6)
        return [plain[keys.index(k)][1] for k in close]

    found, ms = timed(difflib_rank, [a for a, _ in latin])
    top1, top3 = hits(found, truths)
    print(
        f"   aliases, difflib on lower-case names     top-1 {top1:6.1%}"
        f"  top-3 {top3:6.1%}  {ms:.2f} ms/name"
    )
    found, _ = timed(lambda q: rank(matching_key(q), index), [o for o, _ in originals])
    print(
        f"   original script, no transliteration      top-3 "
        f"{hits(found, [r for _, r in originals])[1]:6.1%}"
    )
    try:
        from anyascii import anyascii
    except ImportError:
        print("   original script, anyascii: not installed, skipped")
    else:
        found, ms = timed(
            lambda q: rank(matching_key(anyascii(q)), index), [o for o, _ in originals]
        )
        print(
            f"   original script, anyascii transliterated top-1 "
            f"{hits(found, [r for _, r in originals])[0]:6.1%}  top-3 "
            f"{hits(found, [r for _, r in originals])[1]:6.1%}  {ms:.2f} ms/name"
        )
    splink_aliases(listed, latin)


def splink_aliases(listed: dict[str, str], latin: list[tuple[str, str]]) -> None:
    try:
        import pandas as pd
        import splink.comparison_library as cl
        from splink import Linker, SettingsCreator, block_on
        from splink.backends.duckdb import DuckDBAPI
    except ImportError as missing:
        print(f"   splink: not installed ({missing.name}), skipped")
        return
    left = pd.DataFrame(
        [
            {"unique_id": f"a{i}", "name": matching_key(a), "truth": r}
            for i, (a, r) in enumerate(latin)
        ]
    )
    right = pd.DataFrame(
        [
            {"unique_id": ref, "name": matching_key(name), "truth": ref}
            for ref, name in listed.items()
        ]
    )
    left["first_letter"] = left["name"].str[:1]
    right["first_letter"] = right["name"].str[:1]
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[cl.JaroWinklerAtThresholds("name", [0.95, 0.88, 0.7])],
        blocking_rules_to_generate_predictions=[block_on("first_letter")],
    )
    started = time.perf_counter()
    db_api = DuckDBAPI()
    tables = [
        db_api.register(left, table_name="aliases"),
        db_api.register(right, table_name="listed"),
    ]
    linker = Linker(tables, settings)
    linker.training.estimate_u_using_random_sampling(max_pairs=200_000)
    try:
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_letter"))
    except Exception as error:  # splink refuses EM when a comparison has nothing to vary
        print(f"   splink EM: {type(error).__name__}: {str(error)[:120]}")
    predictions = linker.inference.predict().as_pandas_dataframe()
    seconds = time.perf_counter() - started
    best: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for row in predictions.itertuples():
        query, party = (row.unique_id_l, row.unique_id_r)
        if not str(query).startswith("a"):
            query, party = party, query
        best[query].append((row.match_weight, party))
    found = [
        [p for _, p in sorted(best.get(f"a{i}", []), reverse=True)[:3]] for i in range(len(latin))
    ]
    top1, top3 = hits(found, [r for _, r in latin])
    likely = int((predictions["match_probability"] >= 0.5).sum())
    print(
        f"   aliases, splink (Jaro-Winkler, EM)       top-1 {top1:6.1%}  top-3 {top3:6.1%}  "
        f"(ranked by match weight within the first-letter blocks) {seconds:.1f} s in all; "
        f"{likely} of {len(predictions)} pairs at match probability >= 0.5"
    )


def non_state_names(names: list[str]) -> list[str]:
    """The names the committed aliases map to a non-state actor, an organisation or an unknown
    party: States are not listed parties, so their names are not compared."""
    with (REFERENCE_DIR / "country_aliases.csv").open(encoding="utf-8") as handle:
        kinds = {row["alias"].lower(): row["actor_type"] for row in csv.DictReader(handle)}
    return [n for n in names if kinds.get(n.lower()) not in ("state", "historical")]


def cross_source(sipri: list[str], list_path: Path, threshold: float) -> None:
    sipri = non_state_names(sipri)
    listed, aliases, _ = list_parties(list_path)
    names = [(name, ref) for ref, name in listed.items()] + aliases
    index = [(matching_key(name), name, ref) for name, ref in names if matching_key(name)]
    print(
        f"\n3. SIPRI non-state and organisation names x UN list names and aliases "
        f"({len(sipri)} x {len(index)}), name_score >= {threshold:g}, keys under 3 letters "
        "left out:"
    )
    started = time.perf_counter()
    candidates = []
    for sipri_name in sipri:
        key = matching_key(sipri_name)
        if len(key.replace(" ", "")) < 3:
            continue
        for list_key, list_name, ref in index:
            score = name_score(key, list_key)
            if score >= threshold and len(list_key.replace(" ", "")) >= 3:
                candidates.append((sipri_name, ref, list_name, score))
    seconds = time.perf_counter() - started
    by_pair: dict[tuple[str, str], tuple[str, float]] = {}
    for sipri_name, ref, list_name, score in candidates:
        if score > by_pair.get((sipri_name, ref), ("", -1))[1]:
            by_pair[(sipri_name, ref)] = (list_name, score)
    for (sipri_name, ref), (list_name, score) in sorted(by_pair.items()):
        print(f"   {score:5.1f}  {sipri_name:<34} {ref:<9} {list_name}")
    print(f"   {len(by_pair)} candidate pairs in {seconds:.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--threshold", type=float, default=90)
    args = parser.parse_args()
    list_path = args.shared / LIST_FILE
    sipri_folder = args.shared / "data" / "sipri"
    if not list_path.is_file() or not sipri_folder.is_dir():
        print(f"needs {list_path} and {sipri_folder}", file=sys.stderr)
        return 2
    sipri = sipri_names(sipri_folder)
    listed, _, _ = list_parties(list_path)
    decoys = sorted({name for name in listed.values() if name})[:300]
    did_you_mean(sipri, decoys)
    entity_resolution(list_path)
    cross_source(sipri, list_path, args.threshold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
