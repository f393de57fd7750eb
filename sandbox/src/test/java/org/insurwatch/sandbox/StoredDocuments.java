package org.insurwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.insurwatch.jobs.elasticsearch.IndexTemplates;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads back every document of an index, as a test sees what supervisors would see. */
final class StoredDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredDocuments() {
    }

    /** The alerts of an index, in alert id order. */
    static List<JsonNode> alerts(String elasticsearchUrl, String index) throws IOException {
        return all(elasticsearchUrl, index, "alertId");
    }

    static List<JsonNode> all(String elasticsearchUrl, String index, String sortField) throws IOException {
        try (RestClient client = IndexTemplates.client(List.of(elasticsearchUrl))) {
            // the job writes monthly indices <index>-yyyy.MM
            client.performRequest(new Request("POST", "/" + index + "-*/_refresh"));
            Request search = new Request("POST", "/" + index + "-*/_search");
            search.setJsonEntity("{\"size\":10000,\"track_total_hits\":true,\"sort\":[{\"" + sortField + "\":\"asc\"}]}");
            JsonNode result = JSON.readTree(client.performRequest(search).getEntity().getContent());
            List<JsonNode> alerts = new ArrayList<>();
            result.path("hits").path("hits").forEach(hit -> alerts.add(hit.path("_source")));
            if (result.path("hits").path("total").path("value").asLong() != alerts.size()) {
                throw new IllegalStateException("more documents than one page; raise the page size");
            }
            return alerts;
        }
    }
}
