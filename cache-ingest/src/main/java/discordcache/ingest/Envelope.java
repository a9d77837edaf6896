package discordcache.ingest;

/**
 * A gateway payload's envelope: {@code op}, {@code t}, {@code s}, and {@code d}. Discord sends {@code t} and
 * {@code op} before {@code d}; then {@code d} is read in the same pass, as it streams by ({@code action}). Keys may
 * come in any other order, and then {@code d} is located (not parsed) on this pass and kept as text
 * ({@code data}), to be read once its event name is known.
 *
 * @param action what the dispatch's {@code d} asks for, when it was read in this pass; else null
 * @param data   the text of {@code d}, when it came before its event name; else null
 */
record Envelope(int op, String event, Long sequence, Events.Action action, String data) {
    /** Reads a dispatch's {@code d}, on which the cursor stands, into what it asks for. */
    interface DataReader {
        Events.Action read(String event, JsonCursor d);
    }

    static Envelope read(String payload, DataReader dataReader) {
        String text = stripByteOrderMark(payload);
        JsonCursor in = JsonCursor.over(text, null, "payload");
        var envelope = new Object() {
            Integer op;
            boolean eventGiven;
            String event;
            Long sequence;
            Events.Action action;
            String data;
        };
        in.object(name -> {
            switch (name) {
                case "op" -> {
                    refuseRepeat(envelope.op != null, envelope.event, name);
                    envelope.op = in.int32();
                }
                case "t" -> {
                    // A second t would relabel a d already read as the first one's event.
                    refuseRepeat(envelope.eventGiven, envelope.event, name);
                    envelope.eventGiven = true;
                    envelope.event = in.string();
                }
                case "s" -> envelope.sequence = in.isNull() ? null : in.int64();
                case "d" -> {
                    refuseRepeat(envelope.action != null || envelope.data != null, envelope.event, name);
                    Integer op = envelope.op;
                    if (op != null && op == 0 && envelope.event != null) {
                        envelope.action = dataReader.read(envelope.event, in.payloadOf(envelope.event));
                    } else {
                        int start = (int) in.offset();
                        in.skip();
                        envelope.data = text.substring(start, (int) in.endOffset());
                    }
                }
                default -> in.skip();
            }
        });
        in.expectEnd();
        int op = envelope.op == null ? (envelope.event != null ? 0 : -1) : envelope.op;
        if (op == -1) {
            throw new IngestException(IngestException.Kind.MISSING_FIELD, null, "op", "a gateway payload has an op");
        }
        if (op == 0 && envelope.event == null) {
            throw new IngestException(IngestException.Kind.MISSING_FIELD, null, "t", "a dispatch names its event");
        }
        if (op == 0 && envelope.action == null && envelope.data == null) {
            throw new IngestException(IngestException.Kind.MISSING_FIELD, envelope.event, "d",
                    "a dispatch carries its data");
        }
        return new Envelope(op, envelope.event, envelope.sequence, envelope.action, envelope.data);
    }

    private static void refuseRepeat(boolean given, String event, String name) {
        if (given) {
            throw new IngestException(IngestException.Kind.BAD_VALUE, event, name,
                    "a gateway payload gives each of op, t and d once, and " + name + " came twice");
        }
    }

    private static String stripByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }
}
