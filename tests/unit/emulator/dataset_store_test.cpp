#include "emulator/dataset_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shared/util/error.h"

namespace insights::emulator {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

LoadedUpload keyed_upload(const std::vector<std::vector<std::string>>& rows, bool keyed = true) {
  LoadedUpload upload;
  FieldSpec id;
  id.name = "id";
  id.is_unique_id = keyed;
  FieldSpec value;
  value.name = "value";
  upload.fields = {id, value};
  upload.rows = RowTable(upload.fields.size());
  for (const auto& row : rows) upload.rows.append(row);
  return upload;
}

class DatasetStoreTest : public ::testing::Test {
 protected:
  std::string failure_of(std::string_view operation, LoadedUpload upload) {
    try {
      store.apply(operation, "ds", "", std::move(upload));
    } catch (const insights::Error& error) {
      return error.what();
    }
    return "applied";
  }

  RecordIdGenerator ids;
  DatasetStore store{ids};
};

TEST_F(DatasetStoreTest, UpsertReplacesByKeyAndInsertsNewKeys) {
  store.apply("Overwrite", "ds", "", keyed_upload({{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(store.apply("Upsert", "ds", "", keyed_upload({{"b", "20"}, {"c", "3"}})), 3U);
  const auto dataset = store.snapshot("ds");
  ASSERT_TRUE(dataset);
  EXPECT_THAT(dataset->rows, ElementsAre(ElementsAre("a", "1"), ElementsAre("b", "20"), ElementsAre("c", "3")));
  EXPECT_EQ(dataset->version, 2U);
}

TEST_F(DatasetStoreTest, UpsertWithARepeatedKeyFailsAndChangesNothing) {
  store.apply("Overwrite", "ds", "", keyed_upload({{"a", "1"}}));
  EXPECT_THAT(failure_of("Upsert", keyed_upload({{"a", "2"}, {"a", "3"}})), HasSubstr("appears more than once"));
  EXPECT_THAT(store.snapshot("ds")->rows, ElementsAre(ElementsAre("a", "1")));
  EXPECT_EQ(store.snapshot("ds")->version, 1U);
}

TEST_F(DatasetStoreTest, DeleteRemovesByKeyAndNeedsTheDataset) {
  EXPECT_THAT(failure_of("Delete", keyed_upload({{"a", ""}})), HasSubstr("does not exist"));
  store.apply("Overwrite", "ds", "", keyed_upload({{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(store.apply("Delete", "ds", "", keyed_upload({{"a", "x"}})), 1U);
  EXPECT_THAT(store.snapshot("ds")->rows, ElementsAre(ElementsAre("b", "2")));
}

TEST_F(DatasetStoreTest, AppendNeedsTheSameSchemaAndNoUniqueId) {
  store.apply("Overwrite", "ds", "", keyed_upload({{"a", "1"}}, false));
  EXPECT_EQ(store.apply("Append", "ds", "", keyed_upload({{"a", "1"}}, false)), 2U);
  auto other = keyed_upload({}, false);
  other.fields.pop_back();
  other.rows = RowTable(1);
  other.rows.append(std::vector<std::string>{"z"});
  EXPECT_THAT(failure_of("Append", other), HasSubstr("schema must match"));
  store.apply("Overwrite", "ds", "", keyed_upload({{"a", "1"}}));
  EXPECT_THAT(failure_of("Append", keyed_upload({{"b", "1"}}, false)), HasSubstr("Append is refused"));
}

// Uploads may list the dataset's columns in another order; the values must land under their own names. Three
// columns in a cycle, so a mapping applied the wrong way round shows.
LoadedUpload three_columns(const std::vector<std::string>& names, const std::vector<std::vector<std::string>>& rows,
                           bool keyed = true) {
  LoadedUpload upload;
  for (const auto& name : names) {
    FieldSpec field;
    field.name = name;
    field.is_unique_id = keyed && name == "id";
    upload.fields.push_back(field);
  }
  upload.rows = RowTable(names.size());
  for (const auto& row : rows) upload.rows.append(row);
  return upload;
}

TEST_F(DatasetStoreTest, UpsertAndAppendMapColumnsByName) {
  store.apply("Overwrite", "ds", "", three_columns({"id", "value", "note"}, {{"a", "1", "n1"}, {"b", "2", "n2"}}));
  EXPECT_EQ(store.apply("Upsert", "ds", "", three_columns({"value", "note", "id"}, {{"10", "m", "a"}, {"30", "o", "c"}})),
            3U);
  EXPECT_THAT(store.snapshot("ds")->rows, ElementsAre(ElementsAre("a", "10", "m"), ElementsAre("b", "2", "n2"),
                                                      ElementsAre("c", "30", "o")));
  store.apply("Overwrite", "ds", "", three_columns({"id", "value", "note"}, {{"a", "1", "n1"}}, false));
  EXPECT_EQ(store.apply("Append", "ds", "", three_columns({"note", "id", "value"}, {{"n5", "e", "5"}}, false)), 2U);
  EXPECT_THAT(store.snapshot("ds")->rows, ElementsAre(ElementsAre("a", "1", "n1"), ElementsAre("e", "5", "n5")));
}

TEST_F(DatasetStoreTest, RowsOutliveTheUploadsTheyReplacedAndTheSnapshotLimit) {
  store.apply("Overwrite", "ds", "", keyed_upload({{"a", "1"}, {"b", "2"}}));
  store.apply("Upsert", "ds", "", keyed_upload({{"a", "3"}, {"b", "4"}}));
  store.apply("Upsert", "ds", "", keyed_upload({{"b", "5"}, {"c", "6"}}));
  store.apply("Delete", "ds", "", keyed_upload({{"a", ""}}));
  EXPECT_THAT(store.snapshot("ds")->rows, ElementsAre(ElementsAre("b", "5"), ElementsAre("c", "6")));
  EXPECT_THAT(store.snapshot("ds", 1)->rows, ElementsAre(ElementsAre("b", "5")));
  EXPECT_EQ(store.snapshot("ds", 1)->row_count, 2U);
  EXPECT_THAT(store.snapshot("ds", 0)->rows, ElementsAre());
  EXPECT_EQ(store.snapshot("ds", 0)->row_count, 2U);
}

TEST_F(DatasetStoreTest, VersionsKeepTheirRowCounts) {
  store.apply("Overwrite", "ds", "", keyed_upload({{"a", "1"}}));
  const auto first = store.find("ds");
  store.apply("Upsert", "ds", "", keyed_upload({{"b", "1"}}));
  const auto second = store.find("ds");
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->id, second->id);
  EXPECT_NE(first->current_version_id, second->current_version_id);
  EXPECT_EQ(store.version_row_count(first->id, first->current_version_id), 1U);
  EXPECT_EQ(store.version_row_count(second->id, second->current_version_id), 2U);
  EXPECT_EQ(store.find(first->id)->alias, "ds");
}

}  // namespace
}  // namespace insights::emulator
