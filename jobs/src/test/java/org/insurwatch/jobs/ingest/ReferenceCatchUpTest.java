package org.insurwatch.jobs.ingest;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceCatchUpTest {

    /** Remembers whether the partition last said it was idle. */
    private static final class Output implements WatermarkOutput {
        boolean idle;
        boolean emitted;

        @Override
        public void emitWatermark(Watermark watermark) {
            emitted = true;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }

    @Test
    void holdsEventTimeWhileReadingAndStepsAsideOnceQuiet() throws Exception {
        ReferenceCatchUp generator = new ReferenceCatchUp(ReferenceBacklog.NONE, Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofSeconds(30));
        Output output = new Output();
        generator.onEvent(new RawRecord(), Long.MIN_VALUE, output);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("just read a record").isFalse();
        Thread.sleep(80);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("quiet since").isTrue();
        generator.onEvent(new RawRecord(), Long.MIN_VALUE, output);
        assertThat(output.idle).as("a live change holds event time again").isFalse();
        assertThat(output.emitted).as("never a watermark of its own").isFalse();
    }

    @Test
    void quietBeforeTheBacklogsLastRecordIsNotReadUp() throws Exception {
        ReferenceCatchUp generator = new ReferenceCatchUp(new ReferenceBacklog(Map.of(0, 3L)), Duration.ofMillis(50), Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        Output output = new Output();
        generator.onEvent(record(0), Long.MIN_VALUE, output);
        // a source held back by backpressure
        Thread.sleep(80);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("two records of the backlog still to read").isFalse();
        generator.onEvent(record(2), Long.MIN_VALUE, output);
        Thread.sleep(80);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("read up to the backlog's end, then quiet").isTrue();
    }

    @Test
    void aPartitionStalledShortOfItsBacklogCountsAsReadUpAfterTheStall() throws Exception {
        ReferenceCatchUp generator = new ReferenceCatchUp(new ReferenceBacklog(Map.of(0, 10L)), Duration.ofMillis(10), Duration.ofMillis(100),
                Duration.ofSeconds(30));
        Output output = new Output();
        generator.onEvent(record(8), Long.MIN_VALUE, output);
        Thread.sleep(30);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isFalse();
        // offset 9 held no record to read, e.g. a transaction's marker
        Thread.sleep(100);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();
    }

    @Test
    void anEmptyPartitionIsWaitedForOnlyForTheGracePeriod() throws Exception {
        ReferenceCatchUp generator = new ReferenceCatchUp(ReferenceBacklog.NONE, Duration.ofMillis(10), Duration.ofSeconds(30), Duration.ofMillis(100));
        Output output = new Output();
        Thread.sleep(30);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("a consumer still connecting is not caught up").isFalse();
        Thread.sleep(100);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();
    }

    @Test
    void aReplaysReferenceDataHoldsEventTimeUntilItEndsHoweverLongItIsQuiet() throws Exception {
        WatermarkGenerator<RawRecord> generator = EventTimes.boundedReferenceWatermarks().createWatermarkGenerator(null);
        Output output = new Output();
        generator.onEvent(new RawRecord(), Long.MIN_VALUE, output);
        // as long as a backpressured read can stall
        Thread.sleep(EventTimes.REFERENCE_QUIET.toMillis() + 200);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("quiet is not read up").isFalse();
        assertThat(output.emitted).as("event time waits for the source's end").isFalse();
    }

    private static RawRecord record(long offset) {
        return new RawRecord("reference", 0, offset, 0L, Long.MIN_VALUE, new byte[0]);
    }
}
