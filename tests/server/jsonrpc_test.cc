#include <catch2/catch.hpp>

#include "server/jsonrpc.h"

using namespace lessonlint;
using Status = MessageReader::Status;

namespace {
std::string framed(const std::string& body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; }
}  // namespace

TEST_CASE("jsonrpc: messages are read whole, however the bytes arrive", "[server]") {
  std::string two = framed(R"({"jsonrpc":"2.0","id":1,"method":"a"})") + framed(R"({"jsonrpc":"2.0","method":"b"})");
  for (std::size_t piece : {std::size_t{1}, std::size_t{7}, two.size()}) {
    MessageReader r;
    std::vector<std::string> methods;
    for (std::size_t i = 0; i < two.size(); i += piece) {
      r.feed(std::string_view(two).substr(i, piece));
      for (auto m = r.next(); m.status != Status::NeedMore; m = r.next()) {
        REQUIRE(m.status == Status::Message);
        methods.push_back(m.message["method"]);
      }
    }
    CHECK(methods == std::vector<std::string>{"a", "b"});
    CHECK_FALSE(r.pending());
  }
}

TEST_CASE("jsonrpc: header names in any case, other headers and bare line feeds are taken", "[server]") {
  MessageReader r;
  std::string body = R"({"jsonrpc":"2.0","method":"x"})";
  r.feed("content-type: application/vscode-jsonrpc; charset=utf-8\nCONTENT-LENGTH:  " + std::to_string(body.size()) +
         "\n\n" + body);
  auto m = r.next();
  REQUIRE(m.status == Status::Message);
  CHECK(m.message["method"] == "x");
}

TEST_CASE("jsonrpc: a body that is not JSON is reported and the stream goes on", "[server]") {
  MessageReader r;
  r.feed(framed("{not json") + framed(R"({"jsonrpc":"2.0","method":"next"})"));
  CHECK(r.next().status == Status::BadJson);
  auto m = r.next();
  REQUIRE(m.status == Status::Message);
  CHECK(m.message["method"] == "next");
}

TEST_CASE("jsonrpc: a body over the limit is skipped without being kept, and the stream goes on", "[server]") {
  MessageReader r;
  std::size_t size = MessageReader::kMaxBody + 10;
  r.feed("Content-Length: " + std::to_string(size) + "\r\n\r\n");
  auto m = r.next();
  CHECK(m.status == Status::TooLarge);
  CHECK_THAT(m.error, Catch::Contains(std::to_string(size)));
  std::string chunk(1 << 20, 'x');
  for (std::size_t left = size; left > 0;) {
    std::size_t n = std::min(left, chunk.size());
    r.feed(std::string_view(chunk).substr(0, n));
    left -= n;
    CHECK(r.next().status == Status::NeedMore);
  }
  r.feed(framed(R"({"jsonrpc":"2.0","method":"after"})"));
  auto after = r.next();
  REQUIRE(after.status == Status::Message);
  CHECK(after.message["method"] == "after");
}

TEST_CASE("jsonrpc: a header that cannot be read ends the stream", "[server]") {
  for (std::string bad : {std::string("Content-Length: ten\r\n\r\n{}"), std::string("Content-Type: x\r\n\r\n{}"),
                          std::string("garbage line\r\n\r\n{}"), std::string(MessageReader::kMaxHeader + 1, 'a')}) {
    MessageReader r;
    r.feed(bad);
    auto m = r.next();
    INFO(bad.substr(0, 40));
    CHECK(m.status == Status::BadHeader);
    CHECK_FALSE(m.error.empty());
    r.feed(framed("{}"));
    CHECK(r.next().status == Status::BadHeader);  // and stays so
  }
}

TEST_CASE("jsonrpc: frame writes the byte count of the body", "[server]") {
  std::string f = frame(nlohmann::json{{"text", "é"}});
  CHECK(f == "Content-Length: 13\r\n\r\n{\"text\":\"é\"}");
  MessageReader r;
  r.feed(f);
  auto m = r.next();
  REQUIRE(m.status == Status::Message);
  CHECK(m.message["text"] == "é");
}
