package discordcache.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

import java.util.HashMap;
import java.util.Map;

/**
 * What a Redis-backed Discord cache does with a GUILD_CREATE, the fair baseline of the ingestion benchmarks: parse
 * the payload, write one hash per member and one per user (the fields a bot reads), and the guild's set of member
 * ids, pipelined per guild.
 */
final class RedisGuildStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RedisGuildStore() {
    }

    /** Applies one GUILD_CREATE dispatch; answers how many members it wrote. */
    static int apply(JedisPooled redis, String payload) throws Exception {
        JsonNode guild = JSON.readTree(payload).get("d");
        String guildId = guild.get("id").asText();
        JsonNode members = guild.get("members");
        try (Pipeline pipeline = redis.pipelined()) {
            String[] memberIds = new String[members.size()];
            for (int i = 0; i < members.size(); i++) {
                JsonNode member = members.get(i);
                JsonNode user = member.get("user");
                String userId = user.get("id").asText();
                memberIds[i] = userId;
                Map<String, String> memberFields = new HashMap<>();
                memberFields.put("nick", text(member, "nick"));
                memberFields.put("roles", member.get("roles").toString());
                memberFields.put("joined_at", text(member, "joined_at"));
                memberFields.put("premium_since", text(member, "premium_since"));
                memberFields.put("deaf", text(member, "deaf"));
                memberFields.put("mute", text(member, "mute"));
                memberFields.put("pending", text(member, "pending"));
                memberFields.put("flags", text(member, "flags"));
                pipeline.hset("member:" + guildId + ":" + userId, memberFields);
                Map<String, String> userFields = new HashMap<>();
                userFields.put("username", text(user, "username"));
                userFields.put("discriminator", text(user, "discriminator"));
                userFields.put("global_name", text(user, "global_name"));
                userFields.put("avatar", text(user, "avatar"));
                userFields.put("public_flags", text(user, "public_flags"));
                pipeline.hset("user:" + userId, userFields);
            }
            if (memberIds.length > 0) {
                pipeline.sadd("guild:" + guildId + ":members", memberIds);
            }
            pipeline.sync();
            return memberIds.length;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
