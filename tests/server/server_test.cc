// The language server driven message by message, as a client would, for the
// protocol cases an editor cannot easily provoke (tests/e2e/editor_test.cc
// runs a real editor).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "server/server.h"
#include "server/text_edit.h"
#include "test_support.h"
#include "util/uri.h"

using namespace lessonlint;
using json = nlohmann::json;

namespace {

// A postmortem with a section of broader lessons (line 21) and nothing else to report.
const std::string kPostmortem = test::read_text(test::source_dir() + "/tests/fixtures/server/queue-postmortem.md");

struct Client {
  test::TempDir dir;
  std::vector<json> sent;  // what the server wrote
  std::unique_ptr<Server> server;
  int next_id = 1;

  Client() {
    server = std::make_unique<Server>([this](const json& m) { sent.push_back(m); }, CommonOptions{}, dir.path());
    server->set_debounce(std::chrono::milliseconds(0));
  }
  json request(const std::string& method, json params = json::object()) {
    int id = next_id++;
    sent.clear();
    server->handle({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    for (const auto& m : sent)
      if (m.contains("id") && m["id"] == id) return m;
    FAIL("no response to " << method);
    return nullptr;
  }
  void notify(const std::string& method, json params = json::object()) {
    server->handle({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  void initialize(json capabilities = json::object()) {
    json r = request("initialize", {{"processId", nullptr}, {"rootUri", file_uri(dir.path())}, {"capabilities", capabilities}});
    REQUIRE(r.contains("result"));
    notify("initialized");
  }
  // Runs what is due and returns the diagnostics published then, per URI (the last publication of each).
  std::map<std::string, json> published() {
    sent.clear();
    server->run_due(Server::Clock::now() + std::chrono::hours(1));
    std::map<std::string, json> last;
    for (const auto& m : sent)
      if (m.value("method", "") == "textDocument/publishDiagnostics") last[m["params"]["uri"]] = m["params"]["diagnostics"];
    return last;
  }
  // The same, for `uri` only.
  std::optional<json> diagnostics(const std::string& uri) {
    auto all = published();
    if (auto it = all.find(uri); it != all.end()) return it->second;
    return std::nullopt;
  }
  std::string open(const std::string& rel, const std::string& text, int version = 1) {
    std::string uri = file_uri(dir.path() + "/" + rel);
    notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "markdown"}, {"version", version}, {"text", text}}}});
    return uri;
  }
};

std::vector<std::string> codes(const json& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics) out.push_back(d["code"]);
  return out;
}

}  // namespace

TEST_CASE("server: a request before initialize is refused, and a notification dropped", "[server]") {
  Client c;
  json r = c.request("textDocument/hover", {{"textDocument", {{"uri", "file:///x.md"}}}, {"position", {{"line", 0}, {"character", 0}}}});
  CHECK(r["error"]["code"] == -32002);
  c.open("postmortems/x.md", kPostmortem);
  CHECK_FALSE(c.diagnostics(file_uri(c.dir.path() + "/postmortems/x.md")));
}

TEST_CASE("server: initialize advertises what is served", "[server]") {
  Client c;
  json r = c.request("initialize", {{"processId", 4242}, {"rootUri", file_uri(c.dir.path())}, {"capabilities", json::object()}});
  json caps = r["result"]["capabilities"];
  CHECK(caps["textDocumentSync"]["change"] == 2);
  CHECK(caps["textDocumentSync"]["openClose"] == true);
  CHECK(caps["hoverProvider"] == true);
  CHECK(caps["codeActionProvider"]["codeActionKinds"] == json::array({"quickfix"}));
  CHECK_FALSE(caps.contains("diagnosticProvider"));  // pull diagnostics are not served
  CHECK(r["result"]["serverInfo"]["name"] == "lessonlint");
  CHECK(c.server->client_process() == 4242);
  CHECK(c.request("initialize", {{"capabilities", json::object()}})["error"]["code"] == -32600);
}

TEST_CASE("server: diagnostics on open, on change (incremental) and cleared on close", "[server]") {
  Client c;
  c.initialize();
  std::string uri = c.open("postmortems/2026-01-05-queue.md", kPostmortem);
  auto d = c.diagnostics(uri);
  REQUIRE(d);
  REQUIRE(codes(*d) == std::vector<std::string>{"postmortem/embedded-lessons"});
  const json& first = (*d)[0];
  CHECK(first["source"] == "lessonlint");
  CHECK(first["severity"] == 1);
  CHECK(first["range"]["start"] == json{{"line", 20}, {"character", 3}});
  CHECK(first["data"]["fingerprint"].get<std::string>().size() == 32);

  // Rename the heading, unsaved: the section is now the team's own lessons.
  json change = {{"range", {{"start", {{"line", 20}, {"character", 3}}}, {"end", {{"line", 20}, {"character", 36}}}}},
                 {"text", "What we learned"}};
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", json::array({change})}});
  d = c.diagnostics(uri);
  REQUIRE(d);
  // "Every team should ..." is still addressed outward: found by its wording now, a warning.
  REQUIRE(codes(*d) == std::vector<std::string>{"postmortem/embedded-lessons"});
  CHECK((*d)[0]["severity"] == 2);
  CHECK((*d)[0]["range"]["start"]["line"] == 22);

  c.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
  bool cleared = false;
  for (const auto& m : c.sent)
    if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
      cleared = m["params"]["diagnostics"].empty();
  CHECK(cleared);
}

TEST_CASE("server: the debounce holds a check until the writer pauses", "[server]") {
  Client c;
  c.initialize();
  c.server->set_debounce(std::chrono::milliseconds(200));
  std::string uri = c.open("postmortems/2026-01-05-queue.md", kPostmortem);
  c.sent.clear();
  c.server->run_due(Server::Clock::now());  // an opened document is checked at once
  CHECK(c.sent.size() == 1);
  json change = {{"range", {{"start", {{"line", 0}, {"character", 2}}}, {"end", {{"line", 0}, {"character", 2}}}}}, {"text", "x"}};
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", json::array({change})}});
  auto due = c.server->next_due();
  REQUIRE(due);
  CHECK(*due > Server::Clock::now() + std::chrono::milliseconds(100));
  c.sent.clear();
  c.server->run_due(Server::Clock::now());
  CHECK(c.sent.empty());
  c.server->run_due(*due);
  CHECK(c.sent.size() == 1);
}

TEST_CASE("server: hover explains the rule, and a code action silences it", "[server]") {
  Client c;
  c.initialize();
  std::string uri = c.open("postmortems/2026-01-05-queue.md", kPostmortem);
  auto d = c.diagnostics(uri);
  REQUIRE(d);
  REQUIRE(d->size() == 1);
  json at = {{"line", 20}, {"character", 10}};
  json hover = c.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", at}});
  std::string text = hover["result"]["contents"]["value"];
  CHECK(hover["result"]["contents"]["kind"] == "markdown");
  CHECK_THAT(text, Catch::StartsWith("**postmortem/embedded-lessons** (error"));
  CHECK_THAT(text, Catch::Contains("**Why it matters**"));
  CHECK(c.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 2}, {"character", 0}}}})["result"].is_null());

  json actions = c.request("textDocument/codeAction", {{"textDocument", {{"uri", uri}}}, {"range", (*d)[0]["range"]},
                                                       {"context", {{"diagnostics", *d}}}})["result"];
  REQUIRE(actions.size() == 1);
  CHECK(actions[0]["title"] == "Disable postmortem/embedded-lessons for the next line");
  json edits = actions[0]["edit"]["changes"][uri];
  REQUIRE(edits.size() == 1);
  // Apply it as the editor would, and the finding is gone.
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", json::array({{{"range", edits[0]["range"]}, {"text", edits[0]["newText"]}}})}});
  d = c.diagnostics(uri);
  REQUIRE(d);
  CHECK(d->empty());
}

TEST_CASE("server: unknown methods, wrong params and unreadable messages get errors", "[server]") {
  Client c;
  c.initialize();
  CHECK(c.request("textDocument/formatting")["error"]["code"] == -32601);
  CHECK(c.request("textDocument/hover", {{"textDocument", 7}})["error"]["code"] == -32602);
  c.sent.clear();
  c.server->handle(json::array({1, 2}));
  REQUIRE(c.sent.size() == 1);
  CHECK(c.sent[0]["error"]["code"] == -32600);
  c.sent.clear();
  c.server->unreadable(MessageReader::Status::BadJson, "the message is not JSON");
  REQUIRE(c.sent.size() == 1);
  CHECK(c.sent[0]["error"]["code"] == -32700);
  CHECK(c.sent[0]["id"].is_null());
  c.sent.clear();
  c.server->handle({{"jsonrpc", 2}, {"id", 9}, {"method", "shutdown"}});  // not "2.0"
  REQUIRE(c.sent.size() == 1);
  CHECK(c.sent[0]["error"]["code"] == -32600);
  CHECK(c.sent[0]["id"] == 9);
  c.sent.clear();
  c.server->handle({{"jsonrpc", "2.0"}, {"id", {{"not", "an id"}}}, {"method", "shutdown"}});
  REQUIRE(c.sent.size() == 1);
  CHECK(c.sent[0]["id"].is_null());
  c.sent.clear();
  // A file that is not Markdown is not checked, even if the client sends it.
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", file_uri(c.dir.path() + "/deploy.yaml")}, {"languageId", "yaml"},
                                                      {"version", 1}, {"text", "a: b\n"}}}});
  c.server->run_due(Server::Clock::now() + std::chrono::hours(1));
  c.notify("workspace/didChangeConfiguration", {{"settings", nullptr}});  // unknown notifications: nothing
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///not/open.md"}}}, {"contentChanges", json::array()}});
  CHECK(c.sent.empty());
}

TEST_CASE("server: shutdown, then exit with 0; exit without shutdown is 1", "[server]") {
  Client a;
  a.initialize();
  CHECK(a.request("shutdown")["result"].is_null());
  CHECK(a.request("textDocument/hover")["error"]["code"] == -32600);
  a.notify("exit");
  CHECK(a.server->exited());
  CHECK(a.server->exit_code() == 0);
  Client b;
  b.initialize();
  b.notify("exit");
  CHECK(b.server->exited());
  CHECK(b.server->exit_code() == 1);
}

TEST_CASE("server: a bad configuration is a diagnostic on the configuration, and reloads when fixed", "[server]") {
  Client c;
  std::string config = c.dir.write(".lessonlint.yaml", "# team settings\ndisable: [postmortem/no-such-rule]\n");
  c.initialize({{"workspace", {{"didChangeWatchedFiles", {{"dynamicRegistration", true}}}}}});
  std::string uri = c.open("postmortems/2026-01-05-queue.md", kPostmortem);
  auto published = c.published();
  REQUIRE(published.count(file_uri(config)) == 1);
  const json& on_config = published[file_uri(config)];
  REQUIRE(on_config.size() == 1);
  CHECK_THAT(on_config[0]["message"].get<std::string>(), Catch::Contains("unknown rule id 'postmortem/no-such-rule'"));
  CHECK(on_config[0]["range"]["start"]["line"] == 1);
  REQUIRE(published.count(uri) == 1);
  CHECK(published[uri].empty());

  c.dir.write(".lessonlint.yaml", "# team settings\ndisable: [postmortem/embedded-lessons]\n");
  c.notify("workspace/didChangeWatchedFiles", {{"changes", json::array({{{"uri", file_uri(config)}, {"type", 2}}})}});
  published = c.published();
  REQUIRE(published.count(uri) == 1);
  CHECK(published[uri].empty());                    // the rule is disabled now
  CHECK(published.count(file_uri(config)) == 0);    // cleared by the reload (published empty before the checks ran)
}

TEST_CASE("server: the watcher for configuration files is registered when the client can", "[server]") {
  Client c;
  c.sent.clear();
  c.request("initialize", {{"capabilities", {{"workspace", {{"didChangeWatchedFiles", {{"dynamicRegistration", true}}}}}}}});
  c.sent.clear();
  c.notify("initialized");
  REQUIRE(c.sent.size() == 1);
  CHECK(c.sent[0]["method"] == "client/registerCapability");
  CHECK(c.sent[0]["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles");
}

TEST_CASE("server: a linked document open in the editor is read from the editor", "[server]") {
  Client c;
  c.initialize();
  std::string review =
      "---\naudience: [payments-team]\ndistribution: \"#eng-learning\"\n---\n# Queue depth is not a health signal\n\n"
      "## What we used to believe\n\nQueue depth told us a consumer was healthy.\n\n"
      "## What we now believe\n\nOnly the age of the oldest message does.\n\n"
      "## Where else this applies\n\nThe payments team runs the same consumers.\n\n"
      "Postmortem: [queue backlog](../postmortems/2026-01-05-queue.md)\n";
  std::string uri = c.open("learning-reviews/queue-depth.md", review);
  auto d = c.diagnostics(uri);
  REQUIRE(d);
  auto before = codes(*d);
  CHECK(std::count(before.begin(), before.end(), std::string("learning-review/no-postmortem-link")) == 1);
  c.open("postmortems/2026-01-05-queue.md", kPostmortem);  // never saved: only the editor has it
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", json::array({{{"text", review}}})}});
  d = c.diagnostics(uri);
  REQUIRE(d);
  auto now = codes(*d);
  CHECK(std::count(now.begin(), now.end(), std::string("learning-review/no-postmortem-link")) == 0);
}

TEST_CASE("server: extract a learning review, as edits that create it (and link it)", "[server]") {
  Client c;
  json can_create = {{"workspace", {{"workspaceEdit", {{"documentChanges", true}, {"resourceOperations", json::array({"create"})}}}}}};
  c.initialize(can_create);
  std::string uri = c.open("postmortems/2026-01-05-queue.md", kPostmortem);
  auto d = c.diagnostics(uri);
  REQUIRE(d);
  REQUIRE(d->size() == 1);
  json actions = c.request("textDocument/codeAction", {{"textDocument", {{"uri", uri}}}, {"range", (*d)[0]["range"]},
                                                       {"context", {{"diagnostics", *d}}}})["result"];
  REQUIRE(actions.size() == 3);
  std::string review = c.dir.path() + "/learning-reviews/2026-01-05-queue.md";
  CHECK(actions[1]["title"] == "Extract a learning review into learning-reviews/2026-01-05-queue.md");
  CHECK(actions[1]["kind"] == "refactor.extract");
  json changes = actions[2]["edit"]["documentChanges"];
  REQUIRE(changes.size() == 3);
  CHECK(changes[0] == json{{"kind", "create"}, {"uri", file_uri(review)}, {"options", {{"overwrite", false}, {"ignoreIfExists", false}}}});
  std::string scaffold = changes[1]["edits"][0]["newText"];
  CHECK_THAT(scaffold, Catch::Contains("## What we used to believe"));
  CHECK_THAT(scaffold, Catch::Contains("../postmortems/2026-01-05-queue.md"));
  CHECK(changes[2]["textDocument"]["uri"] == uri);
  CHECK(changes[2]["textDocument"]["version"] == 1);
  // Applied to the postmortem, the edit leaves a link where the section was.
  std::string text = kPostmortem;
  const json& e = changes[2]["edits"][0];
  apply_edit(text, {e["range"]["start"]["line"], e["range"]["start"]["character"]},
             {e["range"]["end"]["line"], e["range"]["end"]["character"]}, e["newText"].get<std::string>());
  CHECK_THAT(text, Catch::Contains("See the learning review ["));
  CHECK_THAT(text, !Catch::Contains("Every team should alert"));
  CHECK_THAT(text, Catch::StartsWith("# Queue backlog delayed notifications\n"));

  // Never over a file that exists; and not offered to a client that cannot create files.
  c.dir.write("learning-reviews/2026-01-05-queue.md", "# mine\n");
  json again = c.request("textDocument/codeAction", {{"textDocument", {{"uri", uri}}}, {"range", (*d)[0]["range"]},
                                                     {"context", {{"diagnostics", *d}}}})["result"];
  CHECK(again.size() == 1);
}

TEST_CASE("server: a file the configuration excludes is not checked", "[server]") {
  Client c;
  c.dir.write(".lessonlint.yaml", "exclude: [\"archive/**\"]\n");
  c.initialize();
  std::string kept = c.open("postmortems/2026-01-05-queue.md", kPostmortem);
  std::string archived = c.open("archive/2019-01-05-queue.md", kPostmortem);
  auto published = c.published();
  CHECK(published[kept].size() == 1);
  REQUIRE(published.count(archived) == 1);
  CHECK(published[archived].empty());
}
