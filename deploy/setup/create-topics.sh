#!/usr/bin/env bash
# Creates the Kafka topics of the supervision stack. It runs in the apache/kafka image (service
# setup-topics), whose CLI tools live in /opt/kafka/bin. Running it again changes nothing: topics
# are created with --if-not-exists and the compaction setting is re-applied as is.
#
# The broker has automatic topic creation switched off. So a topic exists only if this script made
# it, and a producer that starts early fails instead of quietly creating a 1-partition,
# non-compacted topic.
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
kafka_bin="${KAFKA_BIN:-/opt/kafka/bin}"
# A single broker holds a single copy; raise it on a real cluster.
replication="${TOPIC_REPLICATION_FACTOR:-1}"
# Four partitions per event topic let the job's Kafka sources read in parallel.
event_partitions="${EVENT_TOPIC_PARTITIONS:-4}"
dead_letter_partitions="${DEAD_LETTER_TOPIC_PARTITIONS:-1}"
reference_partitions="${REFERENCE_TOPIC_PARTITIONS:-1}"
wait_seconds="${KAFKA_WAIT_SECONDS:-120}"

event_topics=(consultation prescription settlement logistics alerts)
# Reference data is keyed by entity and start of validity (D-0001@2026-03-10T00:00:00Z), offline
# visits by visit, the rule settings by version. Compaction keeps the latest record per key forever,
# so every version stays (a replay of last year needs last year's registry) and a corrected version
# republished under the same key replaces the wrong one.
reference_topics=(ref.doctors ref.institutions ref.insured-persons ref.price-caps ref.drugs
                  ref.chronic-diseases ref.offline-visits control.rule-settings)

topics_cli() {
    "$kafka_bin/kafka-topics.sh" --bootstrap-server "$bootstrap" "$@"
}

wait_for_kafka() {
    local deadline=$((SECONDS + wait_seconds))
    until topics_cli --list >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            echo "setup-topics: Kafka at $bootstrap did not answer within ${wait_seconds}s" >&2
            exit 1
        fi
        echo "setup-topics: waiting for Kafka at $bootstrap ..."
        sleep 3
    done
}

create_topic() {
    local topic="$1" partitions="$2"
    shift 2
    topics_cli --create --if-not-exists --topic "$topic" \
        --partitions "$partitions" --replication-factor "$replication" "$@"
}

wait_for_kafka

for topic in "${event_topics[@]}"; do
    create_topic "$topic" "$event_partitions"
done
create_topic dead-letters "$dead_letter_partitions"
# alerts a webhook endpoint did not take (webhooks.deadLetterTopic), for webhooks-resend
create_topic webhook-dead-letters "$dead_letter_partitions"

for topic in "${reference_topics[@]}"; do
    create_topic "$topic" "$reference_partitions" --config cleanup.policy=compact
    # --if-not-exists leaves an older topic's settings alone; this makes it compacted anyway.
    "$kafka_bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --alter \
        --entity-type topics --entity-name "$topic" --add-config cleanup.policy=compact
done

echo "setup-topics: topics ready:"
topics_cli --describe --exclude-internal | grep -E '^Topic:' || true
