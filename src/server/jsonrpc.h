#pragma once
// The Language Server Protocol's base protocol: JSON-RPC messages, each after
// a header of "Name: value" lines ending in an empty line, of which
// Content-Length (the body's bytes) is required.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace lessonlint {

// Reads messages from bytes fed in as they arrive (in pieces of any size).
class MessageReader {
 public:
  // The largest body taken: a bigger one is skipped, byte for byte, and reported.
  static constexpr std::size_t kMaxBody = 16u << 20;
  // A header longer than this is not a header: the stream is not LSP.
  static constexpr std::size_t kMaxHeader = 8u << 10;

  enum class Status {
    NeedMore,  // no whole message yet
    Message,   // `message` holds one
    BadJson,   // a whole body that is not JSON (`error` says why); the stream goes on
    TooLarge,  // a body over kMaxBody, skipped; the stream goes on
    BadHeader, // a header that cannot be read (`error` says why): the stream cannot go on
  };
  struct Result {
    Status status = Status::NeedMore;
    nlohmann::json message;
    std::string error;
  };

  void feed(std::string_view bytes);
  // The next message, or why there is none. After BadHeader, always BadHeader.
  Result next();
  // Bytes fed and not yet read as a message (a partial message at the end of input).
  bool pending() const { return m_buffer.size() > m_pos || m_skipping > 0; }

 private:
  std::string m_buffer;
  std::size_t m_pos = 0;        // where the unread bytes start in m_buffer
  std::size_t m_body = 0;       // the body's length once its header is read
  bool m_in_body = false;
  std::size_t m_skipping = 0;   // bytes of a too large body still to skip
  std::string m_broken;         // set once the header could not be read
  void compact();
};

// A message with its header, ready to write.
std::string frame(const nlohmann::json& message);

}  // namespace lessonlint
