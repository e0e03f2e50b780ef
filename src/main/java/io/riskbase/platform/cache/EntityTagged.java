package io.riskbase.platform.cache;

/**
 * A cached result with an entity tag of its own (a risk's version, which {@code If-Match} on writes compares): the
 * cache stores this tag with the entry instead of the hash of its JSON, so an answer sent from the stored bytes
 * ({@link CachedRepresentation}) carries the same ETag as one made from the value.
 */
public interface EntityTagged {

    /** The strong ETag, quoted. */
    String entityTag();
}
