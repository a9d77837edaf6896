package discordcache.model;

/**
 * A user's status per platform; a platform the user is not on is null.
 *
 * @param desktop the desktop status, or null
 * @param mobile  the mobile status, or null
 * @param web     the web status, or null
 */
public record ClientStatus(String desktop, String mobile, String web) {
    private static final ClientStatus OFFLINE = new ClientStatus(null, null, null);

    /** Not on any platform. */
    public static ClientStatus offline() {
        return OFFLINE;
    }
}
