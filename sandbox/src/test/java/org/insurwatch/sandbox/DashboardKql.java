package org.insurwatch.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The subset of KQL (Kibana Query Language) the saved objects use, turned into the Elasticsearch query Kibana
 * sends for it: {@code field : "value"}, {@code field : value*}, {@code field : ("a" or "b")}, joined by
 * {@code and}, {@code or}, {@code not} and parentheses. Anything else is refused, so a saved object cannot slip
 * an untested query past the validation.
 */
final class DashboardKql {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> tokens;
    private int at;

    private DashboardKql(String kql) {
        this.tokens = tokenize(kql);
    }

    /** The query for {@code kql}; match_all for an empty one. */
    static ObjectNode toQuery(String kql) {
        if (kql == null || kql.isBlank()) {
            ObjectNode all = JSON.createObjectNode();
            all.putObject("match_all");
            return all;
        }
        DashboardKql parser = new DashboardKql(kql);
        ObjectNode query = parser.or();
        if (parser.at != parser.tokens.size()) {
            throw new IllegalArgumentException("unsupported KQL (trailing '" + parser.tokens.get(parser.at) + "'): " + kql);
        }
        return query;
    }

    /** The fields a KQL string names, to check them against the mapping. */
    static List<String> fields(String kql) {
        List<String> fields = new ArrayList<>();
        List<String> t = kql == null ? List.of() : tokenize(kql);
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i).equals(":")) {
                fields.add(t.get(i - 1));
            }
        }
        return fields;
    }

    private ObjectNode or() {
        List<ObjectNode> parts = new ArrayList<>(List.of(and()));
        while (peekKeyword("or")) {
            at++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : bool("should", parts, true);
    }

    private ObjectNode and() {
        List<ObjectNode> parts = new ArrayList<>(List.of(not()));
        while (peekKeyword("and")) {
            at++;
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : bool("filter", parts, false);
    }

    private ObjectNode not() {
        if (peekKeyword("not")) {
            at++;
            return bool("must_not", List.of(not()), false);
        }
        return primary();
    }

    private ObjectNode primary() {
        if (peek("(")) {
            at++;
            ObjectNode inner = or();
            expect(")");
            return inner;
        }
        String field = next();
        expect(":");
        if (peek("(")) {
            at++;
            List<ObjectNode> values = new ArrayList<>(List.of(value(field)));
            while (peekKeyword("or")) {
                at++;
                values.add(value(field));
            }
            expect(")");
            return values.size() == 1 ? values.get(0) : bool("should", values, true);
        }
        return value(field);
    }

    private ObjectNode value(String field) {
        String token = next();
        ObjectNode query = JSON.createObjectNode();
        if (token.startsWith("\"")) {
            query.putObject("match_phrase").put(field, token.substring(1, token.length() - 1));
        } else if (token.contains("*")) {
            query.putObject("wildcard").putObject(field).put("value", token);
        } else {
            query.putObject("match").put(field, token);
        }
        return query;
    }

    private static ObjectNode bool(String clause, List<ObjectNode> parts, boolean minimumShouldMatch) {
        ObjectNode query = JSON.createObjectNode();
        ObjectNode bool = query.putObject("bool");
        ArrayNode array = bool.putArray(clause);
        parts.forEach(array::add);
        if (minimumShouldMatch) {
            bool.put("minimum_should_match", 1);
        }
        return query;
    }

    private boolean peek(String token) {
        return at < tokens.size() && tokens.get(at).equals(token);
    }

    private boolean peekKeyword(String keyword) {
        return at < tokens.size() && tokens.get(at).toLowerCase(Locale.ROOT).equals(keyword);
    }

    private String next() {
        if (at >= tokens.size()) {
            throw new IllegalArgumentException("unsupported KQL: ends too early in " + tokens);
        }
        String token = tokens.get(at++);
        if (token.equals("(") || token.equals(")") || token.equals(":")) {
            throw new IllegalArgumentException("unsupported KQL: unexpected '" + token + "' in " + tokens);
        }
        return token;
    }

    private void expect(String token) {
        if (!peek(token)) {
            throw new IllegalArgumentException("unsupported KQL: expected '" + token + "' at " + at + " in " + tokens);
        }
        at++;
    }

    private static List<String> tokenize(String kql) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < kql.length()) {
            char c = kql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ':') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '"') {
                int end = kql.indexOf('"', i + 1);
                if (end < 0 || kql.substring(i + 1, end).contains("\\")) {
                    throw new IllegalArgumentException("unsupported KQL string in: " + kql);
                }
                tokens.add(kql.substring(i, end + 1));
                i = end + 1;
            } else {
                int start = i;
                while (i < kql.length() && !Character.isWhitespace(kql.charAt(i)) && "():\"".indexOf(kql.charAt(i)) < 0) {
                    i++;
                }
                String word = kql.substring(start, i);
                if (word.contains("\\") || word.contains("<") || word.contains(">") || word.contains("{")) {
                    throw new IllegalArgumentException("unsupported KQL word '" + word + "' in: " + kql);
                }
                tokens.add(word);
            }
        }
        return tokens;
    }
}
