package org.insurwatch.sandbox;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * How many events the job has consumed: the offsets its Kafka source commits with every completed
 * checkpoint, summed over the live topics' partitions.
 */
final class ConsumedEvents {
    private ConsumedEvents() {
    }

    static long committed(Admin admin, String groupId) throws ExecutionException, InterruptedException {
        Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }
}
