#include "shared/kafka/mock_cluster.h"

#include <fmt/format.h>

#include "shared/kafka/kafka_log.h"
#include "shared/util/error.h"

namespace insights::kafka {

MockCluster::MockCluster(int brokers) {
  ConfPtr conf = make_conf({});
  route_logs(conf.get());
  owner_ = make_handle(RD_KAFKA_PRODUCER, std::move(conf));
  cluster_ = rd_kafka_mock_cluster_new(owner_.get(), brokers);
  if (cluster_ == nullptr) throw Error("cannot start the embedded Kafka broker (librdkafka mock cluster)");
}

MockCluster::~MockCluster() {
  // The cluster must go before the handle that hosts it.
  if (cluster_ != nullptr) rd_kafka_mock_cluster_destroy(cluster_);
}

std::string MockCluster::bootstrap_servers() const { return rd_kafka_mock_cluster_bootstraps(cluster_); }

void MockCluster::create_topic(const std::string& name, int partitions) {
  if (auto err = rd_kafka_mock_topic_create(cluster_, name.c_str(), partitions, 1); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(fmt::format("embedded broker: cannot create topic {}: {}", name, rd_kafka_err2str(err)));
  }
}

}  // namespace insights::kafka
