package dev.midasbridge.simulator;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One payment event as WeChat pushes it: the message fields ({@code ToUserName}, {@code FromUserName},
 * {@code CreateTime}, {@code MsgType} "event", {@code Event}, {@code MiniGame{Payload, PayEventSig, IsMock}}), rendered
 * as JSON or XML, and the safe-mode envelope around it ({@code {"ToUserName", "Encrypt"}} or
 * {@code <xml><ToUserName/><Encrypt/></xml>}). JSON is written with Moshi (through {@link JsonTree}), XML with the
 * JDK's StAX writer.
 */
record PushMessage(
        String toUserName,
        String fromUserName,
        long createTime,
        String event,
        String payload,
        String payEventSig,
        boolean isMock) {

    /** The openid WeChat's pushes name as sender ("道具发货场景固定为微信官方的 openid"); the stand-in's own value. */
    static final String OFFICIAL_OPENID = "oStandInWeChatOfficial000000";

    PushMessage {
        Objects.requireNonNull(toUserName, "toUserName");
        Objects.requireNonNull(fromUserName, "fromUserName");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(payEventSig, "payEventSig");
    }

    /** The message in plain form, JSON or XML. */
    String render(boolean xml) {
        if (!xml) {
            Map<String, Object> miniGame = new LinkedHashMap<>();
            miniGame.put("Payload", payload);
            miniGame.put("PayEventSig", payEventSig);
            miniGame.put("IsMock", isMock);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ToUserName", toUserName);
            m.put("FromUserName", fromUserName);
            m.put("CreateTime", createTime);
            m.put("MsgType", "event");
            m.put("Event", event);
            m.put("MiniGame", miniGame);
            return JsonTree.write(m);
        }
        return xml(w -> {
            text(w, "ToUserName", toUserName);
            text(w, "FromUserName", fromUserName);
            number(w, "CreateTime", Long.toString(createTime));
            text(w, "MsgType", "event");
            text(w, "Event", event);
            w.writeStartElement("MiniGame");
            text(w, "Payload", payload);
            text(w, "PayEventSig", payEventSig);
            number(w, "IsMock", Boolean.toString(isMock));
            w.writeEndElement();
        });
    }

    /** The safe-mode body around {@code encrypt}, JSON or XML. */
    static String envelope(boolean xml, String toUserName, String encrypt) {
        if (!xml) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ToUserName", toUserName);
            m.put("Encrypt", encrypt);
            return JsonTree.write(m);
        }
        return xml(w -> {
            text(w, "ToUserName", toUserName);
            text(w, "Encrypt", encrypt);
        });
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String xml(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartElement("xml");
            body.write(w);
            w.writeEndElement();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** A string element as WeChat writes it: in CDATA (escaped text when the value itself holds "]]>"). */
    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        if (value.contains("]]>")) {
            w.writeCharacters(value);
        } else {
            w.writeCData(value);
        }
        w.writeEndElement();
    }

    private static void number(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
