package io.tandem.signaling.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one codec of the signaling wire format: strict decoding of {@link ClientMessage} (unknown types and fields,
 * duplicate fields, missing fields, type coercions and trailing content are refused) and encoding of
 * {@link ServerMessage}. Thread-safe.
 */
public final class MessageCodec {

    private final ObjectReader reader;
    private final ObjectWriter writer;

    public MessageCodec() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // "5" is not a number and 5 is not a string: no coercion between JSON scalar types.
                .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .build();
        reader = mapper.readerFor(ClientMessage.class);
        writer = mapper.writerFor(ServerMessage.class);
    }

    public ClientMessage decode(String text) throws BadMessageException {
        if (!text.stripLeading().startsWith("{")) {
            throw new BadMessageException("not a JSON object");
        }
        ClientMessage message;
        try {
            message = reader.readValue(text);
        } catch (InvalidTypeIdException e) {
            throw new BadMessageException("unknown or missing type");
        } catch (UnrecognizedPropertyException e) {
            throw new BadMessageException("unknown field");
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            throw new BadMessageException("malformed JSON");
        } catch (JsonProcessingException e) {
            throw new BadMessageException("missing field or wrong field type");
        } catch (RuntimeException e) {
            throw new BadMessageException("malformed JSON");
        }
        return message;
    }

    public String encode(ServerMessage message) {
        try {
            return writer.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }
}
