#pragma once
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <string>

#include "shared/kafka/kafka_conf.h"

namespace insights::kafka {

// librdkafka's in-process mock cluster, reachable on loopback by any Kafka client while this object lives.
// Its limit (librdkafka 2.0.2): each partition keeps at most 100,000 message sets or 5 MB and silently drops the
// oldest beyond that, so it is no store for a night whose consumers fall behind.
class MockCluster {
 public:
  explicit MockCluster(int brokers = 1);
  ~MockCluster();
  MockCluster(const MockCluster&) = delete;
  MockCluster& operator=(const MockCluster&) = delete;

  std::string bootstrap_servers() const;
  void create_topic(const std::string& name, int partitions);
  rd_kafka_mock_cluster_t* get() const { return cluster_; }

 private:
  HandlePtr owner_;  // the mock cluster lives inside this client handle
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
};

}  // namespace insights::kafka
