// The `exec` check: the plug-in point. An external program (the plug-in)
// receives the draft and its parsed document as JSON on stdin and answers
// with findings as JSON on stdout. Anything proofgate does not check itself
// (brand voice, a language model, a house style tool) plugs in here.
//
// Rules (default severity):
//   exec/<id>/<rule> (as the plug-in says) every finding the plug-in
//                    reports: `id` is the rulebook's name for the plug-in,
//                    `rule` the plug-in's own rule name
//   exec/failed      (error, confidence 0.3) the plug-in could not be run,
//                    crashed, was killed by a signal, exited with a status
//                    other than 0, ran past timeout_ms, wrote more than
//                    max_output_bytes, or wrote output that is not the
//                    response below. The message says which, with the first
//                    bytes of its stderr. Confidence 0.3 is below any
//                    sensible routing.min_confidence (default 0.8): the
//                    failure says nothing about the draft, so it sends the
//                    draft to review, where an editor does by hand what the
//                    plug-in would have done, instead of failing it.
//
// Rule ids are namespaced by proofgate, never by the plug-in: a plug-in
// cannot report a rule of another check, two plug-ins with different ids
// cannot collide, and `exec`, `exec/<id>` and `exec/<id>/<rule>` all work
// in suppressions (rules/suppressions.h). The rulebook's `severity:` for
// this check can set the level of all rules (`severity: warning`) or of
// `failed`; plug-in rules are not known before the plug-in runs, so they
// cannot be listed one by one there (the plug-in decides their severity).
// A rulebook names at most one exec check (one `exec:` key); a plug-in that
// wants to do several things dispatches inside itself.
//
// Settings:
//   id: required; the plug-in's name in rule ids: lower-case letters,
//       digits and hyphens, at most 64 characters ("brand-voice").
//   command: required; the argv list, run without a shell (a single string
//       is a program without arguments). The first element is the program:
//       a path containing '/' is resolved against the folder of the
//       rulebook file that set `command` (so a rulebook and its plug-ins
//       move together); a bare name ("python3") is looked up on PATH (the
//       plug-in's PATH: `env`'s when it sets one, else proofgate's). The
//       program must exist and be executable when the rulebook loads. The
//       plug-in runs with that rulebook folder as its working directory,
//       so relative paths among the arguments resolve there too.
//   timeout_ms: 1..600000 (default 10000), wall-clock time from start to
//       exit. 10 s leaves room for a plug-in that asks a language model
//       over the network (a few seconds per request is common), while a
//       hung plug-in still costs a draft at most that long.
//   max_output_bytes: 64..67108864 (default 1048576, 1 MiB) of stdout.
//       A finding is about 300 bytes of JSON, so 1 MiB holds over 3,000:
//       more than any editor reads, and it bounds memory per concurrent run.
//   env: a map NAME: value of variables added to (or replacing in) the
//       environment proofgate was started with, which the plug-in inherits.
//
// The request (stdin), one JSON object, UTF-8:
//   {"version": 1, "path": "docs/a.md",
//    "content": "...the draft...",       // exactly the bytes checked, minus a
//                                        // UTF-8 byte order mark
//    "front_matter": {...} | null,       // the YAML front matter as JSON
//    "headings":  [{"level", "text", "setext", RANGE}],
//    "links":     [{"kind", "destination", "text", "title", RANGE}],
//    "sentences": [{"text", RANGE}]}
// where RANGE is "line", "column", "end_line", "end_column" as in
// checks/finding.h (1-based lines; columns count code points; the end is
// exclusive; lines end at "\n", "\r\n" or a lone "\r", as in CommonMark).
// Link kinds: "inline", "reference", "autolink", "bare-url", "image".
// Front-matter scalars map by the YAML 1.2 core schema, as the metadata
// check reads them: plain true/false are booleans, plain numbers are
// numbers (NaN and infinities, which JSON lacks, stay strings), plain
// null/~/empty are null, everything else (quoted values, dates) is a
// string. Front matter nested deeper than 64 levels or with more than
// 100,000 values (aliases can expand to that) is cut there, and the request
// then carries "front_matter_truncated": true.
//
// The response (stdout), one JSON object:
//   {"findings": [{"rule": "passive-voice",      // required, as for `id`
//                  "severity": "warning",        // required: error, warning
//                                                // or info
//                  "message": "...",             // required, not empty
//                  "line": 3, "column": 7,       // required
//                  "end_line": 3, "end_column": 12,   // optional
//                  "excerpt": "...",             // optional
//                  "suggestion": "...",          // optional
//                  "confidence": 0.9}]}          // optional, 0..1, default 1
// The position must lie in the draft (a line that exists, a column at most
// one past the line's last character) and the end, which defaults to the
// start, must not come before the start. Without an excerpt proofgate
// takes the draft's line at `line`; a longer one is cut to 200 bytes.
// Unknown keys are ignored, so later protocol versions can add some. The
// plug-in must exit with status 0, also when it reports findings. One bad
// finding rejects the whole response (exec/failed): half-trusted output is
// worse than none.
//
// Run() is thread-safe: the check holds only its settings (and the
// environment read once when the rulebook loaded), and every run starts its
// own process through RunSubprocess (checks/subprocess.h), which also says
// how a plug-in is kept from blocking, leaking or outliving a run. A run
// costs a process start on top of what the plug-in does (measured by
// tests/exec_check_test on a shared 2-core machine: a few ms for a shell
// script, 0.1 s and more for python3, most of it interpreter start-up).
#ifndef PROOFGATE_CHECKS_EXEC_EXEC_CHECK_H_
#define PROOFGATE_CHECKS_EXEC_EXEC_CHECK_H_

#include <string>
#include <string_view>
#include <vector>

#include "checks/check.h"

namespace proofgate {

CheckSpec ExecCheckSpec();

// The request sent on the plug-in's stdin for `doc`, as described above.
// Invalid UTF-8 in the draft (which also gets input/invalid-utf8) is sent
// as U+FFFD. Thread-safe; throws only std::bad_alloc.
std::string ExecRequest(const Document& doc);

// Reads a plug-in's stdout `output` as the response described above. On
// success appends one Finding per reported finding to `findings`, with rule
// "exec/<plugin_id>/<rule>" and positions checked against `doc`, and
// returns "". Otherwise returns what is wrong, naming the offending field
// ("findings[2].line: ..."), and appends nothing. Thread-safe; throws only
// std::bad_alloc.
std::string ParseExecResponse(std::string_view output, const Document& doc,
                              std::string_view plugin_id,
                              std::vector<Finding>& findings);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_EXEC_EXEC_CHECK_H_
