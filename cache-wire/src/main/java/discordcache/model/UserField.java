package discordcache.model;

/**
 * The fields of a {@link User} that a {@link Patch} can update: all but its key ({@code id}) and its version. The
 * constants' order is part of the wire format of patches (their ordinals are the bits of {@link Patch#fieldMask()}):
 * add new constants only at the end.
 */
public enum UserField implements EntityField<User> {
    USERNAME, DISCRIMINATOR, GLOBAL_NAME, AVATAR, BANNER, ACCENT_COLOR, PUBLIC_FLAGS, BOT, SYSTEM;

    /** {@code c} with the fields {@code p} names taken from the patch's values; key and version from {@code c}. */
    static User merge(User c, Patch<User> p) {
        return new User(c.id(), p.from(USERNAME, c).username(), p.from(DISCRIMINATOR, c).discriminator(),
                p.from(GLOBAL_NAME, c).globalName(), p.from(AVATAR, c).avatar(), p.from(BANNER, c).banner(),
                p.from(ACCENT_COLOR, c).accentColor(), p.from(PUBLIC_FLAGS, c).publicFlags(), p.from(BOT, c).bot(),
                p.from(SYSTEM, c).system(), c.version());
    }
}
