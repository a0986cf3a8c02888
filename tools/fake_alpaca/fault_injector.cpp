// One uniform draw per request picks the fault: [0, fail) fails (split evenly between 500, 503
// and 429), the next drop_rate drops, the next malformed_rate garbles, the next slow_rate answers
// late, the rest is served.
#include "fault_injector.hpp"

namespace crew::fake_alpaca {

FaultInjector::FaultInjector(FaultSettings settings)
    : m_settings(settings), m_random(settings.seed) {}

Fault FaultInjector::next() {
  double draw = 0;
  {
    const std::lock_guard lock(m_mutex);
    draw = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
  }
  if (draw < m_settings.fail_rate) {
    const double third = m_settings.fail_rate / 3.0;
    return draw < third       ? Fault::server_error
           : draw < 2 * third ? Fault::unavailable
                              : Fault::rate_limited;
  }
  draw -= m_settings.fail_rate;
  if (draw < m_settings.drop_rate) {
    return Fault::drop;
  }
  draw -= m_settings.drop_rate;
  if (draw < m_settings.malformed_rate) {
    return Fault::malformed;
  }
  draw -= m_settings.malformed_rate;
  if (draw < m_settings.slow_rate) {
    return Fault::slow;
  }
  return Fault::none;
}

} // namespace crew::fake_alpaca
