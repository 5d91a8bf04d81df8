#include "server/server.h"

#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <iostream>

#include "audit/extract.h"
#include "document/document.h"
#include "rules/explain.h"
#include "server/code_actions.h"
#include "server/text_edit.h"
#include "source/git_cli.h"
#include "source/source.h"
#include "source/walk.h"
#include "util/text.h"
#include "util/uri.h"
#include "util/version.h"

namespace lessonlint {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;

// LSP DiagnosticSeverity.
int lsp_severity(Severity s) {
  switch (s) {
    case Severity::Error: return 1;
    case Severity::Warning: return 2;
    case Severity::Note: return 3;
  }
  return 3;
}

json position_json(int line, int character) { return {{"line", std::max(0, line)}, {"character", std::max(0, character)}}; }

// A finding's range: lines and UTF-16 columns, 1-based and end exclusive, as LSP's 0-based range.
json range_of(const Finding& f) {
  return {{"start", position_json(f.line - 1, f.column - 1)}, {"end", position_json(f.end_line - 1, f.end_column - 1)}};
}

// A finding as an LSP Diagnostic: what is published, and what a code action names.
json diagnostic_json(const Finding& f) {
  return {{"range", range_of(f)},
          {"severity", lsp_severity(f.severity)},
          {"code", f.rule_id},
          {"source", "lessonlint"},
          {"message", f.message},
          {"data", {{"fingerprint", f.fingerprint}}}};
}

// An LSP TextEdit.
json text_edit_json(TextPosition start, TextPosition end, const std::string& text) {
  return {{"range", {{"start", position_json(start.line, start.character)}, {"end", position_json(end.line, end.character)}}},
          {"newText", text}};
}

TextPosition position_from(const json& j) {
  TextPosition p;
  p.line = j.at("line").get<int>();
  p.character = j.at("character").get<int>();
  return p;
}

bool is_config_file(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  return name == ".lessonlint.yaml" || name == ".lessonlint.yml";
}

// Reads open documents from the editor, everything else from disk: links to
// other documents and their kinds are resolved as `check` resolves them.
class EditorSource final : public Source {
 public:
  EditorSource(std::string root, std::map<std::string, const std::string*> open)
      : m_disk(std::move(root)), m_open(std::move(open)) {}
  Expected<std::string> read(const InputFile& file) const override {
    if (auto it = m_open.find(file.rel); it != m_open.end()) return *it->second;
    return m_disk.read(file);
  }
  bool exists(const std::string& rel) const override { return m_open.count(rel) > 0 || m_disk.exists(rel); }
  Expected<std::string> read_rel(const std::string& rel) const override {
    if (auto it = m_open.find(rel); it != m_open.end()) return *it->second;
    return m_disk.read_rel(rel);
  }
  bool is_link(const InputFile& file) const override { return m_open.count(file.rel) == 0 && m_disk.is_link(file); }

 private:
  FileSystemSource m_disk;
  std::map<std::string, const std::string*> m_open;
};

}  // namespace

// The configuration, rules and engine of one repository (or folder), as
// `check` would build them there; or why they could not be built.
struct Server::Workspace {
  Pipeline pipeline;
  std::optional<Error> error;
};

struct Server::OpenDocument {
  std::string uri, path;  // path: absolute
  std::string text;
  int version = 0;
  std::optional<Clock::time_point> due;  // when to check it (after a change, once the debounce ends)
  std::vector<Finding> findings;         // of the last check, for hovers and code actions
  std::string rel;                       // as the last check saw it
};

Server::Server(Send send, CommonOptions common, std::string working_folder)
    : m_send(std::move(send)), m_common(std::move(common)), m_root(std::move(working_folder)) {}

Server::~Server() = default;

void Server::reply(const json& id, json result) {
  m_send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Server::reply_error(const json& id, int code, const std::string& message) {
  m_send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void Server::unreadable(MessageReader::Status status, const std::string& why) {
  reply_error(nullptr, status == MessageReader::Status::BadJson ? kParseError : kInvalidRequest, why);
}

void Server::handle(const json& message) {
  bool v2 = message.is_object() && message.contains("jsonrpc") && message["jsonrpc"] == "2.0";
  if (!v2) {
    json id = message.is_object() && message.contains("id") ? message["id"] : json(nullptr);
    reply_error(id, kInvalidRequest, "not a JSON-RPC 2.0 message");
    return;
  }
  bool has_id = message.contains("id");
  if (!message.contains("method")) return;  // a response to one of the server's requests
  const json& method_j = message["method"];
  const json& id = has_id ? message["id"] : json(nullptr);
  if (!method_j.is_string() || (has_id && !id.is_number_integer() && !id.is_string())) {
    if (has_id) reply_error(id.is_number_integer() || id.is_string() ? id : json(nullptr), kInvalidRequest, "a request needs a string method and an integer or string id");
    return;
  }
  std::string method = method_j.get<std::string>();
  json params = message.contains("params") ? message["params"] : json::object();
  try {
    if (has_id) request(id, method, params);
    else notification(method, params);
  } catch (const json::exception& e) {
    // A parameter missing or of the wrong type.
    if (has_id) reply_error(id, kInvalidParams, fmt::format("{}: invalid params: {}", method, e.what()));
    else std::cerr << "lessonlint server: " << method << ": invalid params: " << e.what() << "\n";
  } catch (const std::exception& e) {
    // Not expected (the engine reports errors as values): answered, and the server goes on.
    if (has_id) reply_error(id, kInternalError, fmt::format("{}: internal error: {}", method, e.what()));
    else std::cerr << "lessonlint server: " << method << ": internal error: " << e.what() << "\n";
  }
}

void Server::request(const json& id, const std::string& method, const json& params) {
  if (method == "initialize") {
    if (m_initialized) return reply_error(id, kInvalidRequest, "initialize was already sent");
    return reply(id, initialize(params));
  }
  if (!m_initialized) return reply_error(id, kServerNotInitialized, fmt::format("{} before initialize", method));
  if (m_shutdown) return reply_error(id, kInvalidRequest, fmt::format("{} after shutdown", method));
  if (method == "shutdown") {
    m_shutdown = true;
    return reply(id, nullptr);
  }
  if (method == "textDocument/hover") return reply(id, hover(params));
  if (method == "textDocument/codeAction") return reply(id, code_action(params));
  reply_error(id, kMethodNotFound, fmt::format("lessonlint does not serve {}", method));
}

void Server::notification(const std::string& method, const json& params) {
  if (method == "exit") {
    m_exited = true;
    return;
  }
  if (!m_initialized || m_shutdown) return;  // the protocol says to drop them
  if (method == "initialized") return initialized();
  if (method == "textDocument/didOpen") return did_open(params);
  if (method == "textDocument/didChange") return did_change(params);
  if (method == "textDocument/didSave") return did_save(params);
  if (method == "textDocument/didClose") return did_close(params);
  if (method == "workspace/didChangeWatchedFiles") return did_change_watched_files();
  // Anything else ($/cancelRequest, $/setTrace, workspace/didChangeConfiguration): nothing to do.
}

json Server::initialize(const json& params) {
  if (params.contains("processId") && params["processId"].is_number_integer()) m_client_pid = params["processId"].get<long>();
  // The workspace: its first folder, else rootUri, else rootPath, else the working folder.
  std::string root;
  if (params.contains("workspaceFolders") && params["workspaceFolders"].is_array() && !params["workspaceFolders"].empty())
    root = path_from_file_uri(params["workspaceFolders"][0].value("uri", ""));
  if (root.empty() && params.contains("rootUri") && params["rootUri"].is_string())
    root = path_from_file_uri(params["rootUri"].get<std::string>());
  if (root.empty() && params.contains("rootPath") && params["rootPath"].is_string()) root = params["rootPath"].get<std::string>();
  if (!root.empty()) m_root = root;
  const json caps = params.value("capabilities", json::object());
  const json ws = caps.value("workspace", json::object());
  const json edit = ws.value("workspaceEdit", json::object());
  if (edit.value("documentChanges", false) && edit.contains("resourceOperations") && edit["resourceOperations"].is_array())
    for (const auto& op : edit["resourceOperations"])
      if (op == "create") m_can_create_files = true;
  m_can_watch = ws.value("didChangeWatchedFiles", json::object()).value("dynamicRegistration", false);
  m_initialized = true;
  json sync = {{"openClose", true}, {"change", 2 /* incremental */}, {"save", {{"includeText", false}}}};
  json kinds = json::array({"quickfix"});
  if (m_can_create_files) kinds.push_back("refactor.extract");
  return {{"capabilities",
           {{"positionEncoding", "utf-16"},
            {"textDocumentSync", sync},
            {"hoverProvider", true},
            {"codeActionProvider", {{"codeActionKinds", kinds}}}}},
          {"serverInfo", {{"name", "lessonlint"}, {"version", LESSONLINT_VERSION}}}};
}

void Server::initialized() {
  if (!m_can_watch) return;
  // The configuration and rule files: reloaded when they change on disk.
  json watchers = json::array({{{"globPattern", "**/.lessonlint.yaml"}}, {{"globPattern", "**/.lessonlint.yml"}},
                               {{"globPattern", "**/*.yaml"}}, {{"globPattern", "**/*.yml"}}});
  m_send({{"jsonrpc", "2.0"},
          {"id", fmt::format("lessonlint-{}", m_next_request++)},
          {"method", "client/registerCapability"},
          {"params",
           {{"registrations",
             json::array({{{"id", "lessonlint-configuration"},
                           {"method", "workspace/didChangeWatchedFiles"},
                           {"registerOptions", {{"watchers", watchers}}}}})}}}});
}

Server::Workspace& Server::workspace_for(const std::string& path) {
  // Inside the workspace folder, the workspace's; elsewhere, the document's own folder's.
  std::string start = m_root;
  if (relative_to_root(path, m_root).rfind('/', 0) == 0) start = fs::path(path).parent_path().string();
  auto it = m_workspaces.find(start);
  if (it != m_workspaces.end()) return *it->second;
  auto w = std::make_unique<Workspace>();
  w->error = build_pipeline(m_common, w->pipeline, RepositoryAccess::GitRoot, nullptr, start);
  Workspace& ref = *w;
  m_workspaces.emplace(start, std::move(w));
  return ref;
}

Server::OpenDocument* Server::find_document(const json& params) {
  std::string uri = params.at("textDocument").at("uri").get<std::string>();
  auto it = m_documents.find(uri);
  return it == m_documents.end() ? nullptr : it->second.get();
}

void Server::did_open(const json& params) {
  const json& td = params.at("textDocument");
  auto doc = std::make_unique<OpenDocument>();
  doc->uri = td.at("uri").get<std::string>();
  doc->path = path_from_file_uri(doc->uri);
  doc->text = td.at("text").get<std::string>();
  doc->version = td.value("version", 0);
  if (doc->path.empty()) return;  // not a file on this machine (an untitled buffer): nothing to check it as
  // Markdown only (a client may send every file it opens): by its name or its language.
  if (!has_markdown_extension(doc->path) && td.value("languageId", "") != "markdown" && !is_config_file(doc->path))
    return;
  OpenDocument& d = *doc;
  m_documents[d.uri] = std::move(doc);
  if (is_config_file(d.path)) return;  // checked as configuration when saved
  d.due = Clock::now();
}

void Server::did_change(const json& params) {
  OpenDocument* d = find_document(params);
  if (!d) return;
  for (const auto& change : params.at("contentChanges")) {
    if (change.contains("range"))
      apply_edit(d->text, position_from(change["range"].at("start")), position_from(change["range"].at("end")),
                 change.at("text").get<std::string>());
    else
      d->text = change.at("text").get<std::string>();
  }
  d->version = params.at("textDocument").value("version", d->version);
  if (!is_config_file(d->path)) d->due = Clock::now() + m_debounce;
}

void Server::did_save(const json& params) {
  OpenDocument* d = find_document(params);
  std::string path = d ? d->path : path_from_file_uri(params.at("textDocument").at("uri").get<std::string>());
  std::string ext = fs::path(path).extension().string();
  // A configuration or rule file saved: everything is read again.
  if (is_config_file(path) || ext == ".yaml" || ext == ".yml") reload_configuration();
}

void Server::did_close(const json& params) {
  std::string uri = params.at("textDocument").at("uri").get<std::string>();
  if (m_documents.erase(uri)) publish(uri, {}, std::nullopt);
}

void Server::did_change_watched_files() { reload_configuration(); }

void Server::reload_configuration() {
  m_workspaces.clear();
  for (auto& [uri, d] : m_documents)
    if (!is_config_file(d->path)) d->due = Clock::now();
  // The configuration's own diagnostics are published again (or cleared) by the checks.
  for (auto& [uri, has] : m_config_diagnostics)
    if (has) {
      publish(uri, {}, std::nullopt);
      has = false;
    }
}

std::optional<Server::Clock::time_point> Server::next_due() const {
  std::optional<Clock::time_point> next;
  for (const auto& [uri, d] : m_documents)
    if (d->due && (!next || *d->due < *next)) next = d->due;
  return next;
}

void Server::run_due(Clock::time_point now) {
  for (auto& [uri, d] : m_documents) {
    if (!d->due || *d->due > now) continue;
    try {
      check_now(*d);
    } catch (const std::exception& e) {
      // Not expected: the document keeps its last diagnostics, and the server goes on.
      d->due.reset();
      std::cerr << "lessonlint server: checking " << d->path << ": internal error: " << e.what() << "\n";
    }
  }
}

void Server::check_now(OpenDocument& doc) {
  doc.due.reset();
  Workspace& w = workspace_for(doc.path);
  if (w.error) {
    // The configuration (or a rule file) is broken: say so on that file, and
    // clear the document's diagnostics, which no longer hold.
    const Error& e = *w.error;
    std::error_code ec;
    std::string file = e.file.empty() ? std::string() : fs::absolute(e.file, ec).lexically_normal().string();
    if (!file.empty()) {
      std::string uri = file_uri(file);
      if (!m_config_diagnostics[uri]) {
        Finding f;
        f.rule_id = "lessonlint/configuration";
        f.severity = Severity::Error;
        f.line = f.end_line = std::max(1, e.line);
        f.column = std::max(1, e.column);
        f.end_column = f.column + 1;
        f.message = e.message;
        publish(uri, {f}, std::nullopt);
        m_config_diagnostics[uri] = true;
      }
    } else {
      std::cerr << "lessonlint server: " << e.to_string() << "\n";
    }
    doc.findings.clear();
    publish(doc.uri, {}, doc.version);
    return;
  }
  const Pipeline& p = w.pipeline;
  doc.rel = relative_to_root(doc.path, p.root);
  // A file the configuration leaves out (`include:`, `exclude:`) is not checked in the editor either.
  if (!selected_by_globs(doc.rel, p.config.include, p.config.exclude)) {
    doc.findings.clear();
    publish(doc.uri, {}, doc.version);
    return;
  }
  std::map<std::string, const std::string*> open;
  for (const auto& [uri, other] : m_documents) open[relative_to_root(other->path, p.root)] = &other->text;
  EditorSource source(p.root, std::move(open));
  RunResult r = p.engine->run({InputFile{doc.path, doc.rel}}, source, 1);
  doc.findings.clear();
  for (auto& f : r.findings)
    if (!f.suppressed) doc.findings.push_back(std::move(f));
  publish(doc.uri, doc.findings, doc.version);
}

void Server::publish(const std::string& uri, const std::vector<Finding>& findings, std::optional<int> version) {
  json diagnostics = json::array();
  for (const auto& f : findings) diagnostics.push_back(diagnostic_json(f));
  json params = {{"uri", uri}, {"diagnostics", diagnostics}};
  if (version) params["version"] = *version;
  m_send({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", params}});
}

namespace {

// Whether a finding's range holds a position (a zero-width range: its line).
bool covers(const Finding& f, TextPosition p) {
  int line = p.line + 1, col = p.character + 1;
  if (line < f.line || line > f.end_line) return false;
  if (f.line == f.end_line && f.column >= f.end_column) return true;
  if (line == f.line && col < f.column) return false;
  if (line == f.end_line && col > f.end_column) return false;
  return true;
}

// Whether a finding's lines meet [first, last] (0-based).
bool meets(const Finding& f, int first, int last) { return f.line - 1 <= last && f.end_line - 1 >= first; }

}  // namespace

json Server::hover(const json& params) {
  OpenDocument* d = find_document(params);
  if (!d) return nullptr;
  if (d->due) check_now(*d);  // changed since its last check: the findings must be the text's
  TextPosition at = position_from(params.at("position"));
  Workspace& w = workspace_for(d->path);
  if (w.error) return nullptr;
  std::string text;
  std::vector<std::string> shown;
  const Finding* first = nullptr;
  for (const auto& f : d->findings) {
    if (!covers(f, at) || std::find(shown.begin(), shown.end(), f.rule_id) != shown.end()) continue;
    const Rule* r = w.pipeline.rules.find(f.rule_id);
    if (!r) continue;
    if (!text.empty()) text += "\n\n---\n\n";
    text += explain_markdown(*r);
    shown.push_back(f.rule_id);
    if (!first) first = &f;
  }
  if (!first) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", text}}}, {"range", range_of(*first)}};
}

json Server::code_action(const json& params) {
  json actions = json::array();
  OpenDocument* d = find_document(params);
  if (d && d->due) check_now(*d);  // changed since its last check: the edits must fit the text
  if (!d || d->findings.empty()) return actions;
  int first = params.at("range").at("start").at("line").get<int>();
  int last = params.at("range").at("end").at("line").get<int>();
  Document doc = parse_document(d->rel, d->text);
  std::vector<std::string> offered;
  for (const auto& f : d->findings) {
    if (!meets(f, first, last)) continue;
    std::string key = fmt::format("{}:{}", f.rule_id, f.line);
    if (std::find(offered.begin(), offered.end(), key) != offered.end()) continue;
    offered.push_back(key);
    for (const auto& a : actions_for(doc, f)) {
      json edits = json::array();
      for (const auto& e : a.edits) edits.push_back(text_edit_json(e.start, e.end, e.text));
      json action = {{"title", a.title},
                     {"kind", a.kind},
                     {"diagnostics", json::array({diagnostic_json(f)})},
                     {"edit", {{"changes", {{d->uri, edits}}}}}};
      if (a.preferred) action["isPreferred"] = true;
      actions.push_back(std::move(action));
    }
  }
  bool trapped = std::any_of(d->findings.begin(), d->findings.end(),
                             [&](const Finding& f) { return f.rule_id == kEmbeddedLessons && meets(f, first, last); });
  if (trapped && m_can_create_files)
    for (auto& a : extract_actions(*d, doc)) actions.push_back(std::move(a));
  return actions;
}

json Server::extract_actions(const OpenDocument& d, const Document& doc) {
  Workspace& w = workspace_for(d.path);
  if (w.error) return json::array();
  const Pipeline& p = w.pipeline;
  ExtractPlan plan = plan_extract(*p.engine, p.repo.get(), p.root, d.path, d.text, doc, d.findings);
  std::error_code ec;
  // `lessonlint extract` never overwrites a file; neither does its action.
  if (plan.excerpts == 0 || fs::exists(fs::symlink_status(plan.review_path, ec))) return json::array();
  std::string review_uri = file_uri(plan.review_path);
  std::string shown = relative_to_root(plan.review_path, p.root);
  json create = {{"kind", "create"}, {"uri", review_uri}, {"options", {{"overwrite", false}, {"ignoreIfExists", false}}}};
  json fill = {{"textDocument", {{"uri", review_uri}, {"version", nullptr}}},
               {"edits", json::array({text_edit_json({0, 0}, {0, 0}, plan.scaffold.text)})}};
  json actions = json::array();
  actions.push_back({{"title", fmt::format("Extract a learning review into {}", shown)},
                     {"kind", "refactor.extract"},
                     {"edit", {{"documentChanges", json::array({create, fill})}}}});
  // The postmortem's change as one edit of what differs (the rest of the text, and the cursor, stay).
  const std::string& before = d.text;
  const std::string& after = plan.postmortem_text;
  std::size_t head = 0;
  while (head < before.size() && head < after.size() && before[head] == after[head]) ++head;
  std::size_t tail = 0;
  while (tail < before.size() - head && tail < after.size() - head &&
         before[before.size() - 1 - tail] == after[after.size() - 1 - tail])
    ++tail;
  TextPosition from = position_of(before, head), to = position_of(before, before.size() - tail);
  json replace = {{"textDocument", {{"uri", d.uri}, {"version", d.version}}},
                  {"edits", json::array({text_edit_json(from, to, after.substr(head, after.size() - tail - head))})}};
  actions.push_back({{"title", fmt::format("Extract a learning review into {} and replace {} with a link", shown,
                                           plan.replaced)},
                     {"kind", "refactor.extract"},
                     {"edit", {{"documentChanges", json::array({create, fill, replace})}}}});
  return actions;
}

int run_server(const CommonOptions& common, std::chrono::milliseconds debounce) {
  std::error_code ec;
  std::string cwd = fs::current_path(ec).string();
  // A client that closes its end makes writes fail (not kill the server): then it is over.
  signal(SIGPIPE, SIG_IGN);
  bool output_lost = false;
  Server server([&output_lost](const json& message) {
    std::string out = frame(message);
    std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
    std::cout.flush();
    if (!std::cout) output_lost = true;
  }, common, cwd);
  server.set_debounce(debounce);
  MessageReader reader;
  char buffer[65536];
  auto last_alive_check = Server::Clock::now();
  for (;;) {
    auto now = Server::Clock::now();
    int timeout = 1000;  // at least once a second: is the client still there?
    if (auto due = server.next_due()) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*due - now).count();
      timeout = static_cast<int>(std::clamp<long long>(ms, 0, 1000));
    }
    pollfd in{STDIN_FILENO, POLLIN, 0};
    int ready = poll(&in, 1, timeout);
    if (ready < 0 && errno != EINTR) return 1;
    if (ready > 0) {
      ssize_t n = read(STDIN_FILENO, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return server.exited() ? server.exit_code() : 1;  // the client closed the stream
      reader.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
      for (;;) {
        MessageReader::Result r = reader.next();
        if (r.status == MessageReader::Status::NeedMore) break;
        if (r.status == MessageReader::Status::BadHeader) {
          std::cerr << "lessonlint server: " << r.error << "; closing the connection\n";
          return 1;
        }
        if (r.status == MessageReader::Status::Message) server.handle(r.message);
        else server.unreadable(r.status, r.error);
        if (server.exited()) return server.exit_code();
        if (output_lost) return 1;
      }
    }
    now = Server::Clock::now();
    server.run_due(now);
    if (output_lost) return 1;
    if (now - last_alive_check >= std::chrono::seconds(1)) {
      last_alive_check = now;
      if (auto pid = server.client_process(); pid && *pid > 0 && kill(static_cast<pid_t>(*pid), 0) != 0 && errno == ESRCH)
        return 1;  // the editor is gone without saying so
    }
  }
}

}  // namespace lessonlint
