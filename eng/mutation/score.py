#!/usr/bin/env python3
"""Writes tests/mutation-score.md from Stryker's JSON reports: score per package and per file, and every survivor.

Usage: score.py <reports-root>. Each area's report is <reports-root>/<area>/reports/mutation-report.json, and the
commit it measured is in <reports-root>/<area>/commit (eng/mutation.sh writes it).
Survivors listed in eng/mutation/equivalent.tsv (file, line, mutator, why; tab-separated) are marked equivalent
with the reason given there; they still count as survivors in the score, as Stryker counts them.
"""
import datetime
import json
import os
import subprocess
import sys

AREAS = [("core", "LimeCall.Sdk", 85), ("aspnetcore", "LimeCall.Sdk.AspNetCore", 85), ("postgresql", "LimeCall.Sdk.PostgreSql", 80)]
DETECTED = {"Killed", "Timeout"}
COUNTED = DETECTED | {"Survived", "NoCoverage"}


def score(mutants):
    counted = [m for m in mutants if m["status"] in COUNTED]
    detected = sum(1 for m in counted if m["status"] in DETECTED)
    return detected, len(counted)


def percent(detected, counted):
    return f"{100.0 * detected / counted:.1f} %" if counted else "n/a"


CONFIGURE_AWAIT = ("ConfigureAwait(false) to (true): changes which thread continues, never a result; counted as a "
                   "survivor. Resuming on a blocked caller's context is tested where a caller awaits first "
                   "(SynchronizationContextTests); later awaits have already left it.")


def source_line(root, commit, name, line):
    """The mutated line as it was at the measured commit (the tree may have moved on since)."""
    revision = commit.removesuffix("-dirty")
    try:
        text = subprocess.run(["git", "-C", root, "show", f"{revision}:{name}"], capture_output=True, text=True, check=True).stdout
        return text.splitlines()[line - 1]
    except (subprocess.CalledProcessError, IndexError):
        return ""


def equivalents(root):
    path = os.path.join(root, "eng", "mutation", "equivalent.tsv")
    known = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                file, line_no, mutator, why = line.rstrip("\n").split("\t", 3)
                known[(file, int(line_no), mutator)] = why
    return known


def main():
    reports = sys.argv[1]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    known = equivalents(root)
    out = ["# Mutation score", "",
           "What `eng/mutation.sh` measured: Stryker.NET (version pinned in `.config/dotnet-tools.json`, mutation level",
           "Standard) mutates each package and runs the test projects that exercise it (listed in `eng/mutation/<area>.json`)",
           "against every mutant. Score = (killed + timed out) / (killed + timed out + survived + not covered); compile errors",
           "and ignored mutants are not counted. Reproduce: `eng/mutation.sh` (all) or `eng/mutation.sh core|aspnetcore|postgresql`.",
           "", "| Package | Commit | Date | Score | Target | Killed + timeout | Survived | No coverage |",
           "|---|---|---|---:|---:|---:|---:|---:|"]
    details = []
    for area, package, target in AREAS:
        path = os.path.join(reports, area, "reports", "mutation-report.json")
        if not os.path.exists(path):
            out.append(f"| {package} | not run | | | {target} % | | | |")
            continue
        report = json.load(open(path, encoding="utf-8"))
        date = datetime.datetime.fromtimestamp(os.path.getmtime(path), datetime.timezone.utc).strftime("%Y-%m-%d")
        files = {}
        for name, body in report["files"].items():
            rel = os.path.relpath(name, root) if os.path.isabs(name) else name
            rel = rel[rel.find("src/"):] if "src/" in rel else rel
            files[rel] = body["mutants"]
        every = [m for ms in files.values() for m in ms]
        detected, counted = score(every)
        survived = sum(1 for m in every if m["status"] == "Survived")
        uncovered = sum(1 for m in every if m["status"] == "NoCoverage")
        commit_file = os.path.join(reports, area, "commit")
        commit = open(commit_file, encoding="utf-8").read().strip() if os.path.exists(commit_file) else "unknown"
        out.append(f"| {package} | `{commit}` | {date} | **{percent(detected, counted)}** | {target} % | {detected} | {survived} | {uncovered} |")
        details += ["", f"## {package}", "", "| File | Score | Mutants counted | Survived | No coverage |", "|---|---:|---:|---:|---:|"]
        for name in sorted(files):
            d, c = score(files[name])
            if c:
                s = sum(1 for m in files[name] if m["status"] == "Survived")
                n = sum(1 for m in files[name] if m["status"] == "NoCoverage")
                details.append(f"| `{name}` | {percent(d, c)} | {c} | {s} | {n} |")
        alive = [(name, m) for name in sorted(files) for m in files[name] if m["status"] in ("Survived", "NoCoverage")]
        if alive:
            details += ["", "Mutants no test noticed:", "", "| Where | Status | Mutation | Equivalent, or why it lives |", "|---|---|---|---|"]
            for name, m in sorted(alive, key=lambda x: (x[0], x[1]["location"]["start"]["line"])):
                line = m["location"]["start"]["line"]
                why = known.get((name, line, m["mutatorName"]), "")
                if not why and m["mutatorName"] == "Boolean mutation" and "ConfigureAwait(false)" in source_line(root, commit, name, line):
                    why = CONFIGURE_AWAIT
                replacement = (m.get("replacement") or "").replace("|", "\\|").replace("\n", " ")[:80]
                details.append(f"| `{name}:{line}` | {m['status']} | {m['mutatorName']}: `{replacement}` | {why} |")
    notes = os.path.join(root, "eng", "mutation", "notes.md")
    if os.path.exists(notes):
        out += ["", open(notes, encoding="utf-8").read().rstrip()]
    print("\n".join(out + details))


if __name__ == "__main__":
    main()
