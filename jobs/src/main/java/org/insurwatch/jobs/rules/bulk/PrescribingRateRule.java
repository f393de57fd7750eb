package org.insurwatch.jobs.rules.bulk;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.rules.settings.SettingsInForce;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.OrderedRule;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * BULK-RATE: more prescriptions by one doctor within the sliding window (by default more than 20 in 10 min) than
 * a person can write, counted across all internet hospitals. A burst opens with the prescription that takes the
 * count over the limit, citing the whole window, takes in every prescription that keeps it over, and closes at
 * the first one that does not, or when a window passes without any.
 */
final class PrescribingRateRule implements OrderedRule<Prescription> {
    private static final long serialVersionUID = 1L;
    private final int limit;
    private final long window;
    private final int maxEvidence;
    private final Pseudonymiser pseudonymiser;
    private transient ListState<Evidence> recent;
    private transient Burst burst;

    PrescribingRateRule(JobConfig.BulkPrescribing config, Pseudonymiser pseudonymiser) {
        this.limit = config.maxPrescriptionsPerWindow;
        this.window = config.rateWindow.toMillis();
        this.maxEvidence = config.maxEvidence;
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void open(RuntimeContext runtime) {
        recent = runtime.getListState(new ListStateDescriptor<>("rate-window", new AvroTypeInfo<>(Evidence.class)));
        burst = Burst.in(runtime, "rate-burst", maxEvidence);
    }

    @Override
    public void onRecord(Prescription p, long time, SettingsInForce settings, TimerService timers, Collector<Alert> out) throws Exception {
        List<Evidence> inWindow = within(time);
        Evidence evidence = BulkEvidence.of(p, pseudonymiser);
        inWindow.add(evidence);
        recent.update(inWindow);
        if (inWindow.size() > limit) {
            if (burst.isOpen()) {
                burst.add(evidence, time);
            } else {
                for (Evidence e : inWindow) {
                    burst.add(e, time);
                }
            }
        } else if (burst.isOpen()) {
            burst.close(BulkPrescribingRules.RATE, p.getDoctorId(), time, out);
        }
        timers.registerEventTimeTimer(time + window);
    }

    @Override
    public void onTime(String doctorId, long time, TimerService timers, Collector<Alert> out) throws Exception {
        List<Evidence> inWindow = within(time);
        if (inWindow.isEmpty()) {
            recent.clear();
        } else {
            recent.update(inWindow);
        }
        if (burst.isOpen() && time >= burst.reach() + window) {
            burst.close(BulkPrescribingRules.RATE, doctorId, time, out);
        }
    }

    /** The prescriptions of the window ending at {@code time}: event time in (time - window, time]. */
    private List<Evidence> within(long time) throws Exception {
        List<Evidence> kept = new ArrayList<>();
        for (Evidence e : recent.get()) {
            if (e.getEventTime().toEpochMilli() > time - window) {
                kept.add(e);
            }
        }
        return kept;
    }
}
