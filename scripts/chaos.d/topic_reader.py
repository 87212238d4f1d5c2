"""Reads whole Kafka topics through librdkafka (ctypes, Python standard library only): what the producers produced."""
import ctypes
import ctypes.util
import time

_PARTITION_EOF = -191  # RD_KAFKA_RESP_ERR__PARTITION_EOF
_OFFSET_BEGINNING = -2
_CONSUMER = 1


class _Message(ctypes.Structure):  # rd_kafka_message_t
    _fields_ = [("err", ctypes.c_int), ("rkt", ctypes.c_void_p), ("partition", ctypes.c_int32),
                ("payload", ctypes.c_void_p), ("len", ctypes.c_size_t), ("key", ctypes.c_void_p),
                ("key_len", ctypes.c_size_t), ("offset", ctypes.c_int64), ("_private", ctypes.c_void_p)]


class _TopicPartition(ctypes.Structure):  # rd_kafka_topic_partition_t
    _fields_ = [("topic", ctypes.c_char_p), ("partition", ctypes.c_int32), ("offset", ctypes.c_int64),
                ("metadata", ctypes.c_void_p), ("metadata_size", ctypes.c_size_t), ("opaque", ctypes.c_void_p),
                ("err", ctypes.c_int), ("_private", ctypes.c_void_p)]


def _library():
    lib = ctypes.CDLL(ctypes.util.find_library("rdkafka") or "librdkafka.so.1")
    lib.rd_kafka_conf_new.restype = ctypes.c_void_p
    lib.rd_kafka_conf_set.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t]
    lib.rd_kafka_new.restype = ctypes.c_void_p
    lib.rd_kafka_new.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
    lib.rd_kafka_topic_partition_list_new.restype = ctypes.c_void_p
    lib.rd_kafka_topic_partition_list_new.argtypes = [ctypes.c_int]
    lib.rd_kafka_topic_partition_list_add.restype = ctypes.POINTER(_TopicPartition)
    lib.rd_kafka_topic_partition_list_add.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int32]
    lib.rd_kafka_topic_partition_list_destroy.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_assign.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    lib.rd_kafka_consumer_poll.restype = ctypes.POINTER(_Message)
    lib.rd_kafka_consumer_poll.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.rd_kafka_message_destroy.argtypes = [ctypes.POINTER(_Message)]
    lib.rd_kafka_consumer_close.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_destroy.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_err2str.restype = ctypes.c_char_p
    return lib


def read_topic(bootstrap, topic, partitions, timeout_s=120.0):
    """Every message value of partitions 0..partitions-1 of `topic`, from the start to the end as of now."""
    lib = _library()
    err = ctypes.create_string_buffer(512)
    conf = lib.rd_kafka_conf_new()
    for key, value in (("bootstrap.servers", bootstrap), ("group.id", "chaos-reader"), ("enable.partition.eof", "true"),
                       ("enable.auto.commit", "false"), ("fetch.wait.max.ms", "50")):
        if lib.rd_kafka_conf_set(conf, key.encode(), value.encode(), err, len(err)) != 0:
            raise RuntimeError(f"librdkafka refused {key}={value}: {err.value.decode()}")
    rk = lib.rd_kafka_new(_CONSUMER, conf, err, len(err))
    if not rk:
        raise RuntimeError(f"cannot create a Kafka consumer: {err.value.decode()}")
    values = []
    try:
        assignment = lib.rd_kafka_topic_partition_list_new(partitions)
        for p in range(partitions):
            lib.rd_kafka_topic_partition_list_add(assignment, topic.encode(), p).contents.offset = _OFFSET_BEGINNING
        code = lib.rd_kafka_assign(rk, assignment)
        lib.rd_kafka_topic_partition_list_destroy(assignment)
        if code != 0:
            raise RuntimeError(f"cannot assign {topic}: {lib.rd_kafka_err2str(code).decode()}")
        at_end = set()
        deadline = time.monotonic() + timeout_s
        while len(at_end) < partitions:
            if time.monotonic() > deadline:
                raise RuntimeError(f"reading {topic} did not reach the end of every partition in {timeout_s}s")
            message = lib.rd_kafka_consumer_poll(rk, 200)
            if not message:
                continue
            m = message.contents
            if m.err == _PARTITION_EOF:
                at_end.add(m.partition)
            elif m.err != 0:
                text = lib.rd_kafka_err2str(m.err).decode()
                lib.rd_kafka_message_destroy(message)
                raise RuntimeError(f"reading {topic}[{m.partition}] failed: {text}")
            else:
                at_end.discard(m.partition)
                values.append(ctypes.string_at(m.payload, m.len) if m.payload else b"")
            lib.rd_kafka_message_destroy(message)
    finally:
        lib.rd_kafka_consumer_close(rk)
        lib.rd_kafka_destroy(rk)
    return values
