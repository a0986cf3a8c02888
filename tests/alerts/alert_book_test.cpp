#include "alert_fakes.hpp"
#include "alerts/alert_book.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::alerts;
using crew::alerts::test::at;

namespace {

AlertBook sample_book() {
  AlertBook book;
  book.open["halt"] = Episode{"halt", "halt", Severity::critical, at(0), "trading is halted", {}};
  book.open["daily_loss/CRYPTO"] = Episode{
      "daily_loss/CRYPTO", "daily_loss", Severity::warning, at(5), "CRYPTO hit \"it\"", at(65)};
  Alert alert{"halt", "halt", Severity::critical, false, at(0), at(0), "trading is halted"};
  book.outbox.push_back(Delivery{alert, {"webhook", "email"}, 2, at(90)});
  return book;
}

} // namespace

TEST(AlertBook, RoundTripsThroughJson) {
  const auto book = sample_book();
  auto parsed = parse_alert_book(to_json(book));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_EQ(*parsed, book);
  EXPECT_EQ(*parse_alert_book(to_json(AlertBook{})), AlertBook{});
}

TEST(AlertBook, MalformedJsonIsAnErrorNamingTheSetting) {
  for (const char* text : {"", "{}", R"({"open":[{"key":1}],"outbox":[]})",
                           R"({"open":[],"outbox":[{"alert":{"time":"yesterday"}}]})"}) {
    const auto parsed = parse_alert_book(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().where, "alerts.book");
  }
}

TEST(AlertBook, IsStoredInTheStateStoreSettings) {
  crew::test::TempDir dir;
  auto store = state::StateStore::open(dir / "state.db");
  ASSERT_TRUE(store.ok()) << store.error().message();
  auto empty = load_alert_book(*store);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->open.empty());
  ASSERT_TRUE(save_alert_book(*store, sample_book(), at(100)).ok());
  auto reopened = state::StateStore::open(dir / "state.db");
  ASSERT_TRUE(reopened.ok());
  auto loaded = load_alert_book(*reopened);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_EQ(*loaded, sample_book());
}
