package discordcache.model;

import java.util.Objects;

/**
 * A guild role; cached inside its {@link Guild}. The {@code @everyone} role has the guild's id.
 *
 * @param id           the role's snowflake
 * @param name         the role name
 * @param color        the primary colour as RGB (0 = none)
 * @param hoist        whether members are shown apart in the member list
 * @param icon         the role icon hash, or null
 * @param unicodeEmoji the role's unicode emoji, or null
 * @param position     the sort position (ties broken by id)
 * @param permissions  the permission bitfield
 * @param managed      whether an integration manages the role
 * @param mentionable  whether anyone may mention the role
 * @param flags        the role flags bitfield
 */
public record Role(long id, String name, int color, boolean hoist, String icon, String unicodeEmoji, int position,
                   long permissions, boolean managed, boolean mentionable, int flags) {
    public Role {
        Objects.requireNonNull(name, "name is null");
    }
}
