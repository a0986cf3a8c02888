#pragma once
// CurlTransport: the HttpTransport on libcurl. One easy handle is reused so connections stay
// alive between requests; TLS peers are always verified. The only file that calls curl_.
#include "alpaca/http_transport.hpp"

#include <memory>
#include <mutex>

namespace crew::alpaca {

class CurlTransport final : public HttpTransport {
public:
  CurlTransport();
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  TransportResult send(const HttpRequest& request) override;

private:
  struct Handle;
  std::unique_ptr<Handle> m_handle;
  std::mutex m_mutex; // an easy handle serves one request at a time
};

} // namespace crew::alpaca
