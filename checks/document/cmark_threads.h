#pragma once

#include <memory>
#include <mutex>

struct cmark_parser;
struct cmark_node;
struct cmark_iter;

namespace proofgate {

// cmark-gfm (0.29.0.gfm.6, Debian's libcmark-gfm) keeps the table of inline
// "special characters" (the bytes at which inline parsing stops to try a
// construct) in a process global, SPECIAL_CHARS/SKIP_CHARS in inlines.c.
// cmark_parser_finish() calls the exported
// cmark_manage_extensions_special_characters() twice (blocks.c,
// process_inlines): once to add its extensions' characters (':' and 'w' for
// autolinks, '~' for strikethrough) and once, when done, to remove them
// again. Two drafts finishing at once race on the table: one thread's
// removal makes the other skip over its bare URLs. Registering the
// extensions first does not help: every parse writes the table.
//
// This file defines cmark_manage_extensions_special_characters() in the
// executable. The library calls it through its PLT, so the dynamic linker
// binds the library's own calls to this definition (ELF symbol
// interposition). PrepareCmarkForThreads() calls the library's original
// once, with a parser that attaches the extensions every parse here
// attaches (AttachCmarkExtensions()), to add their characters; from then
// on the interposed function does nothing, and the table is only read: it
// holds during each parse the same characters it would hold
// with the table managed per parse, so parse results do not change.
//
// Chosen over moving the document model to md4c (every source-range rule
// of document.cc is written against cmark's tree and its known position
// errors) and over one worker process per core (rulebooks loaded N times,
// results passed back over pipes): it changes no parse result (the JSON
// report of both shared corpora is byte for byte the same) and costs one
// function.
//
// Every cmark parser in the process must attach its extensions with
// AttachCmarkExtensions() and no others: a parser with fewer extensions would
// see their characters as special too (text split at ':' or 'w', '~' skipped
// around emphasis delimiters).

// Attaches to `parser` the syntax extensions every parse here uses, in
// this order: "table", "autolink", "strikethrough" (GitHub Flavored
// Markdown's tables, bare URLs and ~~strikethrough~~). Call after
// PrepareCmarkForThreads(). Thread-safe for distinct parsers.
void AttachCmarkExtensions(cmark_parser* parser);

// Registers cmark-gfm's core extensions and fixes the special-character
// table, once per process; later calls return at once. Call before
// creating a cmark parser. Thread-safe (std::call_once): a thread that calls
// it while another prepares waits for it. After it, cmark parsers may run
// on any number of threads at once (each thread its own parser).
//
// It then checks that the interposition took effect: it parses a probe
// ("see https://a.dev") and counts the calls the library made to the
// interposed function. When there were none (a library build that binds
// the call internally), parses fall back to one at a time: see
// CmarkFinishLock().
void PrepareCmarkForThreads();

// True when PrepareCmarkForThreads() fixed the table and parses may run in
// parallel; false before it ran, or when it fell back. Thread-safe.
bool CmarkParsesInParallel();

// A lock to hold around cmark_parser_finish(): an empty (unowned) lock when
// CmarkParsesInParallel(), otherwise a lock on one process-wide mutex, so
// that inline parsing runs one draft at a time. Thread-safe.
std::unique_lock<std::mutex> CmarkFinishLock();

// Owners of cmark-gfm objects: a parser, a tree (its root), an iterator.
struct CmarkParserFree {
  void operator()(cmark_parser* parser) const;
};
struct CmarkNodeFree {
  void operator()(cmark_node* node) const;
};
struct CmarkIterFree {
  void operator()(cmark_iter* iter) const;
};
using CmarkParserPtr = std::unique_ptr<cmark_parser, CmarkParserFree>;
using CmarkNodePtr = std::unique_ptr<cmark_node, CmarkNodeFree>;
using CmarkIterPtr = std::unique_ptr<cmark_iter, CmarkIterFree>;

// cmark_parser_finish(`parser`) under CmarkFinishLock(), released as soon
// as it returns: the document's root, or null when cmark-gfm could not
// allocate it. Thread-safe for distinct parsers.
CmarkNodePtr FinishCmarkParse(cmark_parser* parser);

}  // namespace proofgate
