#pragma once
// `lessonlint server`: a Language Server Protocol 3.17 server. The editor's
// unsaved text is checked by the same engine, rules, configuration and
// classification as `check`, under the document's real path; findings are
// pushed as diagnostics (debounced while the writer types), with hovers that
// explain the rule and code actions that fix or silence it.
//
// The server reads one message at a time (handle) and writes through `send`;
// run_server() drives it from standard input and output.

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/pipeline.h"
#include "document/document.h"
#include "engine/finding.h"
#include "server/jsonrpc.h"

namespace lessonlint {

class Server {
 public:
  using Clock = std::chrono::steady_clock;
  using Send = std::function<void(const nlohmann::json&)>;

  // `working_folder`: the root when the client names none.
  Server(Send send, CommonOptions common, std::string working_folder);
  ~Server();

  // One message from the client.
  void handle(const nlohmann::json& message);
  // A message the reader could not take (not JSON, too large): an error
  // response without an id, as JSON-RPC answers what it cannot read.
  void unreadable(MessageReader::Status status, const std::string& why);

  // When run_due() next has a check to run (the end of a debounce), if any.
  std::optional<Clock::time_point> next_due() const;
  // Checks the documents whose debounce has ended and publishes their diagnostics.
  void run_due(Clock::time_point now);

  bool exited() const { return m_exited; }
  // After `exit`: 0 when `shutdown` came first, 1 otherwise (as the protocol says).
  int exit_code() const { return m_shutdown ? 0 : 1; }
  // The client's process id from `initialize`, to exit when it is gone.
  std::optional<long> client_process() const { return m_client_pid; }

  // How long after the last change a document is checked (default 200 ms).
  void set_debounce(std::chrono::milliseconds d) { m_debounce = d; }

 private:
  struct Workspace;
  struct OpenDocument;

  void request(const nlohmann::json& id, const std::string& method, const nlohmann::json& params);
  void notification(const std::string& method, const nlohmann::json& params);
  void reply(const nlohmann::json& id, nlohmann::json result);
  void reply_error(const nlohmann::json& id, int code, const std::string& message);

  nlohmann::json initialize(const nlohmann::json& params);
  void initialized();
  void did_open(const nlohmann::json& params);
  void did_change(const nlohmann::json& params);
  void did_save(const nlohmann::json& params);
  void did_close(const nlohmann::json& params);
  void did_change_watched_files();
  nlohmann::json hover(const nlohmann::json& params);
  nlohmann::json code_action(const nlohmann::json& params);
  // "Extract a learning review" (and "... and replace it with a link"): `lessonlint extract` as edits.
  nlohmann::json extract_actions(const OpenDocument& d, const Document& doc);

  Workspace& workspace_for(const std::string& path);
  void reload_configuration();
  void check_now(OpenDocument& doc);
  void publish(const std::string& uri, const std::vector<Finding>& findings, std::optional<int> version);
  void publish_config_errors();
  OpenDocument* find_document(const nlohmann::json& params);

  Send m_send;
  CommonOptions m_common;
  std::string m_root;  // the workspace folder: configuration and repository are looked for from here
  bool m_initialized = false, m_shutdown = false, m_exited = false;
  std::optional<long> m_client_pid;
  bool m_can_create_files = false;  // the client applies edits that create files
  bool m_can_watch = false;         // the client registers file watchers on request
  std::chrono::milliseconds m_debounce{200};
  int m_next_request = 1;
  std::map<std::string, std::unique_ptr<Workspace>> m_workspaces;  // by the folder they were built from
  std::map<std::string, std::unique_ptr<OpenDocument>> m_documents;  // by URI
  std::map<std::string, bool> m_config_diagnostics;  // config file URI -> has diagnostics now
};

// Runs the server on standard input and output until `exit`, the end of the
// input, or the end of the client's process. Returns the exit code.
int run_server(const CommonOptions& common, std::chrono::milliseconds debounce = std::chrono::milliseconds(200));

}  // namespace lessonlint
