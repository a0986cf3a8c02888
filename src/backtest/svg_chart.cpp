#include "backtest/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace crew::backtest {
namespace {

constexpr double k_left = 70;
constexpr double k_right = 20;
constexpr double k_top = 30;
constexpr double k_bottom = 30;

struct Frame {
  double width, height;
  std::size_t count;
  double low, high;

  double x(std::size_t index) const {
    const double span = count > 1 ? static_cast<double>(count - 1) : 1.0;
    return k_left + (width - k_left - k_right) * static_cast<double>(index) / span;
  }
  double y(double value) const {
    return k_top + (height - k_top - k_bottom) * (high - value) / (high - low);
  }
};

// A "nice" step (1, 2 or 5 · 10^k) giving about `ticks` intervals over [low, high].
double nice_step(double low, double high, int ticks) {
  const double raw = (high - low) / ticks;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0}) {
    if (raw <= m * power) {
      return m * power;
    }
  }
  return 10.0 * power;
}

std::string format_value(double value, double step, bool percent) {
  if (percent) {
    return fmt::format("{:.{}f}%", value * 100.0, step * 100.0 >= 1.0 ? 0 : 1);
  }
  const int decimals = step >= 1.0 ? 0 : static_cast<int>(std::ceil(-std::log10(step)));
  return fmt::format("{:.{}f}", value, decimals);
}

// The point indices to draw: all of them when few, else the first, min, max and last of each
// pixel column, in index order.
std::vector<std::size_t> thin(const std::vector<double>& values, std::size_t columns) {
  std::vector<std::size_t> keep;
  const std::size_t n = values.size();
  if (n <= columns * 2) {
    keep.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      keep[i] = i;
    }
    return keep;
  }
  for (std::size_t c = 0; c < columns; ++c) {
    const std::size_t from = n * c / columns;
    const std::size_t to = std::max(from + 1, n * (c + 1) / columns);
    std::size_t lo = from;
    std::size_t hi = from;
    for (std::size_t i = from; i < to; ++i) {
      if (values[i] < values[lo]) {
        lo = i;
      }
      if (values[i] > values[hi]) {
        hi = i;
      }
    }
    for (const std::size_t i : {from, std::min(lo, hi), std::max(lo, hi), to - 1}) {
      if (keep.empty() || keep.back() < i) {
        keep.push_back(i);
      }
    }
  }
  return keep;
}

void append_axes(std::string& out, const Frame& frame, const ChartSpec& spec) {
  const double step = nice_step(frame.low, frame.high, 5);
  for (double v = std::ceil(frame.low / step) * step; v <= frame.high + step * 1e-9; v += step) {
    const double y = frame.y(v);
    fmt::format_to(std::back_inserter(out),
                   "<line x1='{:.1f}' y1='{:.1f}' x2='{:.1f}' y2='{:.1f}' class='grid'/>"
                   "<text x='{:.1f}' y='{:.1f}' class='ylabel'>{}</text>\n",
                   k_left, y, frame.width - k_right, y, k_left - 6, y + 4,
                   format_value(std::abs(v) < step * 1e-9 ? 0.0 : v, step, spec.percent));
  }
  if (spec.times.empty()) {
    return;
  }
  const std::size_t labels = 6;
  for (std::size_t k = 0; k <= labels; ++k) {
    const std::size_t index = (spec.times.size() - 1) * k / labels;
    const auto anchor = k == 0 ? "start" : (k == labels ? "end" : "middle");
    fmt::format_to(std::back_inserter(out),
                   "<text x='{:.1f}' y='{:.1f}' class='xlabel' text-anchor='{}'>{}</text>\n",
                   frame.x(index), frame.height - 8, anchor,
                   core::format_rfc3339(spec.times[index]).substr(0, 10));
  }
}

void append_line(std::string& out, const Frame& frame, const ChartLine& line) {
  const auto columns = static_cast<std::size_t>(frame.width - k_left - k_right);
  std::string points;
  for (const std::size_t i : thin(line.values, columns)) {
    if (std::isfinite(line.values[i])) {
      fmt::format_to(std::back_inserter(points), "{:.1f},{:.1f} ", frame.x(i),
                     frame.y(line.values[i]));
    }
  }
  if (line.fill_to_zero && !points.empty()) {
    const double zero = frame.y(0.0);
    fmt::format_to(std::back_inserter(out),
                   "<polygon points='{:.1f},{:.1f} {}{:.1f},{:.1f}' fill='{}' fill-opacity='0.25' "
                   "stroke='none'/>\n",
                   frame.x(0), zero, points, frame.x(line.values.size() - 1), zero, line.colour);
  }
  fmt::format_to(std::back_inserter(out),
                 "<polyline points='{}' fill='none' stroke='{}' stroke-width='1.2'/>\n", points,
                 line.colour);
}

} // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string render_svg_chart(const ChartSpec& spec) {
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  std::size_t count = spec.times.size();
  for (const ChartLine& line : spec.lines) {
    count = std::max(count, line.values.size());
    for (const double v : line.values) {
      if (std::isfinite(v)) {
        low = std::min(low, v);
        high = std::max(high, v);
      }
    }
    if (line.fill_to_zero) {
      low = std::min(low, 0.0);
      high = std::max(high, 0.0);
    }
  }
  if (!std::isfinite(low)) {
    low = 0.0;
    high = 1.0;
  }
  if (high - low <= std::abs(high) * 1e-12) {
    const double pad = std::max(std::abs(high) * 0.01, 1e-9);
    low -= pad;
    high += pad;
  }
  const double pad = (high - low) * 0.04;
  const Frame frame{static_cast<double>(spec.width), static_cast<double>(spec.height), count,
                    low - pad, high + pad};

  std::string out = fmt::format("<svg xmlns='http://www.w3.org/2000/svg' width='{}' height='{}' "
                                "viewBox='0 0 {} {}' class='chart'>\n",
                                spec.width, spec.height, spec.width, spec.height);
  fmt::format_to(std::back_inserter(out), "<text x='{}' y='18' class='title'>{}</text>\n", k_left,
                 escape_html(spec.title));
  append_axes(out, frame, spec);
  double legend_x = frame.width - k_right;
  for (auto it = spec.lines.rbegin(); it != spec.lines.rend(); ++it) {
    if (!it->label.empty()) {
      fmt::format_to(std::back_inserter(out),
                     "<text x='{:.1f}' y='18' class='legend' fill='{}' "
                     "text-anchor='end'>{}</text>\n",
                     legend_x, it->colour, escape_html(it->label));
      legend_x -= 9.0 * static_cast<double>(it->label.size()) + 16.0;
    }
  }
  for (const ChartLine& line : spec.lines) {
    append_line(out, frame, line);
  }
  for (const ChartMarker& marker : spec.markers) {
    const double x = frame.x(marker.index);
    const double y = frame.y(marker.value);
    const double d = marker.up ? 1.0 : -1.0; // ▲ sits below the price, ▼ above it
    fmt::format_to(std::back_inserter(out),
                   "<path d='M{:.1f},{:.1f} l-5,{:.1f} h10 z' fill='{}'><title>{}</title></path>\n",
                   x, y + 2.0 * d, 9.0 * d, marker.colour, escape_html(marker.title));
  }
  out += "</svg>\n";
  return out;
}

} // namespace crew::backtest
