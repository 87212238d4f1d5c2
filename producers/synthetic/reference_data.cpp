#include "producers/synthetic/reference_data.h"

#include <fmt/format.h>

namespace insights::synthetic {

namespace {

constexpr std::array<MeetingType, 6> kMeetingTypes{{
    {"Account opening", 30},
    {"Insurance review", 30},
    {"Pension review", 45},
    {"Mortgage consultation", 60},
    {"Investment advice", 60},
    {"Business financing", 90},
}};

constexpr std::array<Theme, 12> kThemes{{
    {{"Mortgage", "Refinancing", "Fixed rate"}, 3, false},
    {{"Mortgage", "Refinancing", "Floating rate"}, 3, false},
    {{"Mortgage", "First home", "Deposit & \"BSU\""}, 3, false},
    {{"Savings", "Pension", "Individual pension (IPS)"}, 2, false},
    {{"Savings", "Funds", "Index funds, global"}, 4, false},
    {{"Savings", "Funds", "Aksjesparekonto (ASK)"}, 4, false},
    {{"Everyday banking", "Accounts", "New customer"}, 0, false},
    {{"Everyday banking", "Cards", ""}, 0, false},
    {{"Forsikring", "Bolig", "Innbo og løsøre"}, 1, false},
    {{"Business", "Financing", "Working capital"}, 5, true},
    {{"Business", "Financing", "Leasing, \"grønn\" næring"}, 5, true},
    {{"Business", "Accounts", "Cash management"}, 0, true},
}};

constexpr std::array<std::uint32_t, kThemes.size()> kThemeWeights{14, 10, 8, 9, 8, 6, 12, 6, 7, 8, 5, 7};

constexpr std::array<Room, 4> kRooms{{
    {"Rådgivningsrom 1", 2},
    {"Glassburet", 4},
    {"Møterom \"Fjord\", 2. etg", 6},
    {"Styrerommet, 4. etg", 12},
}};

constexpr std::array<std::string_view, 4> kCustomerCategories{"private", "small business", "corporate",
                                                               "public sector"};

constexpr std::array<std::string_view, 6> kLocationNames{
    "oslo-sentrum", "bergen-bryggen", "trondheim-solsiden",
    "stavanger-torget", "tromsø-havn", "kristiansand-kvadraturen",
};

}  // namespace

std::span<const MeetingType> meeting_types() { return kMeetingTypes; }
std::span<const Theme> themes() { return kThemes; }
std::span<const std::uint32_t> theme_weights() { return kThemeWeights; }
std::span<const Room> rooms() { return kRooms; }
std::span<const std::string_view> customer_categories() { return kCustomerCategories; }

std::string location_name(std::uint32_t number) {
  const auto index = (number == 0 ? 0 : number - 1);
  const auto base = kLocationNames[index % kLocationNames.size()];
  const auto round = index / kLocationNames.size();
  return round == 0 ? std::string(base) : fmt::format("{}-{}", base, round + 1);
}

}  // namespace insights::synthetic
