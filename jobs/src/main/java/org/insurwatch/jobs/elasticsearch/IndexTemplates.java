package org.insurwatch.jobs.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/**
 * The job's index templates (kept in dashboards/index-templates, shipped in the job jar under
 * /index-templates/) and the REST client that reaches Elasticsearch. Installing a template is a PUT, so doing
 * it on every start is harmless.
 */
public final class IndexTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexTemplates() {
    }

    public static RestClient client(List<String> hosts) {
        return RestClient.builder(hosts.stream().map(h -> {
            URI uri = URI.create(h);
            return new HttpHost(uri.getHost(), uri.getPort() == -1 ? 9200 : uri.getPort(), uri.getScheme());
        }).toArray(HttpHost[]::new)).build();
    }

    /** Installs (or replaces) the template {@code resource} for the indices {@code index} and {@code index-*}. */
    public static void install(RestClient client, String resource, String index, int replicas) throws IOException {
        Request put = new Request("PUT", "/_index_template/" + index);
        put.setJsonEntity(JSON.writeValueAsString(template(resource, index, replicas)));
        client.performRequest(put);
    }

    static ObjectNode template(String resource, String index, int replicas) {
        try (InputStream in = IndexTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the job jar");
            }
            ObjectNode template = (ObjectNode) JSON.readTree(in);
            template.putArray("index_patterns").add(index).add(index + "-*");
            ((ObjectNode) template.path("template").path("settings")).put("number_of_replicas", replicas);
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
