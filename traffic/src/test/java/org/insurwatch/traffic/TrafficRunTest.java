package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficRunTest {

    private final World world = GeneratedTraffic.world(6);
    private final TrafficGenerator generator = new TrafficGenerator(world, GeneratedTraffic.options(6));

    @Test
    void countsEventsPerStreamAndChainsPerScenario() {
        RecordingSink sink = new RecordingSink();
        TrafficRun run = new TrafficRun(generator, sink, 400, 0);
        run.run();

        TrafficCounters counters = run.counters();
        assertThat(counters.events()).isEqualTo(sink.events.size());
        assertThat(counters.eventsByStream().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(counters.events());
        assertThat(counters.events("consultation"))
                .isEqualTo(sink.events.stream().filter(e -> e.stream().equals("consultation")).count());
        assertThat(counters.chains()).isEqualTo(400).isEqualTo(sink.truths.size());
        assertThat(counters.chainsByScenario().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(400);
        assertThat(counters.chains(Scenario.CLEAN)).isGreaterThan(300);
        assertThat(sink.flushed).isTrue();
    }

    @Test
    void stopEndsAnUnboundedRun() {
        RecordingSink sink = new RecordingSink() {
            @Override
            public void write(GeneratedEvent event) {
                super.write(event);
                if (events.size() == 1_000) {
                    run.stop();
                }
            }
        };
        sink.run = new TrafficRun(generator, sink, TrafficGenerator.UNBOUNDED, 0);
        sink.run.run();

        assertThat(sink.events).hasSize(1_000);
        assertThat(sink.flushed).isTrue();
    }

    @Test
    void holdsTheRate() {
        TrafficRun run = new TrafficRun(generator, new RecordingSink(), 100, 2_000);
        long started = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(seconds).isGreaterThanOrEqualTo((run.counters().events() - 1) / 2_000.0);
    }

    @Test
    void refusesANegativeRate() {
        assertThatThrownBy(() -> new TrafficRun(generator, new RecordingSink(), 1, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static class RecordingSink implements TrafficSink {
        final List<GeneratedEvent> events = new ArrayList<>();
        final List<GroundTruth> truths = new ArrayList<>();
        boolean flushed;
        TrafficRun run;

        @Override
        public void writeReference(ReferenceRecord record) {
        }

        @Override
        public void write(GeneratedEvent event) {
            events.add(event);
        }

        @Override
        public void write(GroundTruth truth) {
            truths.add(truth);
        }

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public void close() {
        }
    }
}
