#!/usr/bin/env python3
"""proofgate exec plug-in: flags every TODO left in a draft (see README)."""
import json, re, sys

draft = json.load(sys.stdin)
findings = []
for number, line in enumerate(re.split(r"\r\n|\r|\n", draft["content"]), 1):
    for todo in re.finditer(r"\bTODO\b", line):
        findings.append({"rule": "left-in", "severity": "warning", "line": number,
                         "column": todo.start() + 1, "end_column": todo.end() + 1,
                         "message": "A TODO is left in the draft."})
json.dump({"findings": findings}, sys.stdout)
