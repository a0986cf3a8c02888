// crew trades [--market M] [--json|--csv] and crew orders [--json|--csv]: the trade history and
// the orders of the state store, as a table, JSON or CSV.
#include "app/cli_checks.hpp"
#include "app/commands.hpp"
#include "app/context.hpp"
#include "state/record_json.hpp"
#include "state/state_store.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

namespace crew::app {
namespace {

struct RecordOptions {
  std::string market;
  bool json = false;
  bool csv = false;
};

core::Result<state::StateStore> open_store(const GlobalOptions& global) {
  auto context = load_context(global, ContextOptions{.read_only = true});
  if (!context) {
    return context.error();
  }
  return open_state_read_only(*context);
}

int run_trades(const GlobalOptions& global, const RecordOptions& options) {
  state::RecordQuery query;
  if (!options.market.empty()) {
    auto market = core::parse_asset_class(options.market);
    if (!market) {
      return fail(k_exit_bad_input, market.error().what + " (--market)");
    }
    query.market = *market;
  }
  auto store = open_store(global);
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure), store.error().message());
  }
  auto trades = store->trades(query);
  if (!trades) {
    return fail(k_exit_failure, trades.error().message());
  }
  nlohmann::json rows = nlohmann::json::array();
  if (options.csv) {
    std::cout << "market,symbol,strategy,entry_time,exit_time,entry_price,exit_price,qty,fees,pnl,"
                 "exit_reason,entry_client_order_id,exit_client_order_id\n";
  }
  for (const auto& t : *trades) {
    const std::string market(core::to_string(t.market));
    if (options.csv) {
      std::cout << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", market, t.symbol.str(),
                               t.strategy, core::format_rfc3339(t.entry_time),
                               core::format_rfc3339(t.exit_time), t.entry_price.to_string(),
                               t.exit_price.to_string(), t.qty.to_string(), t.fees.to_string(),
                               t.pnl.to_string(), t.exit_reason, t.entry_client_order_id,
                               t.exit_client_order_id);
    } else if (options.json) {
      rows.push_back(state::trade_json(t));
    } else {
      std::cout << fmt::format("{:<10} {:<9} {:<5} {} -> {}  {:>12} -> {:<12} pnl {:>10.2f} {}\n",
                               market, t.symbol.str(), t.strategy,
                               core::format_rfc3339(t.entry_time),
                               core::format_rfc3339(t.exit_time), t.entry_price.to_string(),
                               t.exit_price.to_string(), t.pnl.to_double(), t.exit_reason);
    }
  }
  if (options.json) {
    std::cout << rows.dump(2) << '\n';
  } else if (!options.csv) {
    std::cout << trades->size() << " trades\n";
  }
  return k_exit_ok;
}

int run_orders(const GlobalOptions& global, const RecordOptions& options) {
  auto store = open_store(global);
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure), store.error().message());
  }
  auto orders = store->orders();
  if (!orders) {
    return fail(k_exit_failure, orders.error().message());
  }
  nlohmann::json rows = nlohmann::json::array();
  if (options.csv) {
    std::cout << "created_at,client_order_id,symbol,side,qty,status,sent,purpose,strategy,"
                 "filled_qty,filled_avg_price,reason\n";
  }
  for (const auto& r : *orders) {
    const auto& o = r.order;
    const std::string status = r.status_text();
    const std::string avg = o.filled_avg_price ? o.filled_avg_price->to_string() : "";
    if (options.csv) {
      std::cout << fmt::format(
          "{},{},{},{},{},{},{},{},{},{},{},\"{}\"\n", core::format_rfc3339(o.created_at),
          o.client_order_id, o.symbol.str(), core::to_string(o.side), o.qty.to_string(), status,
          r.sent, r.purpose, r.strategy, o.filled_qty.to_string(), avg, r.reason);
    } else if (options.json) {
      rows.push_back({{"created_at", core::format_rfc3339(o.created_at)},
                      {"client_order_id", o.client_order_id},
                      {"broker_id", o.id},
                      {"symbol", o.symbol.str()},
                      {"side", std::string(core::to_string(o.side))},
                      {"qty", o.qty.to_string()},
                      {"status", status},
                      {"sent", r.sent},
                      {"purpose", r.purpose},
                      {"strategy", r.strategy},
                      {"filled_qty", o.filled_qty.to_string()},
                      {"filled_avg_price", avg},
                      {"reason", r.reason}});
    } else {
      std::cout << fmt::format("{} {:<40} {:<9} {:<4} {:>14} {:<9} {:<5} {}\n",
                               core::format_rfc3339(o.created_at), o.client_order_id,
                               o.symbol.str(), core::to_string(o.side), o.qty.to_string(), status,
                               r.purpose, r.strategy);
    }
  }
  if (options.json) {
    std::cout << rows.dump(2) << '\n';
  } else if (!options.csv) {
    std::cout << orders->size() << " orders\n";
  }
  return k_exit_ok;
}

} // namespace

void add_records_commands(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto trades = std::make_shared<RecordOptions>();
  auto* t = app.add_subcommand("trades", "Closed round trips from the state store");
  t->add_option("--market", trades->market, "US_EQUITY or CRYPTO");
  auto* tj = t->add_flag("--json", trades->json, "Print a JSON array");
  t->add_flag("--csv", trades->csv, "Print CSV")->excludes(tj);
  t->callback([trades, &global, &slot] {
    slot.action = [trades, &global] { return run_trades(global, *trades); };
  });
  auto orders = std::make_shared<RecordOptions>();
  auto* o = app.add_subcommand("orders", "Orders from the state store (intents included)");
  auto* oj = o->add_flag("--json", orders->json, "Print a JSON array");
  o->add_flag("--csv", orders->csv, "Print CSV")->excludes(oj);
  o->callback([orders, &global, &slot] {
    slot.action = [orders, &global] { return run_orders(global, *orders); };
  });
}

} // namespace crew::app
