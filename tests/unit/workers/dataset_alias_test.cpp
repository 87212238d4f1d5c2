#include "workers/uploader/dataset_alias.h"

#include <gtest/gtest.h>

#include "shared/util/error.h"

namespace insights::uploader {
namespace {

TEST(DatasetAlias, RendersAndValidates) {
  EXPECT_EQ(dataset_alias("{dataset}_{org}", "north-bank", "meetings"), "meetings_north_bank");
  EXPECT_EQ(dataset_alias("bookme_{dataset}", "acme", "availability"), "bookme_availability");
  EXPECT_THROW(dataset_alias("{dataset}_{org}", "9_", "meetings"), Error);
  EXPECT_THROW(dataset_alias("{org}", "9lives", "meetings"), Error);
  EXPECT_THROW(dataset_alias("{dataset}__{org}", "acme", "meetings"), Error);
  EXPECT_THROW(dataset_alias("{dataset}_{org}", std::string(80, 'a'), "meetings"), Error);
  EXPECT_THROW(dataset_alias("{dataset}.{org}", "acme", "meetings"), Error);
}

}  // namespace
}  // namespace insights::uploader
