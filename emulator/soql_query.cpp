#include "emulator/soql_query.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <utility>

#include <fmt/format.h>

#include "emulator/api_error.h"
#include "emulator/name_rules.h"
#include "emulator/salesforce_time.h"

namespace insights::emulator {

namespace {

struct Token {
  enum class Kind { Word, String, Number, DateTime, Symbol, End };
  Kind kind = Kind::End;
  std::string text;
  std::size_t offset = 0;
};

[[noreturn]] void malformed(const std::string& problem) {
  throw bad_request("MALFORMED_QUERY", fmt::format("{}; this server supports SELECT fields FROM object [WHERE field "
                                                   "op value [AND ...]] [ORDER BY field [ASC|DESC]] [LIMIT n]",
                                                   problem));
}

constexpr std::array<std::pair<std::string_view, SoqlCondition::Op>, 6> kOperators{{
    {"=", SoqlCondition::Op::Equal},
    {"!=", SoqlCondition::Op::NotEqual},
    {"<", SoqlCondition::Op::Less},
    {"<=", SoqlCondition::Op::LessOrEqual},
    {">", SoqlCondition::Op::Greater},
    {">=", SoqlCondition::Op::GreaterOrEqual},
}};

struct Literal {
  FieldValue value;
  bool datetime = false;
};

// SOQL takes datetime fields only with unquoted datetime literals, and datetime literals only there.
void check_literal(const FieldDef& field, const Literal& literal) {
  if (is_null(literal.value)) return;
  if ((field.kind == FieldKind::DateTime) != literal.datetime) {
    throw bad_request("INVALID_QUERY_FILTER_OPERATOR",
                      field.kind == FieldKind::DateTime
                          ? fmt::format("value of filter criterion for field '{}' must be of type dateTime and should "
                                        "not be enclosed in quotes",
                                        field.name)
                          : fmt::format("a datetime literal cannot be compared with field '{}'", field.name));
  }
  if (field.kind == FieldKind::Int && !std::holds_alternative<std::int64_t>(literal.value)) {
    throw bad_request("INVALID_QUERY_FILTER_OPERATOR",
                      fmt::format("value of filter criterion for field '{}' must be a number", field.name));
  }
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.'; }

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
    } else if (c == '\'') {
      Token token{Token::Kind::String, {}, i};
      ++i;
      for (;; ++i) {
        if (i >= text.size()) malformed(fmt::format("unterminated string literal at offset {}", token.offset));
        if (text[i] == '\\' && i + 1 < text.size()) {
          token.text.push_back(text[++i]);
        } else if (text[i] == '\'') {
          ++i;
          break;
        } else {
          token.text.push_back(text[i]);
        }
      }
      tokens.push_back(std::move(token));
    } else if (const auto datetime = read_soql_datetime(text.substr(i))) {
      tokens.push_back({Token::Kind::DateTime, salesforce_datetime(datetime->instant), i});
      i += datetime->length;
    } else if (std::isdigit(static_cast<unsigned char>(c)) != 0 || (c == '-' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])) != 0)) {
      const auto start = i++;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) ++i;
      tokens.push_back({Token::Kind::Number, std::string(text.substr(start, i - start)), start});
    } else if (is_word_char(c)) {
      const auto start = i;
      while (i < text.size() && is_word_char(text[i])) ++i;
      tokens.push_back({Token::Kind::Word, std::string(text.substr(start, i - start)), start});
    } else if (text.substr(i, 2) == "!=" || text.substr(i, 2) == "<>") {
      tokens.push_back({Token::Kind::Symbol, "!=", i});
      i += 2;
    } else if (text.substr(i, 2) == "<=" || text.substr(i, 2) == ">=") {
      tokens.push_back({Token::Kind::Symbol, std::string(text.substr(i, 2)), i});
      i += 2;
    } else if (c == ',' || c == '(' || c == ')' || c == '=' || c == '<' || c == '>') {
      tokens.push_back({Token::Kind::Symbol, std::string(1, c), i});
      ++i;
    } else {
      malformed(fmt::format("unexpected character '{}' at offset {}", c, i));
    }
  }
  tokens.push_back({Token::Kind::End, {}, text.size()});
  return tokens;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  SoqlQuery parse() {
    SoqlQuery query;
    expect_keyword("SELECT");
    std::vector<Token> field_tokens{take_word("a field name")};
    while (accept_symbol(",")) field_tokens.push_back(take_word("a field name"));
    expect_keyword("FROM");
    const auto object_token = take_word("an object name");
    query.object = find_object(object_token.text);
    if (query.object == nullptr) {
      throw bad_request("INVALID_TYPE", fmt::format("sObject type '{}' is not supported.", object_token.text));
    }
    for (const auto& token : field_tokens) query.fields.push_back(field_name(*query.object, token.text));
    if (accept_keyword("WHERE")) {
      query.where.push_back(condition(*query.object));
      while (accept_keyword("AND")) query.where.push_back(condition(*query.object));
    }
    if (accept_keyword("ORDER")) {
      expect_keyword("BY");
      query.order_by = field_name(*query.object, take_word("a field name").text);
      if (accept_keyword("DESC")) {
        query.descending = true;
      } else {
        accept_keyword("ASC");
      }
    }
    if (accept_keyword("LIMIT")) query.limit = number();
    if (peek().kind != Token::Kind::End) unexpected("the end of the query");
    return query;
  }

 private:
  static std::string field_name(const ObjectDef& object, const std::string& name) {
    const auto* field = object.find(name);
    if (field == nullptr) {
      throw bad_request("INVALID_FIELD", fmt::format("No such column '{}' on entity '{}'", name, object.name));
    }
    return std::string(field->name);
  }

  const Token& peek() const { return tokens_[position_]; }

  [[noreturn]] void unexpected(std::string_view wanted) const {
    const auto& token = peek();
    if (token.kind == Token::Kind::End) malformed(fmt::format("expected {} but the query ended", wanted));
    malformed(fmt::format("expected {} but found '{}' at offset {}", wanted, token.text, token.offset));
  }

  bool accept_keyword(std::string_view keyword) {
    if (peek().kind != Token::Kind::Word || !iequals(peek().text, keyword)) return false;
    ++position_;
    return true;
  }

  void expect_keyword(std::string_view keyword) {
    if (!accept_keyword(keyword)) unexpected(keyword);
  }

  bool accept_symbol(std::string_view symbol) {
    if (peek().kind != Token::Kind::Symbol || peek().text != symbol) return false;
    ++position_;
    return true;
  }

  Token take_word(std::string_view what) {
    if (peek().kind != Token::Kind::Word) unexpected(what);
    return tokens_[position_++];
  }

  std::size_t number() {
    if (peek().kind != Token::Kind::Number) unexpected("a number");
    std::size_t value = 0;
    const auto& text = tokens_[position_++].text;
    if (std::from_chars(text.data(), text.data() + text.size(), value).ec != std::errc{}) unexpected("a number");
    return value;
  }

  Literal literal() {
    const auto& token = peek();
    if (token.kind == Token::Kind::String) {
      ++position_;
      return {token.text};
    }
    if (token.kind == Token::Kind::DateTime) {
      ++position_;
      return {token.text, true};
    }
    if (token.kind == Token::Kind::Number) {
      std::int64_t value = 0;
      const auto [end, ec] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
      if (ec != std::errc{}) malformed(fmt::format("number {} at offset {} is out of range", token.text, token.offset));
      ++position_;
      return {value};
    }
    if (accept_keyword("true")) return {true};
    if (accept_keyword("false")) return {false};
    if (accept_keyword("null")) return {std::monostate{}};
    unexpected("a literal ('text', number, datetime, true, false or null)");
  }

  FieldValue checked_literal(const FieldDef& field) {
    auto parsed = literal();
    check_literal(field, parsed);
    return std::move(parsed.value);
  }

  SoqlCondition condition(const ObjectDef& object) {
    if (peek().kind == Token::Kind::Symbol && peek().text == "(") malformed("parenthesised conditions are not supported");
    SoqlCondition result;
    result.field = field_name(object, take_word("a field name").text);
    const auto& field = *object.find(result.field);
    if (accept_keyword("IN")) {
      result.op = SoqlCondition::Op::In;
      if (!accept_symbol("(")) unexpected("'('");
      result.values.push_back(checked_literal(field));
      while (accept_symbol(",")) result.values.push_back(checked_literal(field));
      if (!accept_symbol(")")) unexpected("')'");
    } else if (const auto op = comparison()) {
      result.op = *op;
      result.values.push_back(checked_literal(field));
    } else {
      unexpected("=, !=, <, <=, >, >= or IN");
    }
    if (peek().kind == Token::Kind::Word && iequals(peek().text, "OR")) malformed("OR is not supported");
    return result;
  }

  std::optional<SoqlCondition::Op> comparison() {
    for (const auto& [symbol, op] : kOperators) {
      if (accept_symbol(symbol)) return op;
    }
    return std::nullopt;
  }

  std::vector<Token> tokens_;
  std::size_t position_ = 0;
};

bool values_equal(const FieldValue& stored, const FieldValue& wanted) {
  if (const auto* text = std::get_if<std::string>(&stored)) {
    const auto* other = std::get_if<std::string>(&wanted);
    return other != nullptr && iequals(*text, *other);
  }
  return stored == wanted;
}

const FieldValue& value_of(const FieldValues& values, const std::string& name) {
  static const FieldValue kNull;
  const auto found = values.find(name);
  return found == values.end() ? kNull : found->second;
}

// Nulls sort first, as in SOQL's default for ascending order.
int compare(const FieldValue& a, const FieldValue& b) {
  if (a.index() != b.index()) return a.index() < b.index() ? -1 : 1;
  if (const auto* text = std::get_if<std::string>(&a)) return text->compare(std::get<std::string>(b));
  if (a == b) return 0;
  return a < b ? -1 : 1;
}

// Range comparisons hold only between values of one type; null never compares.
bool range_holds(SoqlCondition::Op op, const FieldValue& stored, const FieldValue& wanted) {
  if (is_null(stored) || is_null(wanted) || stored.index() != wanted.index()) return false;
  const int order = compare(stored, wanted);
  switch (op) {
    case SoqlCondition::Op::Less:
      return order < 0;
    case SoqlCondition::Op::LessOrEqual:
      return order <= 0;
    case SoqlCondition::Op::Greater:
      return order > 0;
    default:
      return order >= 0;
  }
}

bool condition_holds(const SoqlCondition& condition, const FieldValues& values) {
  const auto& stored = value_of(values, condition.field);
  switch (condition.op) {
    case SoqlCondition::Op::Equal:
      return values_equal(stored, condition.values.front());
    case SoqlCondition::Op::NotEqual:
      return !values_equal(stored, condition.values.front());
    case SoqlCondition::Op::In:
      return std::any_of(condition.values.begin(), condition.values.end(),
                         [&](const FieldValue& wanted) { return values_equal(stored, wanted); });
    default:
      return range_holds(condition.op, stored, condition.values.front());
  }
}

}  // namespace

SoqlQuery parse_soql(std::string_view text) { return Parser(tokenize(text)).parse(); }

bool soql_matches(const SoqlQuery& query, const FieldValues& values) {
  return std::all_of(query.where.begin(), query.where.end(),
                     [&](const SoqlCondition& condition) { return condition_holds(condition, values); });
}

bool soql_before(const SoqlQuery& query, const SobjectRecord& a, const SobjectRecord& b) {
  int order = query.order_by ? compare(value_of(a.values, *query.order_by), value_of(b.values, *query.order_by)) : 0;
  if (order == 0) order = a.sequence < b.sequence ? -1 : (a.sequence > b.sequence ? 1 : 0);
  return query.descending ? order > 0 : order < 0;
}

}  // namespace insights::emulator
