// A failed write loses one counted call, not the session: it is logged and the loop goes on.
#include "app/api_call_recorder.hpp"

#include <spdlog/spdlog.h>

#include <string>

namespace crew::app {

ApiCallRecorder::ApiCallRecorder(state::StateStore& store)
    : m_store(store), m_owner(std::this_thread::get_id()) {}

ApiCallRecorder::~ApiCallRecorder() {
  flush();
}

void ApiCallRecorder::observe(const alpaca::RequestRecord& record) {
  state::ApiCall call{record.time,
                      std::string(alpaca::to_string(record.method)) + " " + record.endpoint,
                      record.status};
  std::vector<state::ApiCall> batch;
  {
    const std::lock_guard lock(m_mutex);
    m_pending.push_back(std::move(call));
    if (std::this_thread::get_id() != m_owner) {
      return;
    }
    batch.swap(m_pending);
  }
  write(batch);
}

void ApiCallRecorder::flush() {
  std::vector<state::ApiCall> batch;
  {
    const std::lock_guard lock(m_mutex);
    batch.swap(m_pending);
  }
  write(batch);
}

void ApiCallRecorder::write(const std::vector<state::ApiCall>& calls) {
  for (const auto& call : calls) {
    if (auto recorded = m_store.record_api_call(call); !recorded) {
      spdlog::warn("could not record an API call ({}): {}", call.endpoint,
                   recorded.error().message());
    }
  }
}

alpaca::RequestObserver record_into(std::shared_ptr<ApiCallRecorder> recorder) {
  return [recorder = std::move(recorder)](const alpaca::RequestRecord& record) {
    recorder->observe(record);
  };
}

} // namespace crew::app
