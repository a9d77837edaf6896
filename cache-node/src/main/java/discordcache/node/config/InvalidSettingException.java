package discordcache.node.config;

import discordcache.CacheException;

/** A setting has a value the node cannot use; the message names the setting, the value and what is expected. */
public final class InvalidSettingException extends CacheException {
    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }
}
