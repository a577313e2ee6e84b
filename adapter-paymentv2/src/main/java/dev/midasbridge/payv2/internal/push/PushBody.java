package dev.midasbridge.payv2.internal.push;

import dev.midasbridge.core.error.PushVerificationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * One push body (or the message inside a safe-mode envelope), JSON or XML, read into its fields: the top-level
 * strings ({@code ToUserName}, {@code Event}, {@code Encrypt}, ...) and the {@code MiniGame} object's
 * {@code Payload}, {@code PayEventSig}, {@code IsMock}. XML is read by the JDK with DTDs and external entities
 * refused (a push body is hostile input).
 */
record PushBody(Format format, Map<String, Object> top, Map<String, Object> miniGame) {
    /** The two formats of the message-push channel. */
    enum Format {
        JSON,
        XML
    }

    /** The largest body read: pushes are a few kilobytes. */
    static final int MAX_BYTES = 1 << 20;

    String text(String name) {
        Object v = top.get(name);
        return v instanceof String s ? s : v instanceof JsonTree.Num n ? n.text() : null;
    }

    boolean hasMiniGame() {
        return miniGame != null;
    }

    /** Reads {@code body}; {@code contentType} (may be null) decides the format, else its first character does. */
    static PushBody read(byte[] body, String contentType) {
        if (body.length > MAX_BYTES) {
            throw PushVerificationException.body(
                    null, 0, 0, "the body has " + body.length + " bytes, more than " + MAX_BYTES);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return read(text, formatOf(text, contentType));
    }

    static Format formatOf(String text, String contentType) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ct.contains("json")) {
            return Format.JSON;
        }
        if (ct.contains("xml")) {
            return Format.XML;
        }
        String s = text.stripLeading();
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1).stripLeading();
        }
        return s.startsWith("<") ? Format.XML : Format.JSON;
    }

    static PushBody read(String text, Format format) {
        return format == Format.XML ? readXml(text) : readJson(text);
    }

    private static PushBody readJson(String text) {
        Object root;
        try {
            root = JsonTree.parse(text);
        } catch (JsonTree.Malformed e) {
            throw PushVerificationException.body(e.path, 0, 0, "not valid JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw PushVerificationException.body(null, 0, 0, "the JSON body is not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) map;
        Object mg = top.get("MiniGame");
        Map<String, Object> miniGame = null;
        if (mg != null) {
            if (!(mg instanceof Map<?, ?> m)) {
                throw PushVerificationException.body("MiniGame", 0, 0, "must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> cast = (Map<String, Object>) m;
            miniGame = cast;
        }
        return new PushBody(Format.JSON, top, miniGame);
    }

    private static PushBody readXml(String text) {
        Document doc;
        try {
            DocumentBuilder builder = hardenedFactory().newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {}

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are refused");
            });
            doc = builder.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (SAXParseException e) {
            throw PushVerificationException.body(
                    null, e.getLineNumber(), e.getColumnNumber(), "not valid XML (or refused): " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw PushVerificationException.body(null, 0, 0, "not valid XML (or refused): " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refused the hardening features", e);
        }
        Element root = doc.getDocumentElement();
        Map<String, Object> top = children(root, "");
        Object mg = top.get("MiniGame");
        Map<String, Object> miniGame = null;
        if (mg != null) {
            miniGame = xmlObject(root, "MiniGame");
            top.put("MiniGame", miniGame);
        }
        return new PushBody(Format.XML, top, miniGame);
    }

    private static Map<String, Object> xmlObject(Element parent, String name) {
        NodeList list = parent.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof Element e && e.getTagName().equals(name)) {
                return children(e, name + ".");
            }
        }
        return null;
    }

    /** The element children of {@code e} as name to text; a repeated element is refused. */
    private static Map<String, Object> children(Element e, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        NodeList list = e.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            Node n = list.item(i);
            if (n instanceof Element c) {
                String name = c.getTagName();
                if (out.containsKey(name)) {
                    throw PushVerificationException.body(prefix + name, 0, 0, "the element appears twice");
                }
                out.put(name, c.getTextContent());
            }
        }
        return out;
    }

    /** The JDK's DOM parser with DTDs, external entities and XInclude off. */
    static DocumentBuilderFactory hardenedFactory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        f.setValidating(false);
        return f;
    }
}
