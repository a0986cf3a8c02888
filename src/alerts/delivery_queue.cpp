// The lanes. Each lane's thread takes the oldest job that is due, marks it in flight, delivers it
// with the lane's mutex released (so push never waits for a sink), then records the outcome. A job
// stays in its lane's list while in flight, so the capacity counts it and the drop policy skips
// it. Results and counters live in Shared, which the lanes' threads own with the queue: a thread
// left stuck at shutdown keeps its lane and Shared alive until its sink returns, then ends
// without a word (nothing reads its results any more).
#include "alerts/delivery_queue.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <optional>
#include <thread>

namespace crew::alerts {
namespace {

using Steady = std::chrono::steady_clock;

struct Job {
  std::uint64_t id = 0;
  Alert alert;
  int attempts = 0; // failed so far
  Steady::time_point due;
  bool in_flight = false;
};

std::string_view what(const Alert& alert) {
  return alert.resolved ? "resolved" : "raised";
}

double seconds(core::Duration d) {
  return std::chrono::duration<double>(d).count();
}

// A sink must not throw; one that does anyway fails this attempt rather than the lane's thread.
core::Status deliver(AlertSink& sink, const Alert& alert) {
  try {
    return sink.deliver(alert);
  } catch (const std::exception& e) {
    return core::Error{std::string("the sink threw: ") + e.what(), std::string(sink.name())};
  }
}

} // namespace

core::Duration retry_delay(int attempts, core::Duration first, core::Duration max) {
  core::Duration delay = std::max(first, core::Duration{0});
  for (int doubled = 1; doubled < attempts && delay < max; ++doubled) {
    delay *= 2; // below max before, so at most twice max: no overflow
  }
  return std::min(delay, max);
}

struct DeliveryQueue::Shared {
  std::mutex mutex;
  std::condition_variable changed; // after every outcome
  std::vector<DeliveryResult> results;
  DeliveryStats stats;

  void post(DeliveryResult result) {
    {
      const std::lock_guard lock(mutex);
      switch (result.outcome) {
      case DeliveryOutcome::delivered:
        ++stats.delivered;
        break;
      case DeliveryOutcome::failed:
        ++stats.failed;
        break;
      case DeliveryOutcome::gave_up:
        ++stats.failed;
        ++stats.gave_up;
        break;
      case DeliveryOutcome::dropped:
        ++stats.dropped;
        break;
      }
      results.push_back(std::move(result));
    }
    changed.notify_all();
  }
};

struct DeliveryQueue::Lane {
  std::unique_ptr<AlertSink> sink;
  std::string name;
  std::mutex mutex;
  std::condition_variable wake;
  std::deque<Job> jobs; // oldest first
  std::uint64_t next_id = 0;
  bool closed = false;    // shutdown began: no more pushes
  bool abandoned = false; // shutdown is over: take no more jobs
  std::thread thread;

  // The job a push to a full lane pushes out: the oldest waiting warning; else, for a critical
  // newcomer, the oldest waiting critical one; else the newcomer itself (jobs.end()).
  std::deque<Job>::iterator victim(const Alert& newcomer) {
    const auto waiting = [](const Job& j) { return !j.in_flight; };
    auto it = std::find_if(jobs.begin(), jobs.end(), [&](const Job& j) {
      return waiting(j) && j.alert.severity != Severity::critical;
    });
    if (it == jobs.end() && newcomer.severity == Severity::critical) {
      it = std::find_if(jobs.begin(), jobs.end(), waiting);
    }
    return it;
  }
};

DeliveryQueue::DeliveryQueue(std::vector<std::unique_ptr<AlertSink>> sinks, DeliveryOptions options)
    : m_options(options), m_shared(std::make_shared<Shared>()) {
  m_options.capacity = std::max<std::size_t>(m_options.capacity, 1);
  m_options.max_attempts = std::max(m_options.max_attempts, 1);
  for (auto& sink : sinks) {
    auto lane = std::make_shared<Lane>();
    lane->name = std::string(sink->name());
    lane->sink = std::move(sink);
    m_lanes.push_back(lane);
  }
  for (const auto& lane : m_lanes) {
    lane->thread =
        std::thread([lane, shared = m_shared, opts = m_options] { run_lane(lane, shared, opts); });
  }
}

DeliveryQueue::~DeliveryQueue() {
  (void)shutdown();
}

bool DeliveryQueue::has_sink(std::string_view name) const {
  return std::any_of(m_lanes.begin(), m_lanes.end(),
                     [&](const auto& lane) { return lane->name == name; });
}

void DeliveryQueue::push(const Alert& alert, std::string_view sink, int attempts,
                         core::Duration delay) {
  const auto found = std::find_if(m_lanes.begin(), m_lanes.end(),
                                  [&](const auto& lane) { return lane->name == sink; });
  if (found == m_lanes.end()) {
    return;
  }
  Lane& lane = **found;
  std::optional<Job> dropped;
  {
    const std::lock_guard lock(lane.mutex);
    if (lane.closed) {
      return;
    }
    Job job{++lane.next_id, alert, attempts, Steady::now() + std::max(delay, core::Duration{0}),
            false};
    if (lane.jobs.size() >= m_options.capacity) {
      const auto victim = lane.victim(alert);
      if (victim == lane.jobs.end()) {
        dropped = std::move(job);
      } else {
        dropped = std::move(*victim);
        lane.jobs.erase(victim);
      }
    }
    if (!dropped || dropped->id != lane.next_id) { // not the newcomer itself
      lane.jobs.push_back(std::move(job));
    }
  }
  lane.wake.notify_one();
  if (dropped) {
    spdlog::warn("alerts: the {} queue is full ({} alerts): dropped the {} {} alert '{}'",
                 lane.name, m_options.capacity, what(dropped->alert),
                 to_string(dropped->alert.severity), dropped->alert.key);
    m_shared->post(DeliveryResult{
        std::move(dropped->alert), lane.name, DeliveryOutcome::dropped, dropped->attempts, {}});
  }
}

std::vector<DeliveryResult> DeliveryQueue::take_results() {
  const std::lock_guard lock(m_shared->mutex);
  return std::exchange(m_shared->results, {});
}

DeliveryStats DeliveryQueue::stats() const {
  const std::lock_guard lock(m_shared->mutex);
  return m_shared->stats;
}

bool DeliveryQueue::settled(Steady::time_point by) const {
  return std::all_of(m_lanes.begin(), m_lanes.end(), [by](const auto& lane) {
    const std::lock_guard lock(lane->mutex);
    return std::none_of(lane->jobs.begin(), lane->jobs.end(),
                        [by](const Job& j) { return j.in_flight || j.due <= by; });
  });
}

bool DeliveryQueue::drain(core::Duration limit) {
  const auto deadline = Steady::now() + limit;
  std::unique_lock lock(m_shared->mutex);
  while (true) {
    lock.unlock();
    const bool done = settled(deadline);
    lock.lock();
    if (done) {
      return true;
    }
    if (Steady::now() >= deadline) {
      return false;
    }
    // Woken by every outcome; the 5 ms bound covers an outcome posted between the check and here.
    m_shared->changed.wait_until(lock,
                                 std::min(deadline, Steady::now() + std::chrono::milliseconds{5}));
  }
}

std::size_t DeliveryQueue::shutdown() {
  const std::lock_guard once(m_shutdown_mutex);
  if (m_shut) {
    return 0;
  }
  m_shut = true;
  const auto began = Steady::now();
  for (const auto& lane : m_lanes) {
    const std::lock_guard lock(lane->mutex);
    lane->closed = true;
  }
  (void)drain(m_options.shutdown_grace);
  std::size_t left = 0;
  std::size_t stuck = 0;
  for (const auto& lane : m_lanes) {
    bool busy = false;
    {
      const std::lock_guard lock(lane->mutex);
      lane->abandoned = true;
      left += lane->jobs.size();
      busy = std::any_of(lane->jobs.begin(), lane->jobs.end(),
                         [](const Job& j) { return j.in_flight; });
    }
    lane->wake.notify_all();
    if (busy) {
      ++stuck;
      lane->thread.detach(); // in a sink that has not returned: it ends on its own
    } else {
      lane->thread.join(); // waiting on `wake`: it sees `abandoned` and returns at once
    }
  }
  if (left > 0) {
    spdlog::warn("alerts: shutdown: gave up after {:.1f} s on {} pending deliveries ({} stuck on a "
                 "receiver that has not answered, {} waiting for a retry or behind one); still "
                 "owed in the state store, they go out after the next start",
                 seconds(Steady::now() - began), left, stuck, left - stuck);
  }
  return left;
}

void DeliveryQueue::run_lane(const std::shared_ptr<Lane>& lane,
                             const std::shared_ptr<Shared>& shared,
                             const DeliveryOptions& options) {
  std::unique_lock lock(lane->mutex);
  while (!lane->abandoned) {
    const auto now = Steady::now();
    auto next = std::find_if(lane->jobs.begin(), lane->jobs.end(),
                             [now](const Job& j) { return j.due <= now; });
    if (next == lane->jobs.end()) {
      const auto soonest =
          std::min_element(lane->jobs.begin(), lane->jobs.end(),
                           [](const Job& a, const Job& b) { return a.due < b.due; });
      if (soonest == lane->jobs.end()) {
        lane->wake.wait(lock);
      } else {
        lane->wake.wait_until(lock, soonest->due);
      }
      continue;
    }
    next->in_flight = true;
    const std::uint64_t id = next->id;
    const Alert alert = next->alert;
    lock.unlock();
    const auto sent = deliver(*lane->sink, alert);
    lock.lock();
    if (lane->abandoned) {
      return; // shutdown gave up on this delivery: the store still owes it
    }
    const auto job = std::find_if(lane->jobs.begin(), lane->jobs.end(),
                                  [id](const Job& j) { return j.id == id; });
    DeliveryResult result{alert, lane->name, DeliveryOutcome::delivered, job->attempts, {}};
    if (sent) {
      lane->jobs.erase(job);
    } else {
      result.attempts = ++job->attempts;
      if (job->attempts >= options.max_attempts) {
        result.outcome = DeliveryOutcome::gave_up;
        lane->jobs.erase(job);
      } else {
        result.outcome = DeliveryOutcome::failed;
        result.retry_in = retry_delay(job->attempts, options.first_retry, options.max_retry);
        job->due = Steady::now() + result.retry_in;
        job->in_flight = false;
      }
    }
    lock.unlock();
    if (result.outcome == DeliveryOutcome::failed) {
      spdlog::warn("alerts: {} alert '{}' not delivered to {}: {} (attempt {}, next in {:.0f} s)",
                   what(alert), alert.key, lane->name, sent.error().message(), result.attempts,
                   seconds(result.retry_in));
    } else if (result.outcome == DeliveryOutcome::gave_up) {
      spdlog::error("alerts: giving up on the {} alert '{}' for {} after {} attempts: {}",
                    what(alert), alert.key, lane->name, result.attempts, sent.error().message());
    }
    shared->post(std::move(result));
    lock.lock();
  }
}

} // namespace crew::alerts
