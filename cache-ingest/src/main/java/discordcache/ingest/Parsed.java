package discordcache.ingest;

import discordcache.model.EntityField;
import discordcache.model.Patch;
import discordcache.model.Versioned;

import java.util.Set;

/**
 * An entity read from a payload, with the fields the payload carried: absent fields hold defaults and are not
 * in {@link #present()}, so that an update merges only what Discord sent.
 */
record Parsed<V extends Versioned<V>>(V value, Set<? extends EntityField<V>> present) {
    boolean has(EntityField<V> field) {
        return present.contains(field);
    }

    /** A patch of the fields present. */
    Patch<V> patch() {
        return Patch.of(value, present);
    }

    /** The same fields present, over another value (the same entity re-keyed). */
    Parsed<V> with(V other) {
        return new Parsed<>(other, present);
    }
}
