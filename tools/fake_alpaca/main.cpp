// fake_alpaca: a loopback Alpaca REST server over CSV folders or a bar store, with fault
// injection, for integration tests and demos. Prints the port it listens on as its first stdout
// line, then logs every request on stderr.
#include "fake_server.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
  using namespace crew::fake_alpaca;
  CLI::App app{"fake_alpaca: a loopback Alpaca market-data server with fault injection",
               "fake_alpaca"};
  ServerOptions options;
  std::string data_dir;
  std::string store_file;
  std::string keys;
  int delay_ms = 0;
  app.add_option("--port", options.port, "Port (0: any free port, printed on stdout)")->required();
  auto* data = app.add_option("--data", data_dir, "Folder: crypto|us_equity/<1m|…|1d>/<SYM>.csv");
  auto* store = app.add_option("--store", store_file, "Bar store file (bars.db)");
  data->excludes(store);
  app.add_option("--keys", keys, "Accepted keys as ID:SECRET (default: any non-empty keys)");
  app.add_option("--fail-rate", options.faults.fail_rate, "Fraction answered 500/503/429")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--rate-limit", options.rate_limit, "Requests per sliding minute (default 200)")
      ->check(CLI::PositiveNumber);
  app.add_option("--delay-ms", delay_ms, "Delay added to every response")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--drop-rate", options.faults.drop_rate, "Fraction of dropped connections")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--malformed-rate", options.faults.malformed_rate,
                 "Fraction of 200s with a truncated JSON body")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--slow-rate", options.faults.slow_rate,
                 "Fraction of requests handled at once but answered after --slow-ms")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--slow-ms", options.faults.slow_ms, "How late a slow answer comes (15000)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seed", options.faults.seed, "Seed of the fault decisions");
  std::string clock_start;
  app.add_option("--state", options.state_file, "Trading state file (JSON, kept across restarts)");
  app.add_option("--clock", clock_start, "Start the fake clock at this RFC 3339 time");
  app.add_option("--speed", options.clock_speed, "Fake clock speed (with --clock)")
      ->check(CLI::PositiveNumber);
  app.add_option("--cash", options.starting_cash, "Starting cash of the paper account");
  CLI11_PARSE(app, argc, argv);
  if (!clock_start.empty()) {
    auto start = crew::core::parse_rfc3339(clock_start);
    if (!start) {
      std::cerr << "fake_alpaca: --clock: " << start.error().message() << '\n';
      return 2;
    }
    options.clock_start = *start;
  }

  if (data_dir.empty() == store_file.empty()) {
    std::cerr << "fake_alpaca: give exactly one of --data DIR or --store FILE\n";
    return 2;
  }
  if (!keys.empty()) {
    const auto colon = keys.find(':');
    if (colon == std::string::npos) {
      std::cerr << "fake_alpaca: --keys must be ID:SECRET\n";
      return 2;
    }
    options.keys = std::pair{keys.substr(0, colon), keys.substr(colon + 1)};
  }
  options.delay = std::chrono::milliseconds{delay_ms};
  auto source =
      data_dir.empty() ? BarSource::load_store(store_file) : BarSource::load_directory(data_dir);
  if (!source) {
    std::cerr << "fake_alpaca: " << source.error().message() << '\n';
    return 1;
  }
  std::cerr << "fake_alpaca: serving " << source->symbols().size() << " symbols, "
            << source->bar_count() << " bars\n";
  FakeServer server(options, std::move(source).value());
  if (!server.load_state()) {
    return 1;
  }
  const auto port = server.bind();
  if (!port) {
    std::cerr << "fake_alpaca: cannot listen on " << options.host << ':' << options.port << '\n';
    return 1;
  }
  std::cout << *port << std::endl; // flushed: the test harness reads it before any request
  return server.listen() ? 0 : 1;
}
