package org.insurwatch.jobs.ingest;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.alert.DeadLetter;
import org.insurwatch.schema.alert.DeadLetterReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;

class LateEventFilterTest {

    @Test
    void anEventBehindTheWatermarkIsDeadLetteredWithItsBytesAndOnTimeOnesPass() throws Exception {
        try (OneInputStreamOperatorTestHarness<Logistics, Logistics> harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new LateEventFilter<>(LiveStream.LOGISTICS, "logistics")))) {
            harness.open();
            Logistics onTime = new ChainFixture("a").logistics("d", DeliveryStatus.DISPATCHED, T0);
            Logistics late = new ChainFixture("b").logistics("d", DeliveryStatus.DISPATCHED, T0.minusSeconds(60));
            harness.processWatermark(T0.minusSeconds(30).toEpochMilli());
            harness.processElement(onTime, T0.toEpochMilli());
            harness.processElement(late, T0.minusSeconds(60).toEpochMilli());

            assertThat(harness.extractOutputValues()).containsExactly(onTime);
            assertThat(harness.getSideOutput(DeadLetters.TAG)).singleElement().satisfies(record -> {
                DeadLetter letter = record.getValue();
                assertThat(letter.getReason()).isEqualTo(DeadLetterReason.TOO_LATE);
                assertThat(letter.getDetail()).contains(Instant.ofEpochMilli(T0.minusSeconds(60).toEpochMilli()).toString());
                assertThat(Logistics.getDecoder().decode(letter.getRawValue())).isEqualTo(late);
            });
        }
    }
}
