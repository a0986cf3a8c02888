#pragma once
// ScriptedStrategy: a test double of strategy::Strategy that signals entries and exits at chosen
// bar indices and reports a fixed ATR, so each fill rule can be tested on hand-built bars.
#include "strategy/strategy.hpp"

#include <algorithm>
#include <set>
#include <vector>

namespace crew::backtest::test {

class ScriptedStrategy final : public strategy::Strategy {
public:
  ScriptedStrategy(std::set<std::size_t> entries, std::set<std::size_t> exits, double atr)
      : m_entries(std::move(entries)), m_exits(std::move(exits)), m_atr(atr) {}

  std::string_view name() const override { return "scripted"; }
  std::vector<strategy::Parameter> parameters() const override { return {}; }
  std::size_t warmup_bars() const override { return 0; }
  strategy::Signals on_bar(const core::Bar& bar) override {
    m_seen.push_back(bar);
    const std::size_t index = m_seen.size() - 1;
    strategy::Signals signals;
    signals.exit = m_exits.count(index) > 0;
    signals.entry = !signals.exit && m_entries.count(index) > 0;
    if (signals.entry) {
      signals.reason = "scripted entry";
    }
    return signals;
  }
  double atr() const override { return m_atr; }
  std::size_t bars_seen() const override { return m_seen.size(); }
  void reset() override { m_seen.clear(); }

  // The bars fed so far, to check what the engine showed the strategy.
  const std::vector<core::Bar>& seen() const { return m_seen; }

private:
  std::set<std::size_t> m_entries;
  std::set<std::size_t> m_exits;
  double m_atr;
  std::vector<core::Bar> m_seen;
};

} // namespace crew::backtest::test
