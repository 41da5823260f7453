#!/usr/bin/env python3
"""Checks the direction of every project #include (ARCHITECTURE.md, "Layers").

    tests/layering.py [SOURCE_ROOT]

Reads the `#include "..."` lines of checks/, rules/ and daemon/ and fails
(exit 1, one line per offending include, as file:line: message) when:
  - checks/ includes rules/ or daemon/, or rules/ includes daemon/;
  - a check family (checks/<family>/) includes another family;
  - checks/document/ or checks/network/ includes a family, or document/
    includes the contract beyond its vocabulary headers (finding, ascii,
    expected);
  - rules/ or daemon/ includes a check family (only checks/registry.cc
    builds the families);
  - a daemon/ folder includes a folder above it in DAEMON_ORDER.
Prints a one-line summary on success. Standard library only.
"""
import pathlib
import re
import sys

# Lowest first: a folder may include its own folder and those before it.
DAEMON_ORDER = ["text", "files", "drafts", "reports", "notify", "ledger", "review", "spool",
                "http", "queue", "service", "cli"]
# Folders of checks/ that every family may use: the document model, the
# matchers shared by several families (terms, globs, triggers) and the
# network services lent through CheckServices.
CHECKS_SHARED = {"document", "network", "matching"}
# Contract headers that depend on nothing: the document model may use them.
CHECKS_VOCABULARY = {"checks/finding.h", "checks/ascii.h", "checks/expected.h"}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def layer(path):
    """(top, folder) of a project path: ("daemon", "spool"), ("checks", "")."""
    parts = pathlib.PurePosixPath(path).parts
    if len(parts) < 2 or parts[0] not in ("checks", "rules", "daemon"):
        return None
    folder = parts[1] if len(parts) > 2 else ""
    return parts[0], folder


def checks_violation(src, dst, target):
    """Why a checks/ file may not include `target`, or None."""
    s_folder, d_top, d_folder = src[1], dst[0], dst[1]
    if d_top != "checks":
        return f"checks/ must not include {d_top}/"
    if s_folder == "" or s_folder == d_folder:
        return None  # the contract (registry.cc) builds every family
    if s_folder == "document":
        if d_folder == "" and target in CHECKS_VOCABULARY:
            return None
        return ("checks/document/ includes only itself and "
                + ", ".join(sorted(CHECKS_VOCABULARY)))
    if d_folder == "" or d_folder in CHECKS_SHARED:
        if s_folder == "network" and d_folder == "document":
            return "checks/network/ must not depend on the document model"
        return None
    return f"check family {s_folder}/ must not include family {d_folder}/"


def violation(source, target):
    """Why `source` (a path) may not include `target`, or None."""
    src, dst = layer(source), layer(target)
    if src is None or dst is None:
        return None
    if src[0] == "checks":
        return checks_violation(src, dst, target)
    if src[0] == "rules" and dst[0] == "daemon":
        return "rules/ must not include daemon/"
    if dst[0] == "checks" and dst[1] not in ("", *CHECKS_SHARED):
        return f"{src[0]}/ must not include the check family {dst[1]}/"
    if src[0] == "daemon" and dst[0] == "daemon" and src[1] and dst[1]:
        if src[1] not in DAEMON_ORDER or dst[1] not in DAEMON_ORDER:
            unknown = src[1] if src[1] not in DAEMON_ORDER else dst[1]
            return f"daemon/{unknown}/ is not in the layer order"
        if DAEMON_ORDER.index(dst[1]) > DAEMON_ORDER.index(src[1]):
            return f"daemon/{src[1]}/ must not include the higher daemon/{dst[1]}/"
    return None


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    problems, count = [], 0
    for top in ("checks", "rules", "daemon"):
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in (".h", ".cc"):
                continue
            rel = path.relative_to(root).as_posix()
            for number, line in enumerate(path.read_text().splitlines(), 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                count += 1
                why = violation(rel, match.group(1))
                if why:
                    problems.append(f"{rel}:{number}: {why} ({match.group(1)})")
    for problem in problems:
        print(problem)
    print(f"layering: {count} project includes read, {len(problems)} against "
          "the layer order")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
