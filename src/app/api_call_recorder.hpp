#pragma once
// ApiCallRecorder: the Alpaca requests of a trading session, as the API clients report them (one
// per attempt on the wire, with its status), written to the state store's api_calls table, which
// `crew status`, the dashboard, `crew report` and /metrics count. Only the clients of the loop's
// AlpacaSession report here: the alert webhook has a transport of its own and is no API call.
// The store is written from the thread that made the recorder (the loop's, which owns the store);
// a request reported from any other thread waits until that thread's next request or flush().
#include "alpaca/api_client.hpp"
#include "state/state_store.hpp"

#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace crew::app {

class ApiCallRecorder {
public:
  explicit ApiCallRecorder(state::StateStore& store);
  ~ApiCallRecorder();
  ApiCallRecorder(const ApiCallRecorder&) = delete;
  ApiCallRecorder& operator=(const ApiCallRecorder&) = delete;

  void observe(const alpaca::RequestRecord& record);
  // Writes what other threads reported; call it on the owning thread (after each tick).
  void flush();

private:
  void write(const std::vector<state::ApiCall>& calls);

  state::StateStore& m_store;
  std::thread::id m_owner;
  std::mutex m_mutex;
  std::vector<state::ApiCall> m_pending;
};

// An observer for the API clients that keeps `recorder` alive as long as a client holds it.
alpaca::RequestObserver record_into(std::shared_ptr<ApiCallRecorder> recorder);

} // namespace crew::app
