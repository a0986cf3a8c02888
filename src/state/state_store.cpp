#include "state/state_store.hpp"

#include "state/schema.hpp"
#include "state/state_store_impl.hpp"
#include "state/store_identity.hpp"

#include <spdlog/spdlog.h>

#include <utility>

namespace crew::state {

core::Status StateStore::Impl::set_synchronous(const std::string& value) {
  if (synchronous == value) {
    return {};
  }
  if (auto status = db.exec("PRAGMA synchronous=" + value); !status) {
    return status;
  }
  synchronous = value;
  return {};
}

core::Status StateStore::Impl::write(Durability durability,
                                     const std::function<core::Status()>& body) {
  const std::lock_guard lock(mutex);
  // The pragma cannot change inside a transaction; a joined write takes the outer one's level.
  if (!db.in_transaction() && options.durable) {
    if (auto status = set_synchronous(durability == Durability::critical ? "FULL" : "NORMAL");
        !status) {
      return status;
    }
  }
  Transaction txn(db);
  if (!txn.started()) {
    return txn.started();
  }
  if (auto status = body(); !status) {
    return status;
  }
  return txn.commit();
}

core::Status run_statement(Database& db, std::string_view sql,
                           const std::function<void(Statement&)>& bind) {
  auto stmt = db.prepare(sql);
  if (!stmt) {
    return stmt.error();
  }
  bind(*stmt);
  return stmt->run();
}

std::string record_where(const RecordQuery& query, std::string_view time_column) {
  std::string where;
  const auto add = [&](std::string_view term) {
    where += where.empty() ? "WHERE " : " AND ";
    where += term;
  };
  if (query.market) {
    add("market = ?1");
  }
  if (query.from) {
    add(std::string(time_column) + " >= ?2");
  }
  if (query.to) {
    add(std::string(time_column) + " < ?3");
  }
  if (query.symbol) {
    add("symbol = ?4");
  }
  return where;
}

void bind_record_query(Statement& s, const RecordQuery& query) {
  if (query.market) {
    s.bind(1, core::to_string(*query.market));
  }
  if (query.from) {
    s.bind(2, *query.from);
  }
  if (query.to) {
    s.bind(3, *query.to);
  }
  if (query.symbol) {
    s.bind(4, *query.symbol);
  }
}

core::Symbol stored_symbol(const std::string& text) {
  auto symbol = core::classify_symbol(text);
  if (!symbol) {
    spdlog::error("state store: unreadable symbol '{}' ({})", text, symbol.error().what);
    return core::Symbol(text, core::AssetClass::us_equity, text);
  }
  return *symbol;
}

namespace {

// A reader must not change the file: no WAL switch, no migration; the schema must be current.
core::Status check_readable(Database& db) {
  auto version = read_schema_version(db);
  if (!version) {
    return version.error();
  }
  if (*version != latest_schema_version()) {
    return core::Error{"state database has schema version " + std::to_string(*version) +
                           ", expected " + std::to_string(latest_schema_version()) +
                           " (open it once read-write to migrate)",
                       db.path().string()};
  }
  return {};
}

} // namespace

core::Result<StateStore> StateStore::open(const std::filesystem::path& file, StoreOptions options) {
  auto db = Database::open(file, options.read_only);
  if (!db) {
    return db.error();
  }
  // Before anything is written (the WAL switch writes the header, migrations the schema): is the
  // file ours, and whole?
  if (auto status = db->exec("PRAGMA busy_timeout=5000"); !status) {
    return status.error();
  }
  const auto identity = identify_state_file(*db);
  if (!identity) {
    return identity.error();
  }
  auto impl = std::make_unique<Impl>(std::move(*db), options);
  if (options.read_only) {
    if (auto status = check_readable(impl->db); !status) {
      return status.error();
    }
    return StateStore(std::move(impl));
  }
  if (*identity != StateFile::empty) {
    if (auto status = check_state_integrity(impl->db); !status) {
      return status.error();
    }
  }
  const char* pragmas[] = {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON"};
  for (const char* pragma : pragmas) {
    if (auto status = impl->db.exec(pragma); !status) {
      return status.error();
    }
  }
  if (auto status = impl->set_synchronous(options.durable ? "FULL" : "OFF"); !status) {
    return status.error();
  }
  if (auto status = migrate(impl->db); !status) {
    return status.error();
  }
  if (*identity != StateFile::ours) {
    if (auto status = stamp_state_file(impl->db); !status) {
      return status.error();
    }
  }
  spdlog::debug("state store open: {}", file.string());
  return StateStore(std::move(impl));
}

StateStore::StateStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
StateStore::StateStore(StateStore&&) noexcept = default;
StateStore& StateStore::operator=(StateStore&&) noexcept = default;
StateStore::~StateStore() = default;

const std::filesystem::path& StateStore::path() const {
  return m_impl->db.path();
}

core::Status StateStore::atomically(const std::function<core::Status()>& body) {
  return m_impl->write(Durability::critical, body);
}

} // namespace crew::state
