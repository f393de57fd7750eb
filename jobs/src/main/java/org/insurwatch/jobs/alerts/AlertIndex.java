package org.insurwatch.jobs.alerts;

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
 * The alert index: its composable template (kept in dashboards/index-templates, shipped in the job jar) and
 * the REST client that reaches it. Installing the template is a PUT, so doing it on every start is harmless.
 */
public final class AlertIndex {
    static final String TEMPLATE_RESOURCE = "/index-templates/insurwatch-alerts.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertIndex() {
    }

    public static RestClient client(List<String> hosts) {
        return RestClient.builder(hosts.stream().map(h -> {
            URI uri = URI.create(h);
            return new HttpHost(uri.getHost(), uri.getPort() == -1 ? 9200 : uri.getPort(), uri.getScheme());
        }).toArray(HttpHost[]::new)).build();
    }

    /** Installs (or replaces) the template for the index {@code index}. */
    public static void installTemplate(RestClient client, String index) throws IOException {
        Request put = new Request("PUT", "/_index_template/" + index);
        put.setJsonEntity(JSON.writeValueAsString(template(index)));
        client.performRequest(put);
    }

    static ObjectNode template(String index) {
        try (InputStream in = AlertIndex.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE_RESOURCE + " is missing from the job jar");
            }
            ObjectNode template = (ObjectNode) JSON.readTree(in);
            template.putArray("index_patterns").add(index).add(index + "-*");
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
