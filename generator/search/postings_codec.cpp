#include "search/postings_codec.h"

namespace passerelle::search {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr unsigned kImpactBits = 4;
constexpr unsigned kMaxK = 24;

class BitWriter {
 public:
  void write(uint32_t value, unsigned count) {
    for (unsigned i = count; i-- > 0;) bit((value >> i) & 1u);
  }
  void rice(uint32_t value, unsigned k) {
    for (uint32_t q = value >> k; q > 0; --q) bit(1);
    bit(0);
    write(value & ((1u << k) - 1u), k);
  }
  std::string finish() {
    if (used_ > 0) out_ += kAlphabet[symbol_ << (6 - used_)];
    used_ = 0;
    symbol_ = 0;
    return std::move(out_);
  }

 private:
  void bit(unsigned b) {
    symbol_ = (symbol_ << 1) | b;
    if (++used_ == 6) {
      out_ += kAlphabet[symbol_];
      symbol_ = 0;
      used_ = 0;
    }
  }
  std::string out_;
  unsigned symbol_ = 0;
  unsigned used_ = 0;
};

class BitReader {
 public:
  explicit BitReader(const std::string& text) : text_(text) {}
  unsigned bit() {
    if (left_ == 0) {
      symbol_ = value_of(pos_ < text_.size() ? text_[pos_] : 'A');
      ++pos_;
      left_ = 6;
    }
    --left_;
    return (symbol_ >> left_) & 1u;
  }
  uint32_t read(unsigned count) {
    uint32_t value = 0;
    for (unsigned i = 0; i < count; ++i) value = (value << 1) | bit();
    return value;
  }
  uint32_t rice(unsigned k) {
    uint32_t q = 0;
    while (bit() == 1) ++q;
    return (q << k) | read(k);
  }

 private:
  static unsigned value_of(char c) {
    if (c >= 'A' && c <= 'Z') return static_cast<unsigned>(c - 'A');
    if (c >= 'a' && c <= 'z') return static_cast<unsigned>(c - 'a' + 26);
    if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0' + 52);
    return c == '+' ? 62 : 63;
  }
  const std::string& text_;
  size_t pos_ = 0;
  unsigned symbol_ = 0;
  unsigned left_ = 0;
};

std::vector<uint32_t> gaps_of(const std::vector<uint32_t>& docs) {
  std::vector<uint32_t> gaps;
  gaps.reserve(docs.size());
  int64_t previous = -1;
  for (uint32_t doc : docs) {
    gaps.push_back(static_cast<uint32_t>(doc - previous - 1));
    previous = doc;
  }
  return gaps;
}

// The k with the shortest code for these gaps (the smallest, on a tie).
// The length, Σ (gap >> k) + (1 + k) per gap, is convex in k: going up by
// one saves Σ ceil((gap >> k) / 2), which never grows, and costs one bit per
// gap. So k rises from 0 while that makes the code shorter.
unsigned best_k(const std::vector<uint32_t>& gaps) {
  auto length = [&](unsigned k) {
    uint64_t bits = 0;
    for (uint32_t gap : gaps) bits += (gap >> k) + 1 + k;
    return bits;
  };
  unsigned k = 0;
  for (uint64_t bits = length(0); k < kMaxK;) {
    const uint64_t next = length(k + 1);
    if (next >= bits) break;
    bits = next;
    ++k;
  }
  return k;
}

}  // namespace

EncodedList encode_postings(const std::vector<Posting>& postings) {
  std::vector<uint32_t> docs;
  docs.reserve(postings.size());
  for (const Posting& p : postings) docs.push_back(p.doc);
  const std::vector<uint32_t> gaps = gaps_of(docs);
  EncodedList list{static_cast<uint32_t>(postings.size()), best_k(gaps), {}};
  BitWriter writer;
  for (size_t i = 0; i < gaps.size(); ++i) {
    writer.rice(gaps[i], list.k);
    writer.write(postings[i].impact - 1u, kImpactBits);
  }
  list.bits = writer.finish();
  return list;
}

EncodedList encode_doc_list(const std::vector<uint32_t>& docs) {
  const std::vector<uint32_t> gaps = gaps_of(docs);
  EncodedList list{static_cast<uint32_t>(docs.size()), best_k(gaps), {}};
  BitWriter writer;
  for (uint32_t gap : gaps) writer.rice(gap, list.k);
  list.bits = writer.finish();
  return list;
}

std::vector<Posting> decode_postings(const EncodedList& list) {
  std::vector<Posting> out;
  BitReader reader(list.bits);
  int64_t doc = -1;
  for (uint32_t i = 0; i < list.count; ++i) {
    doc += reader.rice(list.k) + 1;
    out.push_back({static_cast<uint32_t>(doc), static_cast<uint8_t>(reader.read(kImpactBits) + 1)});
  }
  return out;
}

std::vector<uint32_t> decode_doc_list(const EncodedList& list) {
  std::vector<uint32_t> out;
  BitReader reader(list.bits);
  int64_t doc = -1;
  for (uint32_t i = 0; i < list.count; ++i) {
    doc += reader.rice(list.k) + 1;
    out.push_back(static_cast<uint32_t>(doc));
  }
  return out;
}

}  // namespace passerelle::search
