package discordcache.ingest;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Gateway payloads for tests, written from Discord's documented shapes: small builders over text. */
final class GatewayJson {
    private GatewayJson() {
    }

    static String dispatch(String event, long sequence, String data) {
        return "{\"op\":0,\"s\":" + sequence + ",\"t\":\"" + event + "\",\"d\":" + data + "}";
    }

    static String user(long id, String name) {
        return "{\"id\":\"" + id + "\",\"username\":\"" + name + "\",\"discriminator\":\"0\",\"global_name\":null,"
                + "\"avatar\":null,\"public_flags\":0}";
    }

    static String member(long userId, String name, long... roles) {
        return "{\"user\":" + user(userId, name) + ",\"nick\":null,\"roles\":" + ids(roles)
                + ",\"joined_at\":\"2024-01-02T03:04:05.123456+00:00\",\"premium_since\":null,\"deaf\":false,"
                + "\"mute\":false,\"pending\":false,\"flags\":0}";
    }

    static String channel(long id, String name, int position) {
        return "{\"id\":\"" + id + "\",\"type\":0,\"name\":\"" + name + "\",\"position\":" + position
                + ",\"parent_id\":null,\"topic\":null,\"nsfw\":false,\"last_message_id\":null,"
                + "\"rate_limit_per_user\":0,\"permission_overwrites\":[]}";
    }

    static String thread(long id, long parentId, String name) {
        return "{\"id\":\"" + id + "\",\"type\":11,\"parent_id\":\"" + parentId + "\",\"owner_id\":\"1\","
                + "\"name\":\"" + name + "\",\"last_message_id\":null,\"message_count\":0,\"member_count\":1,"
                + "\"rate_limit_per_user\":0,\"flags\":0,\"thread_metadata\":{\"archived\":false,"
                + "\"auto_archive_duration\":1440,\"archive_timestamp\":\"2024-01-02T03:04:05+00:00\","
                + "\"locked\":false}}";
    }

    static String presence(long userId, String status) {
        return "{\"user\":{\"id\":\"" + userId + "\"},\"status\":\"" + status + "\",\"activities\":[],"
                + "\"client_status\":{\"desktop\":\"" + status + "\"}}";
    }

    static String role(long id, String name, int position) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"color\":0,\"hoist\":false,\"position\":"
                + position + ",\"permissions\":\"1024\",\"managed\":false,\"mentionable\":false,\"flags\":0}";
    }

    /** A whole, available guild as GUILD_CREATE sends it (channels and threads without guild_id). */
    static String guildCreate(long guildId, String name, int memberCount, boolean large, List<String> members,
                              List<String> channels, List<String> threads, List<String> presences) {
        return "{\"id\":\"" + guildId + "\",\"name\":\"" + name + "\",\"icon\":null,\"owner_id\":\"1\","
                + "\"afk_timeout\":300,\"verification_level\":1,\"roles\":[" + role(guildId, "@everyone", 0) + "],"
                + "\"emojis\":[],\"features\":[],\"member_count\":" + memberCount + ",\"large\":" + large
                + ",\"joined_at\":\"2023-05-06T07:08:09.000000+00:00\",\"unavailable\":false,"
                + "\"members\":" + array(members) + ",\"channels\":" + array(channels) + ",\"threads\":"
                + array(threads) + ",\"presences\":" + array(presences) + ",\"voice_states\":[]}";
    }

    static String ready(String sessionId, long botId, long... guildIds) {
        return "{\"v\":10,\"user\":" + user(botId, "bot") + ",\"session_id\":\"" + sessionId + "\","
                + "\"resume_gateway_url\":\"wss://gateway-resume.discord.gg\",\"guilds\":["
                + IntStream.range(0, guildIds.length).mapToObj(i -> "{\"id\":\"" + guildIds[i]
                        + "\",\"unavailable\":true}").collect(Collectors.joining(",")) + "],\"shard\":[0,1],"
                + "\"application\":{\"id\":\"" + botId + "\",\"flags\":0}}";
    }

    static String array(List<String> values) {
        return "[" + String.join(",", values) + "]";
    }

    static String ids(long... ids) {
        return "[" + java.util.Arrays.stream(ids).mapToObj(id -> "\"" + id + "\"")
                .collect(Collectors.joining(",")) + "]";
    }
}
