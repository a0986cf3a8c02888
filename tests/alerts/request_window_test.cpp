#include "alert_fakes.hpp"
#include "alerts/request_window.hpp"

#include <gtest/gtest.h>

using namespace crew::alerts;
using crew::alerts::test::at;

TEST(RequestWindow, CountsRequestsAndFailuresInsideTheWindow) {
  RequestWindow window(std::chrono::seconds{60});
  window.record(at(0), false);
  window.record(at(10), true);
  window.record(at(30), true);
  auto counts = window.counts(at(30));
  EXPECT_EQ(counts.requests, 3);
  EXPECT_EQ(counts.errors, 2);
  counts = window.counts(at(65)); // the request at 0 has left (65 − 60 = 5 ≥ 0)
  EXPECT_EQ(counts.requests, 2);
  EXPECT_EQ(counts.errors, 2);
  counts = window.counts(at(90)); // at(30) is exactly one window old: gone
  EXPECT_EQ(counts.requests, 0);
  EXPECT_EQ(counts.errors, 0);
}

TEST(RequestWindow, ATimeStepBackCountsAsTheNewestTime) {
  RequestWindow window(std::chrono::seconds{60});
  window.record(at(100), false);
  window.record(at(50), true);
  EXPECT_EQ(window.counts(at(120)).errors, 1);
  EXPECT_EQ(window.counts(at(160)).requests, 0);
}
