package org.insurwatch.jobs.summaries;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.insurwatch.jobs.elasticsearch.ElasticsearchDocuments;

import java.time.Instant;

/** The summary indices' documents; ids are derived from window and key, so a replayed window overwrites its document. */
public final class SummaryDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryDocuments() {
    }

    public record ChainHealthDocuments(String index) implements ElasticsearchDocuments<ChainHealth> {
        @Override
        public String templateResource() {
            return "/index-templates/insurwatch-chain-health.json";
        }

        @Override
        public long time(ChainHealth h) {
            return h.windowStart;
        }

        @Override
        public String id(ChainHealth h) {
            return Instant.ofEpochMilli(h.windowStart) + "|" + h.poolingRegion + "|" + h.stage;
        }

        @Override
        public byte[] json(ChainHealth h) {
            return bytes(JSON.createObjectNode()
                    .put("windowStart", Instant.ofEpochMilli(h.windowStart).toString())
                    .put("windowEnd", Instant.ofEpochMilli(h.windowEnd).toString())
                    .put("poolingRegion", h.poolingRegion)
                    .put("stage", h.stage.name())
                    .put("events", h.events)
                    .put("fundFen", h.fundFen));
        }
    }

    public record DoctorActivityDocuments(String index) implements ElasticsearchDocuments<DoctorActivity> {
        @Override
        public String templateResource() {
            return "/index-templates/insurwatch-doctor-activity.json";
        }

        @Override
        public long time(DoctorActivity a) {
            return a.windowStart;
        }

        @Override
        public String id(DoctorActivity a) {
            return Instant.ofEpochMilli(a.windowStart) + "|" + a.doctorId;
        }

        @Override
        public byte[] json(DoctorActivity a) {
            return bytes(JSON.createObjectNode()
                    .put("windowStart", Instant.ofEpochMilli(a.windowStart).toString())
                    .put("windowEnd", Instant.ofEpochMilli(a.windowEnd).toString())
                    .put("doctorId", a.doctorId)
                    .put("consultations", a.consultations)
                    .put("prescriptions", a.prescriptions)
                    .put("internetHospitals", a.internetHospitals));
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
