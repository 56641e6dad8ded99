package io.granary.api.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The admin CLI's client of the IAM API on the same endpoint: form-encoded Query POSTs signed with
 * SigV4 for service {@code iam}, exactly what {@code aws iam} sends, and the {@code <ActionResult>}
 * turned into JSON whose field names are IAM's in lowerCamelCase ({@code UserName} → {@code userName},
 * lists of {@code member} → arrays). An {@code ErrorResponse} becomes one line with IAM's code.
 */
final class IamQuery {
    private static final String VERSION = "2010-05-08";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AdminClient client;

    IamQuery(AdminClient client) {
        this.client = client;
    }

    /**
     * Calls {@code action}; the result's JSON (an empty object for actions without result).
     *
     * @param params the action's parameters by their IAM names, in order
     */
    ObjectNode call(String action, Map<String, String> params) throws AdminCliException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put("Version", VERSION);
        form.putAll(params);
        byte[] body = encode(form).getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(client.endpoint().toString().replaceAll("/+$", "") + "/");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(AdminClient.REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        client.signer().sign("iam", "POST", uri, body, client.clock().instant()).forEach(request::header);
        HttpResponse<InputStream> response = client.exchange(request.build());
        String text = client.readAll(response.body());
        Element root = parse(text, response.statusCode());
        if (response.statusCode() / 100 != 2) {
            throw new AdminCliException(child(root, "Error", "Code") + ": " + child(root, "Error", "Message")
                    + " (HTTP " + response.statusCode() + ")");
        }
        Element result = first(root, action + "Result");
        return result == null ? NODES.objectNode() : (ObjectNode) json(result);
    }

    /** Calls {@code action} with one parameter. */
    ObjectNode call(String action, String name, String value) throws AdminCliException {
        return call(action, Map.of(name, value));
    }

    /** The ARN of the account's managed policy {@code name}. */
    String policyArn(String name) throws AdminCliException {
        for (JsonNode policy : call("ListPolicies", Map.of("Scope", "Local", "MaxItems", "1000")).path("policies")) {
            if (policy.path("policyName").asText().equals(name)) return policy.path("arn").asText();
        }
        throw new AdminCliException("NoSuchEntity: there is no policy named " + name);
    }

    private Element parse(String text, int status) throws AdminCliException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AdminCliException("HTTP " + status + " from " + client.endpoint() + " without an IAM answer "
                    + "(is it a Granary endpoint?)");
        }
    }

    /** An element as JSON: text leaves as strings, {@code member} lists as arrays, the rest as objects. */
    static JsonNode json(Element element) {
        List<Element> children = children(element);
        if (children.isEmpty()) return NODES.textNode(element.getTextContent());
        if (children.get(0).getTagName().equals("member")) {
            ArrayNode array = NODES.arrayNode();
            children.forEach(member -> array.add(json(member)));
            return array;
        }
        ObjectNode object = NODES.objectNode();
        for (Element child : children) {
            String name = child.getTagName();
            object.set(Character.toLowerCase(name.charAt(0)) + name.substring(1), json(child));
        }
        return object;
    }

    private static List<Element> children(Element element) {
        List<Element> out = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) out.add(child);
        }
        return out;
    }

    private static Element first(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst().orElse(null);
    }

    private static String child(Element root, String outer, String inner) {
        Element element = first(root, outer);
        Element leaf = element == null ? null : first(element, inner);
        return leaf == null ? "?" : leaf.getTextContent();
    }

    private static String encode(Map<String, String> form) {
        StringBuilder out = new StringBuilder();
        form.forEach((name, value) -> out.append(out.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString();
    }
}
