package discordcache.node.config;

/** A setting has a value the node cannot use; the message names the setting, the value and what is expected. */
public final class InvalidSettingException extends IllegalArgumentException {
    public InvalidSettingException(String message) {
        super(message);
    }
}
