package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimedQueueTest {

    private record Entry(long time, int serial, long payload) {
    }

    @Test
    void givesEntriesBackEarliestFirstTiesToTheLowerSerialAsAPriorityQueueWould() {
        SplittableRandom random = new SplittableRandom(5);
        TimedQueue queue = new TimedQueue(1, true);
        PriorityQueue<Entry> expected = new PriorityQueue<>(
                Comparator.comparingLong(Entry::time).thenComparingInt(Entry::serial));
        List<Entry> taken = new ArrayList<>();
        List<Entry> expectedTaken = new ArrayList<>();
        for (int round = 0; round < 20_000; round++) {
            if (random.nextInt(3) > 0 || expected.isEmpty()) {
                // few distinct times, so that ties are common
                Entry entry = new Entry(random.nextLong(50), round, random.nextLong());
                queue.add(entry.time(), entry.serial(), entry.payload());
                expected.add(entry);
            } else {
                taken.add(new Entry(queue.peekTime(), queue.peekSerial(), queue.peekPayload()));
                queue.remove();
                expectedTaken.add(expected.poll());
            }
            assertThat(queue.size()).isEqualTo(expected.size());
        }
        while (!queue.isEmpty()) {
            taken.add(new Entry(queue.peekTime(), queue.peekSerial(), queue.peekPayload()));
            queue.remove();
            expectedTaken.add(expected.poll());
        }
        assertThat(taken).isEqualTo(expectedTaken);
    }

    @Test
    void withoutPayloadsThePayloadIsZeroAndAnEmptyQueueSaysSo() {
        TimedQueue queue = new TimedQueue(0, false);
        queue.add(7, 1, 99);
        assertThat(queue.peekPayload()).isZero();
        queue.remove();
        assertThatThrownBy(queue::peekTime).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(queue::remove).isInstanceOf(NoSuchElementException.class);
    }
}
