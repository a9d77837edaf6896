package discordcache.model;

/**
 * An updatable field of entity {@code V}. A {@link Patch} names the fields a write changes, so that a partial
 * update (a Discord event that sends only some fields) can change a cached value without reading it first and
 * without mistaking an absent field for a field set to null. Implemented by one enum per entity
 * ({@link UserField}, {@link MemberField}, …); each constant's ordinal is its bit in {@link Patch#fieldMask()}.
 *
 * @param <V> the entity type
 */
public interface EntityField<V> {
    /** The field's position in its enum, which is its bit in a patch's field mask. */
    int ordinal();

    /** The record component's name in UPPER_SNAKE case. */
    String name();
}
