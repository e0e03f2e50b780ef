package io.riskbase.platform.cache;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Sends a {@link CachedRepresentation}'s stored JSON as it is, with its length. */
@Provider
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
public class CachedRepresentationWriter implements MessageBodyWriter<CachedRepresentation> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == CachedRepresentation.class;
    }

    @Override
    public long getSize(
            CachedRepresentation r, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return r.json().length;
    }

    @Override
    public void writeTo(
            CachedRepresentation representation,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        headers.putSingle(HttpHeaders.CONTENT_LENGTH, Integer.toString(representation.json().length));
        out.write(representation.json());
    }
}
