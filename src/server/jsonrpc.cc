#include "server/jsonrpc.h"

#include <fmt/format.h>

#include <charconv>

#include "util/text.h"

namespace lessonlint {

void MessageReader::feed(std::string_view bytes) {
  if (m_skipping > 0) {
    std::size_t skip = std::min(m_skipping, bytes.size());
    m_skipping -= skip;
    bytes.remove_prefix(skip);
  }
  m_buffer.append(bytes);
}

void MessageReader::compact() {
  // Drop what has been read once it is most of the buffer: appends stay amortised O(1).
  if (m_pos > 0 && m_pos * 2 >= m_buffer.size()) {
    m_buffer.erase(0, m_pos);
    m_pos = 0;
  }
}

MessageReader::Result MessageReader::next() {
  Result r;
  if (!m_broken.empty()) {
    r.status = Status::BadHeader;
    r.error = m_broken;
    return r;
  }
  if (m_skipping > 0) return r;
  if (!m_in_body) {
    std::string_view rest = std::string_view(m_buffer).substr(m_pos);
    // The header ends at an empty line; lines end in \r\n (a bare \n is taken too).
    std::size_t end = std::string_view::npos, body_start = 0;
    for (std::size_t i = rest.find('\n'); i != std::string_view::npos; i = rest.find('\n', i + 1)) {
      std::size_t next = i + 1;
      if (next < rest.size() && rest[next] == '\n') {
        end = i;
        body_start = next + 1;
        break;
      }
      if (next + 1 < rest.size() && rest[next] == '\r' && rest[next + 1] == '\n') {
        end = i;
        body_start = next + 2;
        break;
      }
    }
    // (However the bytes arrive, a header too long is the same error.)
    if (end == std::string_view::npos ? rest.size() > kMaxHeader : end > kMaxHeader) {
      m_broken = fmt::format("no end of header in the first {} bytes", kMaxHeader);
      r.status = Status::BadHeader;
      r.error = m_broken;
      return r;
    }
    if (end == std::string_view::npos) return r;
    std::optional<std::size_t> length;
    for (const std::string& header_line : split(rest.substr(0, end), '\n')) {
      std::string_view line = trim(header_line);
      if (line.empty()) continue;
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) {
        m_broken = fmt::format("a header line without ':': '{}'", line.substr(0, 80));
        break;
      }
      std::string name = to_lower_ascii(trim(line.substr(0, colon)));
      std::string_view value = trim(line.substr(colon + 1));
      if (name != "content-length") continue;  // Content-Type and the rest: utf-8 JSON is all there is
      std::size_t n = 0;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || ptr != value.data() + value.size()) {
        m_broken = fmt::format("Content-Length is not a number: '{}'", value.substr(0, 40));
        break;
      }
      length = n;
    }
    if (m_broken.empty() && !length) m_broken = "a header without Content-Length";
    if (!m_broken.empty()) {
      r.status = Status::BadHeader;
      r.error = m_broken;
      return r;
    }
    m_pos += body_start;
    if (*length > kMaxBody) {
      std::size_t have = m_buffer.size() - m_pos;
      std::size_t drop = std::min(have, *length);
      m_pos += drop;
      m_skipping = *length - drop;
      compact();
      r.status = Status::TooLarge;
      r.error = fmt::format("a message of {} bytes, over the limit of {} bytes: skipped", *length, kMaxBody);
      return r;
    }
    m_body = *length;
    m_in_body = true;
  }
  if (m_buffer.size() - m_pos < m_body) return r;
  std::string_view body = std::string_view(m_buffer).substr(m_pos, m_body);
  m_in_body = false;
  r.message = nlohmann::json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  m_pos += m_body;
  compact();
  if (r.message.is_discarded()) {
    r.status = Status::BadJson;
    r.error = "the message is not JSON";
    r.message = nullptr;
    return r;
  }
  r.status = Status::Message;
  return r;
}

std::string frame(const nlohmann::json& message) {
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return fmt::format("Content-Length: {}\r\n\r\n", body.size()) + body;
}

}  // namespace lessonlint
