// libcurl behind the HttpTransport port. Keep-alive comes from reusing one easy handle; curl's
// error codes are folded into TransportErrorKind so the retry policy needs no curl knowledge.
#include "alpaca/curl_transport.hpp"

#include <curl/curl.h>

#include <cctype>
#include <string>

namespace crew::alpaca {
namespace {

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::string trim(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.pop_back();
  }
  std::size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start])) != 0) {
    ++start;
  }
  return text.substr(start);
}

// Collects "Name: value" lines; a new status line (after a redirect or 100-continue) resets them.
std::size_t write_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* headers = static_cast<HttpHeaders*>(user);
  const std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();
  } else if (const auto colon = line.find(':'); colon != std::string::npos) {
    headers->emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return size * count;
}

TransportErrorKind classify(CURLcode code) {
  switch (code) {
  case CURLE_OPERATION_TIMEDOUT:
    return TransportErrorKind::timeout;
  case CURLE_COULDNT_CONNECT:
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
    return TransportErrorKind::connection_failed;
  case CURLE_GOT_NOTHING:
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
  case CURLE_PARTIAL_FILE:
    return TransportErrorKind::connection_dropped;
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CIPHER:
  case CURLE_SSL_CACERT_BADFILE:
    return TransportErrorKind::tls;
  default:
    return TransportErrorKind::other;
  }
}

struct GlobalInit {
  GlobalInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

} // namespace

struct CurlTransport::Handle {
  CURL* curl = nullptr;
};

CurlTransport::CurlTransport() : m_handle(std::make_unique<Handle>()) {
  static const GlobalInit k_init;
  m_handle->curl = curl_easy_init();
}

CurlTransport::~CurlTransport() {
  if (m_handle->curl != nullptr) {
    curl_easy_cleanup(m_handle->curl);
  }
}

TransportResult CurlTransport::send(const HttpRequest& request) {
  const std::lock_guard lock(m_mutex);
  CURL* curl = m_handle->curl;
  if (curl == nullptr) {
    return TransportError{TransportErrorKind::other, "libcurl could not be initialised"};
  }
  curl_easy_reset(curl);
  HttpResponse response;
  curl_slist* header_list = nullptr;
  for (const auto& [name, value] : request.headers) {
    header_list = curl_slist_append(header_list, (name + ": " + value).c_str());
  }
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, write_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  switch (request.method) {
  case HttpMethod::get:
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    break;
  case HttpMethod::post:
  case HttpMethod::patch:
  case HttpMethod::del:
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, std::string(to_string(request.method)).c_str());
    if (request.method != HttpMethod::del || !request.body.empty()) {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    }
    break;
  }
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(header_list);
  if (code != CURLE_OK) {
    return TransportError{classify(code), curl_easy_strerror(code)};
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

} // namespace crew::alpaca
