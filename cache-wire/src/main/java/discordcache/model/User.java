package discordcache.model;

import java.util.Objects;

/**
 * A Discord user, shared by all guilds the user is in.
 *
 * @param id            the user's snowflake
 * @param username      the account name (not unique)
 * @param discriminator "0" for migrated users, four digits for bots and legacy users; may be null
 * @param globalName    the display name, or null
 * @param avatar        the avatar hash, or null
 * @param banner        the banner hash, or null
 * @param accentColor   the banner colour as RGB, or null
 * @param publicFlags   the public flags bitfield
 * @param bot           whether the user is a bot
 * @param system        whether the user is Discord's system user
 * @param version       the writer's version of this value; newer values have larger versions
 */
public record User(long id, String username, String discriminator, String globalName, String avatar,
                   String banner, Integer accentColor, int publicFlags, boolean bot, boolean system, long version)
        implements Versioned<User> {
    public User {
        Objects.requireNonNull(username, "username is null");
    }

    /** This user with another version stamp. */
    @Override
    public User withVersion(long newVersion) {
        return new User(id, username, discriminator, globalName, avatar, banner, accentColor, publicFlags, bot, system,
                newVersion);
    }
}
