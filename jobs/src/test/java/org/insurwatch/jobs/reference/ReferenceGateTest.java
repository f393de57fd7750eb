package org.insurwatch.jobs.reference;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceGateTest {

    @Test
    void aReferenceStreamThatEndsIdleBeforeTheStartUpHoldStillReleasesEventTime() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> harness =
                     new OneInputStreamOperatorTestHarness<>(new ReferenceGate<String>(Duration.ofSeconds(20)))) {
            harness.open();
            harness.processElement("doctor version", 0);
            // read up: the source says it is idle, and then ends without a watermark of its own
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            assertThat(harness.getOutput()).noneMatch(e -> e instanceof Watermark);

            harness.endInput();
            assertThat(harness.getOutput()).contains(Watermark.MAX_WATERMARK);
        }
    }
}
