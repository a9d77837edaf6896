package discordcache.cli;

import picocli.CommandLine;

/** Checks member addresses: {@code HOST}, {@code HOST:PORT} or {@code [IPv6]:PORT}. */
final class Addresses implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        try {
            return check(value.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /**
     * The address as given, when it is one.
     *
     * @throws IllegalArgumentException naming the address and the expected form
     */
    static String check(String address) {
        int colon = address.lastIndexOf(':');
        boolean bracketed = address.startsWith("[");
        boolean hasPort = bracketed ? address.contains("]:") : colon >= 0 && address.indexOf(':') == colon;
        String host = hasPort ? address.substring(0, colon) : address;
        if (host.isEmpty() || host.equals("[]")) {
            throw invalid(address);
        }
        if (hasPort) {
            String port = address.substring(colon + 1);
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
                throw invalid(address);
            }
        }
        return address;
    }

    private static IllegalArgumentException invalid(String address) {
        return new IllegalArgumentException("'" + address + "' is not a cache node address; use HOST or HOST:PORT, "
                + "e.g. 10.0.0.5:5701");
    }
}
