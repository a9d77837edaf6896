package discordcache.query;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import com.hazelcast.query.impl.QueryableEntry;
import discordcache.model.MemberKey;
import discordcache.model.MessageKey;
import discordcache.model.PresenceKey;

import java.util.Map;

/**
 * Matches the entries of one guild (members, presences) or of one channel (messages) by their key: the scope is
 * the key's first snowflake, which is also its partition key. A partition scan reads each entry's key, two longs,
 * instead of reading the scope field out of each serialized value, which an attribute predicate does through a
 * generic record and which made a guild's slice cost about a microsecond per entry of its partition.
 *
 * @param <K> {@link MemberKey}, {@link PresenceKey} or {@link MessageKey}
 * @param <V> the map's value type
 */
public final class InScope<K, V> implements Predicate<K, V> {
    private final long scopeId;
    // The partition hash of the scope's keys, learnt by each instance from the first key in scope (it is not
    // serialized): keys of other scopes in the same partition are then passed over without being deserialized.
    private transient volatile int scopeHash;
    private transient volatile boolean scopeHashKnown;

    /** @param scopeId the guild id (members, presences) or channel id (messages) */
    public InScope(long scopeId) {
        this.scopeId = scopeId;
    }

    /** The predicate of a scope's entries, run on its partition only. */
    public static <K, V> Predicate<K, V> partitionOf(long scopeId) {
        return Predicates.partitionPredicate(Long.toString(scopeId), new InScope<K, V>(scopeId));
    }

    public long scopeId() {
        return scopeId;
    }

    @Override
    public boolean apply(Map.Entry<K, V> entry) {
        Data keyData = entry instanceof QueryableEntry<?, ?> queryable ? queryable.getKeyData() : null;
        boolean hashed = keyData != null && keyData.hasPartitionHash();
        if (hashed && scopeHashKnown && keyData.getPartitionHash() != scopeHash) {
            return false;
        }
        boolean inScope = scopeOf(entry.getKey()) == scopeId;
        if (inScope && hashed && !scopeHashKnown) {
            scopeHash = keyData.getPartitionHash();
            scopeHashKnown = true;
        }
        return inScope;
    }

    private static long scopeOf(Object key) {
        if (key instanceof MemberKey member) {
            return member.guildId();
        }
        if (key instanceof PresenceKey presence) {
            return presence.guildId();
        }
        if (key instanceof MessageKey message) {
            return message.channelId();
        }
        throw new IllegalArgumentException("InScope matches members, presences and messages; a key of "
                + key.getClass().getName() + " has no scope");
    }

    @Override
    public String toString() {
        return "InScope[" + scopeId + "]";
    }
}
