package discordcache.wire.onnode;

import com.hazelcast.map.EntryProcessor;
import discordcache.model.Patch;
import discordcache.model.Versioned;

import java.util.Map;
import java.util.Objects;

/**
 * Merges a {@link Patch} into one entry, atomically on the entry's partition: the fields the patch names take its
 * values, the others keep theirs. The merged value's version is the writer's stamp, or one above the current
 * version if that is higher, so versions of a key only grow. A merge that changes nothing leaves the entry as it
 * is, with its version: nothing is written behind and no invalidation is sent. Backups apply the same merge.
 *
 * @param patch            the fields to change
 * @param version          the writer's version stamp
 * @param insertWhenAbsent whether an absent entry is created from the patch's values (all of its fields)
 * @param returnPrevious   whether {@link #process} returns the value before the merge (else null)
 * @param <K>              the key type
 * @param <V>              the value type
 */
public record PatchProcessor<K, V extends Versioned<V>>(Patch<V> patch, long version, boolean insertWhenAbsent,
                                                        boolean returnPrevious) implements EntryProcessor<K, V, V> {
    public PatchProcessor {
        Objects.requireNonNull(patch, "patch is null");
    }

    @Override
    public V process(Map.Entry<K, V> entry) {
        V current = entry.getValue();
        if (current == null) {
            if (insertWhenAbsent) {
                entry.setValue(patch.values().withVersion(version));
            }
            return null;
        }
        V merged = patch.applyTo(current);
        if (!Versioned.sameContent(merged, current)) {
            entry.setValue(merged.withVersion(Math.max(version, current.version() + 1)));
        }
        return returnPrevious ? current : null;
    }
}
