#include "checks/document/cmark_threads.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <dlfcn.h>

#include <atomic>
#include <memory>
#include <string_view>

namespace {

using ManageFn = void (*)(cmark_parser*, int);

// Set once the table holds every extension character for good.
std::atomic<bool> table_fixed{false};
// Calls the library made to the interposed function (the probe counts
// them to see that the interposition took effect).
std::atomic<long> interposed_calls{0};
std::atomic<bool> parallel{false};

// The library's own cmark_manage_extensions_special_characters(), or null.
ManageFn LibraryManage() {
  static const ManageFn fn = reinterpret_cast<ManageFn>(
      dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters"));
  return fn;
}

}  // namespace

// Interposes the library's function of the same name (see the header).
// Until the table is fixed it forwards to the library's; then it does
// nothing, so no parse writes the shared table.
extern "C" void cmark_manage_extensions_special_characters(cmark_parser* parser,
                                                           int add) {
  interposed_calls.fetch_add(1, std::memory_order_relaxed);
  if (table_fixed.load(std::memory_order_acquire)) return;
  if (ManageFn fn = LibraryManage()) fn(parser, add);
}

namespace proofgate {

namespace {

CmarkParserPtr NewParser() {
  CmarkParserPtr parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  AttachCmarkExtensions(parser.get());
  return parser;
}

// Whether a parse of a bare URL calls the interposed function and still
// finds the link (the table kept ':' and 'w').
bool ProbeInterposition() {
  const long before = interposed_calls.load();
  auto parser = NewParser();
  constexpr std::string_view kProbe = "see https://a.dev\n";
  cmark_parser_feed(parser.get(), kProbe.data(), kProbe.size());
  CmarkNodePtr root(cmark_parser_finish(parser.get()));
  if (interposed_calls.load() == before || !root) return false;
  cmark_node* paragraph = cmark_node_first_child(root.get());
  for (cmark_node* n = paragraph ? cmark_node_first_child(paragraph) : nullptr;
       n != nullptr; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) == CMARK_NODE_LINK) return true;
  }
  return false;
}

void Prepare() {
  cmark_gfm_core_extensions_ensure_registered();
  const ManageFn library = LibraryManage();
  if (library == nullptr) return;  // not interposable: one parse at a time
  library(NewParser().get(), 1);
  table_fixed.store(true, std::memory_order_release);
  parallel.store(ProbeInterposition(), std::memory_order_release);
}

std::mutex& FinishMutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

void AttachCmarkExtensions(cmark_parser* parser) {
  for (const char* name : {"table", "autolink", "strikethrough"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser, ext);
    }
  }
}

void PrepareCmarkForThreads() {
  static std::once_flag once;
  std::call_once(once, Prepare);
}

bool CmarkParsesInParallel() {
  return parallel.load(std::memory_order_acquire);
}

std::unique_lock<std::mutex> CmarkFinishLock() {
  if (CmarkParsesInParallel()) return {};
  return std::unique_lock<std::mutex>(FinishMutex());
}

void CmarkParserFree::operator()(cmark_parser* parser) const {
  cmark_parser_free(parser);
}

void CmarkNodeFree::operator()(cmark_node* node) const {
  cmark_node_free(node);
}

void CmarkIterFree::operator()(cmark_iter* iter) const {
  cmark_iter_free(iter);
}

CmarkNodePtr FinishCmarkParse(cmark_parser* parser) {
  std::unique_lock<std::mutex> lock = CmarkFinishLock();
  return CmarkNodePtr(cmark_parser_finish(parser));
}

}  // namespace proofgate
