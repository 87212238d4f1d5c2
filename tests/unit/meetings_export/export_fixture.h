#pragma once
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "producers/meetings/meetings_export.h"
#include "shared/util/error.h"

namespace insights::meetings::test {

// A private directory per test with the files a run reads and writes.
class ExportFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("meetings-export-") + info->test_suite_name() + "-" + info->name() + "-" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  struct Emitted {
    std::string org;
    std::string row;
    std::string last_modified;
  };

  ExportStats run(const std::filesystem::path& export_file, const ReferenceData& reference,
                  const WatermarkStore& watermarks) {
    emitted_.clear();
    return read_export(export_file, reference, watermarks,
                       [&](const std::string& org, std::string_view row, std::string_view last_modified) {
                         emitted_.push_back({org, std::string(row), std::string(last_modified)});
                       });
  }

  static rapidjson::Document parse(const std::string& row) {
    rapidjson::Document document;
    document.Parse(row.c_str());
    EXPECT_FALSE(document.HasParseError()) << row;
    return document;
  }

  std::filesystem::path dir_;
  std::vector<Emitted> emitted_;
};

// Reference data of the hand-checked tests: a three-level and a two-level theme, one room, one category.
inline const char* kReference = R"({
  "organisations": [
    {"id": "acme", "name": "Acme Bank", "insights_enabled": true},
    {"id": "beta", "insights_enabled": true},
    {"id": "off", "insights_enabled": false}
  ],
  "themes": [
    {"id": "t-fixed", "parent": "t-refi", "name": "Fixed rate"},
    {"id": "t-mortgage", "parent": null, "name": "Mortgage"},
    {"id": "t-refi", "parent": "t-mortgage", "name": "Refinancing"},
    {"id": "t-savings", "name": "Savings"},
    {"id": "t-funds", "parent": "t-savings", "name": "Funds, \"global\""}
  ],
  "customer_categories": [{"id": "c-sb", "name": "small business"}],
  "rooms": [{"id": "r-glass", "name": "Glassburet", "capacity": 4}],
  "meeting_types": [
    {"id": "mt-mortgage", "name": "Mortgage consultation", "duration_min": 60},
    {"id": "mt-savings", "name": "Savings advice", "duration_min": 30}
  ]
})";

}  // namespace insights::meetings::test
