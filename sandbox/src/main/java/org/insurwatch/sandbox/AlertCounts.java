package org.insurwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** How many alerts the monthly alert indices hold, by rule: what the demo shows as it runs. */
final class AlertCounts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertCounts() {
    }

    static Map<String, Long> byRule(RestClient client, String index) throws IOException {
        Request search = new Request("POST", "/" + index + "-*/_search");
        search.setJsonEntity("{\"size\":0,\"track_total_hits\":true,\"aggs\":{\"rules\":{\"terms\":{\"field\":\"ruleId\",\"size\":100}}}}");
        Response response;
        try {
            response = client.performRequest(search);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return Map.of();
            }
            throw e;
        }
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode bucket : JSON.readTree(response.getEntity().getContent()).path("aggregations").path("rules").path("buckets")) {
            counts.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
        }
        return counts;
    }
}
