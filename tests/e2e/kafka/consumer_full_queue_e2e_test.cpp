// librdkafka 2.0.2 looks at a full prefetch queue again only once a second. A consumer draining a backlog many times
// its queue must not wait out that second at every refill (the consumer's FetchWaker). The mock cluster does not
// bound its fetch responses, so only a real broker shows the stall; scripts/test sets INSIGHTS_E2E_BOOTSTRAP.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <string>

#include "shared/kafka/consumer.h"
#include "shared/kafka/producer.h"
#include "shared/kafka/topic_admin.h"

namespace insights::kafka {
namespace {

TEST(ConsumerFullQueue, DrainsABacklogOfManyQueuesWithoutASecondPerRefill) {
  const char* bootstrap = std::getenv("INSIGHTS_E2E_BOOTSTRAP");
  if (bootstrap == nullptr || *bootstrap == '\0') {
    GTEST_SKIP() << "set INSIGHTS_E2E_BOOTSTRAP to a running Kafka broker (scripts/test does: scripts/kafka start)";
  }
  // 4 MB in one partition against a 64 KB queue refilled 64 KB at a time: 60-odd refills, about a minute if each
  // waited for librdkafka's second, well under a second when the broker thread is woken.
  constexpr int kMessages = 4000;
  const std::string tag = std::to_string(std::random_device{}());
  const std::string topic = "full-queue-" + tag;
  const Properties common{{"bootstrap.servers", bootstrap}};
  ensure_topics(common, {{topic, 1}}, std::chrono::seconds(30));
  {
    // Uncompressed and in small record batches: a fetch returns whole batches, so large or compressible ones
    // would refill the queue with far more than 64 KB at a time.
    Properties producing = common;
    producing.insert(producing.end(), {{"compression.type", "none"}, {"batch.size", "16384"}});
    Producer producer(producing);
    std::mt19937 random(7);
    std::string payload(1000, ' ');
    for (int i = 0; i < kMessages; ++i) {
      for (char& c : payload) c = static_cast<char>('a' + random() % 26);
      producer.produce(topic, "key", payload);
      if (i % 500 == 0) producer.poll();
    }
    producer.flush(std::chrono::seconds(30));
  }
  Properties properties = common;
  properties.insert(properties.end(), {{"fetch.wait.max.ms", "10"},
                                       {"queued.max.messages.kbytes", "64"},
                                       {"max.partition.fetch.bytes", "65536"},
                                       {"fetch.max.bytes", "65536"},
                                       {"message.max.bytes", "65536"}});
  Consumer consumer(properties, "full-queue-" + tag, {topic}, nullptr, true);
  int received = 0;
  // A third of the time the refills would take at a second each: generous for a loaded machine, and far too short
  // for a consumer that stalls.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (received < kMessages && std::chrono::steady_clock::now() < deadline) {
    auto message = consumer.poll(std::chrono::milliseconds(100));
    if (message && message->error() == RD_KAFKA_RESP_ERR_NO_ERROR) ++received;
  }
  EXPECT_EQ(received, kMessages) << "the consumer stalled with a full queue";
  consumer.close();
}

}  // namespace
}  // namespace insights::kafka
