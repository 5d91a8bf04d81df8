// `lessonlint server` as a process, fed bytes an editor would never send:
// malformed JSON, a 50 MB message, an unreadable header, the end of input
// without `exit`, a client that is gone.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "server/jsonrpc.h"
#include "server/server.h"
#include "util/uri.h"
#include "test_support.h"

using namespace lessonlint;
using namespace lessonlint::test;
using json = nlohmann::json;

namespace {

std::string framed(const std::string& body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; }
std::string framed(const json& j) { return framed(j.dump()); }

std::vector<json> messages(const std::string& out) {
  MessageReader r;
  r.feed(out);
  std::vector<json> all;
  for (auto m = r.next(); m.status == MessageReader::Status::Message; m = r.next()) all.push_back(m.message);
  return all;
}

// Runs the server with `input` as its standard input.
RunOutput serve(const TempDir& dir, const std::string& input, const std::string& before = "") {
  std::string file = dir.path() + "/input.bin";
  std::ofstream(file, std::ios::binary) << input;
  return run_command({"sh", "-c", before + "\"$0\" server < \"$1\"", binary_path(), file}, dir.path());
}

}  // namespace

TEST_CASE("server process: bad messages get errors, and the session goes on to a clean exit", "[e2e][server]") {
  TempDir dir;
  std::string big = "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"" + std::string(50'000'000, 'a') + "\"}";
  std::string input = framed(std::string("{not json")) + framed(big) +
                      framed(json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"capabilities", json::object()}}}}) +
                      framed(json{{"jsonrpc", "2.0"}, {"id", 2}, {"method", "workspace/symbol"}, {"params", {{"query", ""}}}}) +
                      framed(json{{"jsonrpc", "2.0"}, {"id", 3}, {"method", "shutdown"}}) +
                      framed(json{{"jsonrpc", "2.0"}, {"method", "exit"}});
  RunOutput r = serve(dir, input);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  auto out = messages(r.out);
  REQUIRE(out.size() == 5);
  CHECK(out[0]["error"]["code"] == -32700);
  CHECK(out[1]["error"]["code"] == -32600);
  CHECK_THAT(out[1]["error"]["message"].get<std::string>(), Catch::Contains("50000"));
  CHECK(out[2]["id"] == 1);
  CHECK(out[2]["result"]["serverInfo"]["name"] == "lessonlint");
  CHECK(out[3]["error"]["code"] == -32601);
  CHECK(out[4]["id"] == 3);
  CHECK(out[4]["result"].is_null());
}

TEST_CASE("server process: an unreadable header closes the connection, with a reason", "[e2e][server]") {
  TempDir dir;
  RunOutput r = serve(dir, "Content-Lenght: 5\r\n\r\nhello");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("a header without Content-Length; closing the connection"));
  CHECK(r.out.empty());
}

TEST_CASE("server process: the end of input without exit, and a client that is gone, end the server", "[e2e][server]") {
  TempDir dir;
  RunOutput eof = serve(dir, framed(json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}}));
  CHECK(eof.exit_code == 1);
  CHECK(messages(eof.out).size() == 1);

  // A process that has ended: its id names no process now.
  RunOutput gone = run_command({"sh", "-c", "echo $$"}, dir.path());
  long pid = std::stol(gone.out);
  // Standard input stays open (sleep holds the pipe for 6 s): only the dead
  // client can end the server, and the time it ended is printed after it.
  std::string init = framed(json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"processId", pid}}}});
  std::string file = dir.path() + "/init.bin";
  std::ofstream(file, std::ios::binary) << init;
  RunOutput r = run_command({"sh", "-c",
                             "start=$(date +%s%N); { cat \"$1\"; sleep 6; } | { \"$0\" server >/dev/null; "
                             "echo \"exit=$? after=$(( ($(date +%s%N) - start) / 1000000 ))\"; }",
                             binary_path(), file},
                            dir.path());
  INFO(r.out << r.err);
  REQUIRE(r.out.find("exit=1 after=") != std::string::npos);
  long ms = std::stol(r.out.substr(r.out.find("after=") + 6));
  CHECK(ms < 4000);  // the server looks once a second
}

TEST_CASE("server: the diagnostics of every handbook document are check's findings", "[e2e][server]") {
  // A copy of the example handbook as a repository: the editor and `check` see the same files.
  GitRepoDir repo;
  std::filesystem::copy(source_dir() + "/examples/handbook", repo.path(), std::filesystem::copy_options::recursive);
  repo.commit("handbook");
  RunOutput r = run_lessonlint({"check", ".", "--format", "json", "--fail-on", "never"}, repo.path());
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::multiset<std::string>> want;  // path -> "rule line:column"
  const json report = json::parse(r.out);
  for (const auto& f : report["findings"])
    want[f["path"]].insert(f["rule"].get<std::string>() + " " + std::to_string(f["line"].get<int>()) + ":" +
                           std::to_string(f["column"].get<int>()));
  REQUIRE(want.size() >= 5);

  std::vector<json> sent;
  Server server([&](const json& m) { sent.push_back(m); }, CommonOptions{}, repo.path());
  server.handle({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"rootUri", file_uri(repo.path())}}}});
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(repo.path())) {
    if (e.path().extension() != ".md" || e.path().string().find("/.git/") != std::string::npos) continue;
    std::string rel = std::filesystem::relative(e.path(), repo.path()).generic_string();
    std::string uri = file_uri(e.path().string());
    server.handle({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
                   {"params", {{"textDocument", {{"uri", uri}, {"languageId", "markdown"}, {"version", 1},
                                                 {"text", read_text(e.path().string())}}}}}});
    sent.clear();
    server.run_due(Server::Clock::now() + std::chrono::hours(1));
    std::multiset<std::string> got;
    for (const auto& m : sent)
      if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        for (const auto& d : m["params"]["diagnostics"])
          got.insert(d["code"].get<std::string>() + " " + std::to_string(d["range"]["start"]["line"].get<int>() + 1) + ":" +
                     std::to_string(d["range"]["start"]["character"].get<int>() + 1));
    INFO(rel);
    CHECK(got == want[rel]);
    ++files;
  }
  CHECK(files >= 10);
}
