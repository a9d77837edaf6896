package discordcache.model;

/**
 * A channel's permission overwrite for one role or member.
 *
 * @param id    the role or user id
 * @param type  0 for a role, 1 for a member
 * @param allow the allowed permission bits
 * @param deny  the denied permission bits
 */
public record PermissionOverwrite(long id, int type, long allow, long deny) {
    /** The {@link #type()} of an overwrite for a role. */
    public static final int ROLE = 0;
    /** The {@link #type()} of an overwrite for a member. */
    public static final int MEMBER = 1;
}
