package discordcache.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A partial update of one cached entity: the fields it names, and a value of the entity that supplies their new
 * values. Discord's update events often carry only some fields; a patch merges exactly those, so a field the event
 * left out keeps its cached value while a field sent as null is cleared (absent is not null).
 *
 * <pre>{@code
 * Patch<Member> patch = Patch.of(newValues, MemberField.NICK, MemberField.ROLES);
 * Member merged = patch.applyTo(cached);
 * }</pre>
 *
 * <p>Value-based and immutable. Patches exist for the entities with a field enum: {@link User}, {@link Guild},
 * {@link Member}, {@link Channel}, {@link ThreadChannel}, {@link Message} and {@link Presence}.
 *
 * @param <V> the entity type
 */
public final class Patch<V extends Versioned<V>> {
    private final V values;
    private final long fieldMask;
    private final Kind<V> kind;

    private Patch(V values, long fieldMask, Kind<V> kind) {
        this.values = values;
        this.fieldMask = fieldMask;
        this.kind = kind;
    }

    /**
     * A patch that sets {@code fields} to their values in {@code values}.
     *
     * @param values a value of the entity with the new values of {@code fields}; its other fields are ignored, but
     *               its key must be the key of the values the patch is applied to
     * @param fields the fields to set; none makes an empty patch
     * @throws IllegalArgumentException if {@code V} has no updatable fields
     */
    public static <V extends Versioned<V>> Patch<V> of(V values, Collection<? extends EntityField<V>> fields) {
        Objects.requireNonNull(fields, "fields is null");
        long mask = 0;
        for (EntityField<V> field : fields) {
            mask |= bit(Objects.requireNonNull(field, "field is null"));
        }
        return fromMask(values, mask);
    }

    /** A patch that sets {@code fields} to their values in {@code values}; see {@link #of(Versioned, Collection)}. */
    @SafeVarargs
    @SuppressWarnings("varargs") // Arrays.asList only reads the array
    public static <V extends Versioned<V>> Patch<V> of(V values, EntityField<V>... fields) {
        return of(values, Arrays.asList(Objects.requireNonNull(fields, "fields is null")));
    }

    /**
     * The patch of the fields whose ordinals are the set bits of {@code fieldMask}; for deserializers, which read
     * back {@link #values()} and {@link #fieldMask()}.
     *
     * @throws IllegalArgumentException if the mask names a field {@code V} does not have (for instance one added
     *                                  by a newer writer), or {@code V} has no updatable fields
     */
    public static <V extends Versioned<V>> Patch<V> fromMask(V values, long fieldMask) {
        Kind<V> kind = Kind.of(Objects.requireNonNull(values, "values is null"));
        if (fieldMask >>> kind.fields().size() != 0) {
            throw new IllegalArgumentException("Field mask " + Long.toBinaryString(fieldMask) + " names fields "
                    + kind.map() + " do not have; they have " + kind.fields().size());
        }
        return new Patch<>(values, fieldMask, kind);
    }

    /** The value that supplies the new values of the fields this patch names; its other fields are ignored. */
    public V values() {
        return values;
    }

    /** Whether this patch sets {@code field}. */
    public boolean has(EntityField<V> field) {
        return (fieldMask & bit(field)) != 0;
    }

    /** The fields this patch sets, as a bit per field ordinal; for serializers. */
    public long fieldMask() {
        return fieldMask;
    }

    /** Whether this patch sets no field, so applying it changes nothing. */
    public boolean isEmpty() {
        return fieldMask == 0;
    }

    /**
     * {@code current} with the fields this patch names taken from {@link #values()}. The key and the version come
     * from {@code current}; the write API stamps the new version.
     *
     * @throws IllegalArgumentException if {@code current} has another key than {@link #values()}
     */
    public V applyTo(V current) {
        Objects.requireNonNull(current, "current is null");
        Object currentKey = kind.map().keyOf(current);
        Object valuesKey = kind.map().keyOf(values);
        if (!currentKey.equals(valuesKey)) {
            throw new IllegalArgumentException("Cannot apply a patch of " + kind.map() + " entry " + valuesKey
                    + " to entry " + currentKey);
        }
        return kind.merge().apply(current, this);
    }

    /**
     * Where a merge reads {@code field} from: {@link #values()} if this patch names the field, else
     * {@code current}. Keeps each entity's merge one constructor call with one short expression per field.
     */
    V from(EntityField<V> field, V current) {
        return has(field) ? values : current;
    }

    private static long bit(EntityField<?> field) {
        return 1L << field.ordinal();
    }

    /** Equal to another patch that names the same fields with equal {@link #values()}, ignored fields included. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Patch<?> that && fieldMask == that.fieldMask && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return 31 * values.hashCode() + Long.hashCode(fieldMask);
    }

    /** The names of the fields set, then the values, e.g. {@code Patch[NICK, ROLES] of Member[...]}. */
    @Override
    public String toString() {
        return "Patch" + kind.fields().stream().filter(this::has).map(EntityField::name)
                .collect(Collectors.joining(", ", "[", "]")) + " of " + values;
    }

    /**
     * What patches of one entity type need: the map that knows its key, its field enum, and its merge.
     *
     * @param <V> the entity type
     */
    private record Kind<V extends Versioned<V>>(CacheMap<?, V> map, List<? extends EntityField<V>> fields,
                                                 BiFunction<V, Patch<V>, V> merge) {
        private static final Map<Class<?>, Kind<?>> BY_TYPE = Stream.<Kind<?>>of(
                        new Kind<>(CacheMap.USERS, List.of(UserField.values()), UserField::merge),
                        new Kind<>(CacheMap.GUILDS, List.of(GuildField.values()), GuildField::merge),
                        new Kind<>(CacheMap.MEMBERS, List.of(MemberField.values()), MemberField::merge),
                        new Kind<>(CacheMap.CHANNELS, List.of(ChannelField.values()), ChannelField::merge),
                        new Kind<>(CacheMap.THREADS, List.of(ThreadField.values()), ThreadField::merge),
                        new Kind<>(CacheMap.MESSAGES, List.of(MessageField.values()), MessageField::merge),
                        new Kind<>(CacheMap.PRESENCES, List.of(PresenceField.values()), PresenceField::merge))
                .collect(Collectors.toUnmodifiableMap(kind -> kind.map().valueType(), Function.identity()));

        @SuppressWarnings("unchecked") // BY_TYPE maps each entity class to the Kind of that class
        static <V extends Versioned<V>> Kind<V> of(V value) {
            Kind<?> kind = BY_TYPE.get(value.getClass());
            if (kind == null) {
                throw new IllegalArgumentException("Cannot patch " + value + ": it has no updatable fields");
            }
            return (Kind<V>) kind;
        }
    }
}
