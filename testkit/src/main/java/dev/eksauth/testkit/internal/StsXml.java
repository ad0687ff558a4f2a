package dev.eksauth.testkit.internal;

import java.io.StringWriter;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes STS answers as STS does: XML in the 2011-06-15 namespace, or JSON when the client asked
 * for it. Not public API.
 */
public final class StsXml {
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final ObjectMapper JSON = new ObjectMapper();

    private StsXml() {
    }

    /**
     * A successful answer.
     *
     * @param action e.g. {@code GetCallerIdentity}
     * @param result the result's elements, nested maps for nested elements, in order
     * @param requestId the request id
     * @param json whether to write JSON
     */
    public static String success(String action, Map<String, Object> result, String requestId, boolean json) {
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode response = root.putObject(action + "Response");
            response.set(action + "Result", JSON.valueToTree(result));
            response.putObject("ResponseMetadata").put("RequestId", requestId);
            return root.toString();
        }
        return xml(w -> {
            w.writeStartElement(action + "Response");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeStartElement(action + "Result");
            elements(w, result);
            w.writeEndElement();
            w.writeStartElement("ResponseMetadata");
            element(w, "RequestId", requestId);
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    /** An error answer in STS's shape. */
    public static String error(String type, String code, String message, String requestId, boolean json) {
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode error = root.putObject("Error");
            error.put("Code", code);
            error.put("Message", message);
            error.put("Type", type);
            root.put("RequestId", requestId);
            return root.toString();
        }
        return xml(w -> {
            w.writeStartElement("ErrorResponse");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeStartElement("Error");
            element(w, "Type", type);
            element(w, "Code", code);
            element(w, "Message", message);
            w.writeEndElement();
            element(w, "RequestId", requestId);
            w.writeEndElement();
        });
    }

    private static void elements(XMLStreamWriter w, Map<String, Object> values) throws XMLStreamException {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> nested) {
                w.writeStartElement(e.getKey());
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) nested;
                elements(w, typed);
                w.writeEndElement();
            } else {
                element(w, e.getKey(), String.valueOf(e.getValue()));
            }
        }
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private interface XmlBody {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String xml(XmlBody body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            body.write(w);
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return out.toString();
    }
}
